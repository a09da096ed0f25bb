// Bundles the front end into dist/ (called by build.sh after it has put Pyodide and the
// wheels in place): app.js + app.css (the page), worker.js (owns Pyodide), index.html,
// and sw.js with the list of every file in dist/ to cache for offline use.
//
//   node web/build.mjs --config site.config.json --dist dist --pynn-wheel pynn_keras-0.1.0-py3-none-any.whl
//
// dist/site/ (numpy, pynn and the start-up snapshots) is written before, by web/snapshot.mjs.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const WEB = dirname(fileURLToPath(import.meta.url));
const PAGE_BUDGET_BYTES = 1024 * 1024;

const { values: args } = parseArgs({
  options: {
    config: { type: 'string' },
    dist: { type: 'string' },
    'pynn-wheel': { type: 'string' },
  },
});
for (const name of ['config', 'dist', 'pynn-wheel']) {
  if (!args[name]) throw new Error(`web/build.mjs: --${name} is required`);
}
const config = JSON.parse(readFileSync(args.config, 'utf8'));
const dist = args.dist;
const siteManifest = JSON.parse(readFileSync(join(dist, 'site', 'site.json'), 'utf8'));

const examples = config.examples.map((example) => ({
  name: example.name,
  title: example.title,
  code: readFileSync(join(WEB, 'examples', example.file), 'utf8'),
}));
if (!examples.some((example) => example.name === config.defaultExample)) {
  throw new Error(`site.config.json: defaultExample "${config.defaultExample}" is not in examples`);
}

// `import { SITE } from 'virtual:site'` and `import { EXAMPLES } from 'virtual:examples'`.
const virtualModules = {
  'virtual:site': `export const SITE = ${JSON.stringify({
    title: config.title,
    pyodideVersion: config.pyodide.version,
    pynnWheel: args['pynn-wheel'],
    snapshot: Boolean(siteManifest.snapshot),
  })};`,
  'virtual:examples': `export const EXAMPLES = ${JSON.stringify(examples)};
export const DEFAULT_EXAMPLE = ${JSON.stringify(config.defaultExample)};`,
};
const virtualPlugin = {
  name: 'virtual',
  setup(build) {
    build.onResolve({ filter: /^virtual:/ }, (a) => ({ path: a.path, namespace: 'virtual' }));
    build.onLoad({ filter: /.*/, namespace: 'virtual' }, (a) => ({
      contents: virtualModules[a.path],
      loader: 'js',
    }));
  },
};

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

const common = {
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  legalComments: 'none',
  plugins: [virtualPlugin],
  logLevel: 'warning',
};

// The worker (a classic script: the sandbox starts it from a blob: URL, see
// src/sandbox-host.js), with Pyodide's loader bundled in.
await esbuild.build({
  ...common,
  format: 'iife',
  entryPoints: { worker: join(WEB, 'src', 'worker', 'worker.js') },
  outdir: dist,
  external: ['node:*', 'ws'], // Pyodide's loader imports them only under Node
});

// HDF5 (h5wasm, ~4 MB with its WebAssembly inlined): its own file, loaded by the worker only
// before a program that may save or load HDF5 — never part of the page's first download.
// An ES module: the worker imports it from a blob: URL made of the bytes the page hands over.
await esbuild.build({
  ...common,
  entryPoints: { h5wasm: join(WEB, 'src', 'worker', 'h5wasm.js') },
  outdir: dist,
  logLevel: 'error',
});

// The sandbox host, inlined into the sandbox iframe's srcdoc by the page (and allowed by its
// hash in the Content-Security-Policy), and the files the worker may ask the page for: every
// file now in dist/ except the wheels (the page's own files are written below).
const host = await esbuild.build({ ...common, format: 'iife', write: false, entryPoints: [join(WEB, 'src', 'sandbox-host.js')] });
const hostScript = host.outputFiles[0].text;
if (/<\/script/i.test(hostScript)) throw new Error('web/build.mjs: the sandbox host contains "</script"');
const hostHash = `sha256-${createHash('sha256').update(hostScript).digest('base64')}`;
const workerFiles = listFiles(dist).map((path) => relative(dist, path).split(sep).join('/'))
  .filter((path) => !path.endsWith('.whl')).sort();
virtualModules['virtual:sandbox'] = `export const HOST_SCRIPT = ${JSON.stringify(hostScript)};
export const WORKER_FILES = ${JSON.stringify(workerFiles)};`;

await esbuild.build({
  ...common,
  entryPoints: { app: join(WEB, 'src', 'main.js') },
  outdir: dist,
});

// The start check runs before the app as a classic script (so it runs even from file://).
await esbuild.build({
  ...common,
  format: 'iife',
  entryPoints: { 'start-check': join(WEB, 'src', 'start-check.js') },
  outdir: dist,
});
// A teacher's one-command server for a copied dist/ folder (Python's standard library only).
writeFileSync(join(dist, 'serve.py'), readFileSync(join(WEB, '..', 'tools', 'serve.py')));

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
writeFileSync(join(dist, 'index.html'), readFileSync(join(WEB, 'index.html'), 'utf8')
  .replaceAll('__TITLE__', escapeHtml(config.title))
  .replaceAll('__BASE_PATH__', escapeHtml(config.basePath || './'))
  .replaceAll('__SANDBOX_HOST_HASH__', hostHash));

writeFileSync(join(dist, 'favicon.svg'), readFileSync(join(WEB, 'favicon.svg')));

// The service worker caches every file now in dist/, under a name that changes with them.
// The wheels stay in dist/ as downloads but are not cached: the page never loads them
// (numpy and pynn come unpacked in site/site-packages.bin).
// h5wasm.js is not precached either: the first visit must not download the HDF5 library.
// The worker fetches it for the first program that may use HDF5; the service worker then
// keeps it like any other response.
const LAZY_FILES = new Set(['h5wasm.js']);
const files = listFiles(dist)
  .map((path) => relative(dist, path).split(sep).join('/'))
  .filter((path) => path !== 'sw.js' && path !== 'serve.py' && !path.endsWith('.whl') && !LAZY_FILES.has(path))
  .sort();
const digest = createHash('sha256');
for (const file of files) digest.update(file).update(readFileSync(join(dist, file)));
const cacheName = `pynn-${digest.digest('hex').slice(0, 16)}`;
const precache = ['./', ...files];
const swSource = readFileSync(join(WEB, 'src', 'sw.js'), 'utf8')
  .replace("'__CACHE_NAME__'", JSON.stringify(cacheName))
  .replace('__PRECACHE_FILES__', JSON.stringify(precache));
const sw = await esbuild.transform(swSource, { minify: true, target: 'es2022' });
writeFileSync(join(dist, 'sw.js'), sw.code);

const pageFiles = ['app.js', 'app.css', 'worker.js', 'sw.js', 'start-check.js', 'index.html'];
const pageBytes = pageFiles.reduce((sum, file) => sum + statSync(join(dist, file)).size, 0);
console.log(`web/build.mjs: page JS+CSS+HTML ${pageBytes.toLocaleString('en')} bytes `
  + `(${pageFiles.join(', ')}; budget ${PAGE_BUDGET_BYTES.toLocaleString('en')}); cache ${cacheName}, `
  + `${precache.length} files`);
if (pageBytes > PAGE_BUDGET_BYTES) {
  console.error('web/build.mjs: the page\'s own JS+CSS exceeds 1 MB');
  process.exit(1);
}
