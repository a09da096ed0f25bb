// Prepares the worker's fast start at build time (called by build.sh), running Pyodide in Node:
//   site-packages.bin + site.json: numpy and pynn unpacked from their wheels (and the
//     playground's runner package src/worker/pynn_runner/ and its matplotlib
//     src/worker/matplotlib/), all byte-compiled
//     for Pyodide's Python (unchecked-hash .pyc), minus what never runs in the page (numpy's
//     tests, type stubs and C headers), as one blob the worker writes into Pyodide's file system;
//   base.snap and site.snap: the memory snapshots described in src/worker/site.js (Python
//     started; then numpy, pynn and the shim imported), stored sparse (zero pages left out).
// With --no-snapshot only the site files are written (the worker then starts Python the
// ordinary way; site.json says the snapshot was left out on purpose). Without it, a snapshot
// that cannot be made or does not pass the check below is an error: no snapshot is left
// behind and the script exits non-zero, so build.sh fails.
//
//   node web/snapshot.mjs --numpy-wheel W --pynn-wheel W --out dist/site [--no-snapshot]
import { loadPyodide } from 'pyodide';
import { readFileSync, readdirSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  SNAPSHOT_FORMAT,
  installSiteFiles,
  startFromSnapshot,
  sharedLibraries,
  encodeSparse,
  describeSnapshotFile,
} from './src/worker/site.js';
import {
  checkPyodideVersion,
  linkerState,
  loadSharedLibraries,
  makeMemorySnapshot,
  prepareTable,
  sitePackagesDir,
  snapshotJsState,
  snapshotLoadOptions,
  snapshotMemoryOffset,
  tableLength,
} from './src/worker/pyodide-internals.js';
import { KERNELS_DIR, installKernels } from './src/worker/kernels.js';

const { values: args } = parseArgs({
  options: {
    'numpy-wheel': { type: 'string' },
    'pynn-wheel': { type: 'string' },
    out: { type: 'string' },
    'no-snapshot': { type: 'boolean', default: false },
    kernels: { type: 'string' },
  },
});
for (const name of ['numpy-wheel', 'pynn-wheel', 'out']) {
  if (!args[name]) throw new Error(`web/snapshot.mjs: --${name} is required`);
}
const out = args.out;
mkdirSync(out, { recursive: true });

// What the snapshot has imported: the runner and everything its warm_up imports.
export const IMPORTS = `
import pynn_runner
import numpy
import pynn.shim
from pynn import keras
from pynn.keras import callbacks
`;

const quiet = { stdout: () => {}, stderr: (text) => console.error(text) };
const t0 = performance.now();
const seconds = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

// 1. Pyodide started (base snapshot), wheels unpacked and byte-compiled, site files packed.
if (!args['no-snapshot']) checkPyodideVersion(); // the snapshot needs the pinned Pyodide's internals
const first = await loadPyodide({
  ...quiet,
  ...(args['no-snapshot'] ? {} : snapshotLoadOptions({ make: true })),
});
const base = args['no-snapshot'] ? null : makeMemorySnapshot(first);
const sitePackages = sitePackagesDir(first);
for (const wheel of [args['numpy-wheel'], args['pynn-wheel']]) {
  first.unpackArchive(new Uint8Array(readFileSync(wheel)), 'wheel', { extractDir: sitePackages });
}
// The playground's runner, the package `pynn_runner` (imported by the worker): every .py file
// of src/worker/pynn_runner/ (one module per concern).
// The playground's matplotlib (src/worker/matplotlib/) is installed the same way, but not
// imported at start-up: a program's `import matplotlib.pyplot` loads it.
for (const pkg of ['pynn_runner', 'matplotlib']) {
  const dir = new URL(`./src/worker/${pkg}/`, import.meta.url);
  first.FS.mkdirTree(`${sitePackages}/${pkg}`);
  for (const name of readdirSync(dir)
    .filter((file) => file.endsWith('.py'))
    .sort()) {
    first.FS.writeFile(`${sitePackages}/${pkg}/${name}`, readFileSync(new URL(name, dir)));
  }
}
// The compiled kernels (web/kernels/build.sh), loaded by pynn when first needed (kernels.js).
if (args.kernels) {
  first.FS.mkdirTree(`${sitePackages}/${KERNELS_DIR}`);
  for (const name of readdirSync(args.kernels).filter((file) => /\.(so|wasm)$/.test(file))) {
    first.FS.writeFile(
      `${sitePackages}/${KERNELS_DIR}/${name}`,
      readFileSync(join(args.kernels, name)),
    );
  }
}
first.setStdout({ batched: (text) => console.error(text) });
const listing = JSON.parse(
  first.runPython(`
import compileall, json, os, py_compile
site = ${JSON.stringify(sitePackages)}
unchecked = py_compile.PycInvalidationMode.UNCHECKED_HASH
for package in ("numpy", "pynn"):
    ok = compileall.compile_dir(os.path.join(site, package), quiet=1, workers=1,
                                invalidation_mode=unchecked)
    if not ok:  # a syntax error: the page then reports it when the import fails
        print(f"web/snapshot.mjs: WARNING: some of {package} could not be byte-compiled")
for package in ("pynn_runner", "matplotlib"):
    if not compileall.compile_dir(os.path.join(site, package), quiet=1, workers=1,
                                  invalidation_mode=unchecked):
        raise SyntaxError(f"web/src/worker/{package}/ could not be byte-compiled")

def wanted(rel):
    parts = rel.split("/")
    if rel.startswith("pynn/keras/datasets/data/") and rel.endswith(".npz"):
        return False  # dataset files: lazy files of the build (web/build.mjs, datasets.js)
    if parts[0] == "numpy" and ("tests" in parts or rel.endswith(".pyi")
                                or rel.startswith(("numpy/_core/include/", "numpy/_core/lib/"))):
        return False
    return True

files = []
for folder, dirs, names in os.walk(site):
    dirs.sort()
    for name in sorted(names):
        rel = os.path.relpath(os.path.join(folder, name), site)
        if wanted(rel):
            files.append(rel)
json.dumps(files)
`),
);
first.setStdout({ batched: () => {} });
const chunks = [];
const index = [];
let offset = 0;
for (const rel of listing) {
  const data = first.FS.readFile(`${sitePackages}/${rel}`);
  index.push([rel, offset, data.length]);
  chunks.push(data);
  offset += data.length;
}
const blob = new Uint8Array(offset);
let at = 0;
for (const chunk of chunks) {
  blob.set(chunk, at);
  at += chunk.length;
}
writeFileSync(join(out, 'site-packages.bin'), blob);
const manifest = {
  format: SNAPSHOT_FORMAT,
  pyodideVersion: first.version,
  sitePackages,
  files: index,
  libraries: sharedLibraries(sitePackages, index),
  snapshot: null,
  // Why there is no snapshot, when it was left out on purpose (tests/browser/test_startup.py).
  noSnapshot: args['no-snapshot'] ? 'built with --no-snapshot (PYNN_NO_SNAPSHOT=1)' : null,
};
// The kernels, loaded through Pyodide's dynamic linker and checked against numpy as in the page.
if (args.kernels) {
  const path = installKernels(first, sitePackages);
  const status = first.runPython('from pynn.ops import gemm\ngemm.kernel_status()');
  if (!path || !status.startsWith('compiled kernel')) {
    throw new Error(
      `web/snapshot.mjs: the compiled kernels (${args.kernels}) do not work: ${status}`,
    );
  }
  console.log(`web/snapshot.mjs: ${status} works in Pyodide`);
}
const pyc = listing.filter((rel) => rel.endsWith('.pyc')).length;
console.log(
  `web/snapshot.mjs: site-packages.bin ${(blob.length / 1e6).toFixed(1)} MB, ` +
    `${listing.length} files (${pyc} .pyc) [${seconds()}]`,
);

// 3. The check: start from the snapshot files exactly as the worker does, then use numpy,
// numpy's lazily loaded extensions and a small Keras model through the shim.
const CHECK = `
import sys, random
import numpy as np
a = np.arange(12, dtype=np.float32).reshape(3, 4)
assert (a @ a.T)[2, 2] == 366.0, a @ a.T
assert np.allclose(np.linalg.inv(np.eye(3) * 2), np.eye(3) / 2)
assert np.allclose(np.fft.fft(np.ones(4)), [4, 0, 0, 0])
import pynn.shim
pynn.shim.install()
import tensorflow as tf
from tensorflow import keras
model = keras.Sequential([keras.layers.Dense(4, activation="relu", input_shape=(3,)), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
history = model.fit(np.ones((8, 3)), np.ones((8, 1)), epochs=2, verbose=0)
assert len(history.history["loss"]) == 2
assert tf.reduce_sum(tf.ones((2, 2))).numpy() == 4.0
`;

async function verify(baseFile, siteFile) {
  const lines = [];
  const py = await startFromSnapshot(
    loadPyodide,
    {
      stdout: (text) => lines.push(text),
      stderr: (text) => lines.push(text),
    },
    manifest,
    baseFile,
    siteFile,
    blob,
  );
  try {
    py.runPython(CHECK);
  } catch (err) {
    throw new Error(`the snapshot does not work: ${err.message}\n${lines.join('\n')}`, {
      cause: err,
    });
  }
}

// 2. The site snapshot, replayable from the base snapshot (see src/worker/site.js).
if (!args['no-snapshot']) {
  rmSync(join(out, 'base.snap'), { force: true });
  rmSync(join(out, 'site.snap'), { force: true });
  try {
    const py = await loadPyodide({ ...quiet, ...snapshotLoadOptions({ make: true, load: base }) });
    const { baseTableLength, trampoline } = prepareTable(py);
    if (trampoline) throw new Error('unexpected call trampoline in Node');
    installSiteFiles(py, sitePackages, index, blob);
    await loadSharedLibraries(py, manifest.libraries);
    const tableStart = tableLength(py);
    py.runPython(IMPORTS);
    const linker = linkerState(py, tableStart);
    const site = makeMemorySnapshot(py);
    if (snapshotJsState(site) !== snapshotJsState(base)) {
      throw new Error(`the imports left JavaScript references behind: ${snapshotJsState(site)}`);
    }
    const baseFile = encodeSparse(base, snapshotMemoryOffset(base));
    const siteFile = encodeSparse(site, snapshotMemoryOffset(site));
    const files = {
      base: await describeSnapshotFile(baseFile),
      site: await describeSnapshotFile(siteFile),
    };
    manifest.snapshot = { baseTableLength, linker, files };
    await verify(baseFile, siteFile);
    writeFileSync(join(out, 'base.snap'), baseFile);
    writeFileSync(join(out, 'site.snap'), siteFile);
    console.log(
      `web/snapshot.mjs: base.snap ${(baseFile.length / 1e6).toFixed(1)} MB, site.snap ` +
        `${(siteFile.length / 1e6).toFixed(1)} MB (memory ${(site.length / 1e6).toFixed(1)} MB, ` +
        `${manifest.libraries.length} .so files, ${linker.slots.length} table slots to replay) [${seconds()}]`,
    );
  } catch (err) {
    rmSync(join(out, 'base.snap'), { force: true });
    rmSync(join(out, 'site.snap'), { force: true });
    rmSync(join(out, 'site.json'), { force: true });
    console.error(err.stack);
    console.error(
      `web/snapshot.mjs: ERROR: the start-up snapshot failed: ${err.message}\n` +
        '  (PYNN_NO_SNAPSHOT=1 bash build.sh builds a playground without it, which starts slower)',
    );
    process.exit(1);
  }
}
writeFileSync(join(out, 'site.json'), JSON.stringify(manifest));
