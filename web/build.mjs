// Bundles the front end into dist/ (called by build.sh after it has put Pyodide and the
// wheels in place): app.js + app.css (the page), worker.js (owns Pyodide), index.html,
// and sw.js with the build's manifest (every file's SHA-256) and the compressed start-up pack.
//
//   node web/build.mjs --config site.config.json --dist dist --pynn-wheel pynn_keras-0.1.0-py3-none-any.whl
//
// dist/site/ (numpy, pynn and the start-up snapshots) is written before, by web/snapshot.mjs.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import {
  readFileSync,
  writeFileSync,
  readdirSync,
  statSync,
  mkdirSync,
  rmSync,
  existsSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, relative, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { splitFiles } from './src/tabs-format.js';
import { notebookTextToProgram } from './src/notebook-text.js';

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

// An example is a program (`.py`), possibly of several files in the multi-file format
// (src/tabs-format.js: `files` are its tabs, `active` the one opened and run first, `code` the
// text as written), or a notebook's text export (`.txt`, the seeds), turned into cells exactly
// as pasting it would (notebook-text.js). Each has an English title and variant and, where
// there is one, a Korean title and a Korean-commented copy (examples/ko/, the same code:
// tests/web/test_examples_ko.py); examples.js picks the page's language.
function exampleVariant(file) {
  let code = readFileSync(join(WEB, 'examples', file), 'utf8');
  if (file.endsWith('.txt')) {
    code = notebookTextToProgram(code);
    if (!code) throw new Error(`web/examples/${file}: no notebook cells found`);
  }
  let session;
  try {
    session = splitFiles(code);
  } catch (err) {
    throw new Error(`web/examples/${file}: ${err.message}`, { cause: err });
  }
  return { code, ...session };
}
const examples = config.examples.map((example) => {
  const ko = join('ko', example.file);
  return {
    name: example.name,
    title: { en: example.title, ko: example.titleKo || example.title },
    variants: {
      en: exampleVariant(example.file),
      ...(existsSync(join(WEB, 'examples', ko)) ? { ko: exampleVariant(ko) } : {}),
    },
  };
});
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
    datasets: Object.keys(config.datasets),
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

// The files of keras.datasets (site.config.json `datasets`), as dist/datasets/<name>.npz:
// lazy files of the build (below), fetched by the worker before a program that names the
// dataset (src/worker/datasets.js); pynn in the page is installed without them (snapshot.mjs).
const DATASET_FILES = Object.entries(config.datasets).map(([name, { file }]) => {
  const path = `datasets/${name}.npz`;
  mkdirSync(join(dist, 'datasets'), { recursive: true });
  writeFileSync(join(dist, path), readFileSync(join(WEB, '..', file)));
  return path;
});

// The sandbox host, inlined into the sandbox iframe's srcdoc by the page (and allowed by its
// hash in the Content-Security-Policy), and the files the worker may ask the page for: every
// file now in dist/ except the wheels (the page's own files are written below).
const host = await esbuild.build({
  ...common,
  format: 'iife',
  write: false,
  entryPoints: [join(WEB, 'src', 'sandbox-host.js')],
});
const hostScript = host.outputFiles[0].text;
if (/<\/script/i.test(hostScript))
  throw new Error('web/build.mjs: the sandbox host contains "</script"');
const hostHash = `sha256-${createHash('sha256').update(hostScript).digest('base64')}`;
const workerFiles = listFiles(dist)
  .map((path) => relative(dist, path).split(sep).join('/'))
  .filter((path) => !path.endsWith('.whl'))
  .sort();
virtualModules['virtual:sandbox'] = `export const HOST_SCRIPT = ${JSON.stringify(hostScript)};
export const WORKER_FILES = ${JSON.stringify(workerFiles)};`;

// The page's module script is always read as UTF-8, so its Korean text (the UI strings, the
// seeds' notebooks) stays UTF-8 instead of \uXXXX escapes (half the bytes).
await esbuild.build({
  ...common,
  charset: 'utf8',
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
writeFileSync(
  join(dist, 'index.html'),
  readFileSync(join(WEB, 'index.html'), 'utf8')
    .replaceAll('__TITLE__', escapeHtml(config.title))
    .replaceAll('__BASE_PATH__', escapeHtml(config.basePath || './'))
    .replaceAll('__SANDBOX_HOST_HASH__', hostHash),
);

writeFileSync(join(dist, 'favicon.svg'), readFileSync(join(WEB, 'favicon.svg')));

// The manifest: every file of the build with its SHA-256, size and type (the service worker
// serves nothing else, and checks each file against it), and the start-up pack (src/pack.js).
// The wheels stay in dist/ as downloads but are not part of it: the page never loads them
// (numpy and pynn come unpacked in site/site-packages.bin).
// h5wasm.js (the HDF5 library) and the dataset files are lazy: part of the build, checked like
// any file, but not downloaded at install (the first visit does not need them); the worker
// asks for one for the first program that may use it, and the service worker then keeps it.
const LAZY_FILES = new Set(['h5wasm.js', ...DATASET_FILES]);
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
};
const contentType = (path) =>
  CONTENT_TYPES[path.slice(path.lastIndexOf('.'))] || 'application/octet-stream';
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
// The page's own files stay as they are (the browser loads index.html and its scripts itself,
// and they change with every front-end edit); large files that compress go into the pack,
// wasm first.
const PAGE_OWN = ['index.html', 'start-check.js', 'app.js', 'app.css', 'favicon.svg', 'worker.js'];
const PACK_MIN_BYTES = 64 * 1024;
const ALREADY_COMPRESSED = /\.(zip|whl|gz|zst|npz|png|jpg)$/;

rmSync(join(dist, 'pack'), { recursive: true, force: true });
const buildFiles = listFiles(dist)
  .map((path) => relative(dist, path).split(sep).join('/'))
  .filter(
    (path) => !['sw.js', 'manifest.json', 'serve.py'].includes(path) && !path.endsWith('.whl'),
  )
  .sort();
const files = {};
for (const path of buildFiles) {
  const bytes = readFileSync(join(dist, path));
  files[path] = [sha256(bytes), bytes.length, contentType(path)];
}
// The pack is decoded as a stream and each member handed on as soon as it is complete, so the
// order matters: Pyodide's wasm first (the worker compiles it while the rest decodes), then by
// path, which is also the order start-up reads them (Pyodide's module and lock file, the base
// snapshot, site-packages.bin, the site snapshot).
const members = buildFiles
  .filter(
    (path) =>
      !PAGE_OWN.includes(path) &&
      !LAZY_FILES.has(path) &&
      files[path][1] >= PACK_MIN_BYTES &&
      !ALREADY_COMPRESSED.test(path),
  )
  .sort((a, b) => Number(b.endsWith('.wasm')) - Number(a.endsWith('.wasm')) || (a < b ? -1 : 1));
const packStarted = Date.now();
const packInput = Buffer.concat(members.map((path) => readFileSync(join(dist, path))));
// zstd level 19 with a 128 MB window (--long=27): the window spans the whole pack, so the
// snapshots and site-packages.bin compress against each other. zstddec (zstd's decoder in
// WebAssembly) decodes it in the service worker, or in the page when there is none.
// Level 19 takes minutes on a busy machine: a pack made from the same bytes is reused.
const packCache = join(WEB, '.cache', 'pynn-pack', `${sha256(packInput)}.zst`);
let packed = existsSync(packCache) ? readFileSync(packCache) : null;
if (!packed) {
  const zstd = spawnSync('zstd', ['-19', '--long=27', '-q', '-c'], {
    input: packInput,
    maxBuffer: 1 << 30,
  });
  if (zstd.error || zstd.status !== 0) {
    throw new Error(
      `web/build.mjs: zstd failed (${zstd.error ? zstd.error.message : zstd.stderr}); install the zstd command (Debian: apt-get install zstd)`,
    );
  }
  packed = zstd.stdout;
  rmSync(dirname(packCache), { recursive: true, force: true }); // keep only the latest
  mkdirSync(dirname(packCache), { recursive: true });
  writeFileSync(packCache, packed);
}
const packPath = `pack/startup-${sha256(packed).slice(0, 16)}.zst`;
mkdirSync(join(dist, 'pack'), { recursive: true });
writeFileSync(join(dist, packPath), packed);
const version = sha256(
  Object.entries(files)
    .map(([path, [hash]]) => `${path} ${hash}\n`)
    .join(''),
).slice(0, 16);
const manifest = {
  version,
  files,
  pack: { path: packPath, sha256: sha256(packed), size: packed.length, members },
  lazy: buildFiles.filter((path) => LAZY_FILES.has(path)),
};
writeFileSync(join(dist, 'manifest.json'), JSON.stringify(manifest));
virtualModules['virtual:manifest'] = `export const MANIFEST = ${JSON.stringify(manifest)};`;
await esbuild.build({
  ...common,
  entryPoints: { sw: join(WEB, 'src', 'sw.js') },
  outdir: dist,
});
const wireBytes =
  packed.length +
  buildFiles
    .filter((path) => !members.includes(path) && !LAZY_FILES.has(path))
    .reduce((sum, path) => sum + files[path][1], 0) +
  statSync(join(dist, 'sw.js')).size;
const megabytes = (n) => `${(n / 1e6).toFixed(1)} MB`;
console.log(
  `web/build.mjs: build ${version}: ${buildFiles.length} files; pack ${packPath} ` +
    `${megabytes(packInput.length)} -> ${megabytes(packed.length)} (${members.length} files, ` +
    `${((Date.now() - packStarted) / 1000).toFixed(0)} s); a first visit downloads ${megabytes(wireBytes)}`,
);

const pageFiles = ['app.js', 'app.css', 'worker.js', 'sw.js', 'start-check.js', 'index.html'];
const pageBytes = pageFiles.reduce((sum, file) => sum + statSync(join(dist, file)).size, 0);
console.log(
  `web/build.mjs: page JS+CSS+HTML ${pageBytes.toLocaleString('en')} bytes ` +
    `(${pageFiles.join(', ')}; budget ${PAGE_BUDGET_BYTES.toLocaleString('en')})`,
);
if (pageBytes > PAGE_BUDGET_BYTES) {
  console.error("web/build.mjs: the page's own JS+CSS exceeds 1 MB");
  process.exit(1);
}
