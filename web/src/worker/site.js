// numpy and pynn for the worker, and the start-up memory snapshot. Shared by the worker
// (browser) and web/snapshot.mjs (Node, build time), so both do exactly the same steps.
//
// site-packages.bin: numpy and pynn, unpacked and byte-compiled at build time, as one blob
// plus an index ([path, offset, size] under site-packages); the files are written into
// Pyodide's file system from JavaScript (no wheel unzipping in Python at start-up).
//
// The snapshot: Python's memory right after `import numpy, pynn` (with the shim), so a
// start-up skips both Python's own initialisation and the imports. Pyodide's snapshots
// cannot hold loaded binary extensions (numpy's .so files), so the build does this:
//   1. base snapshot B: Pyodide started, nothing imported (Pyodide's own snapshot);
//   2. restore B, write the site files, load numpy's .so files in a fixed order (their
//      static data lands at addresses fixed by B's heap, their functions at fixed table
//      slots), import everything, and take snapshot S of that memory.
// A start-up replays step 2 without running Python: restore B, write the files, load the
// same .so files in the same order (same addresses, same table slots), put back the table
// entries and dlopen handles that the imports created, then copy S over the memory.
// Every replayed address and slot is checked, and the .snap files by their sha256 (site.json);
// on any mismatch the worker starts Python the ordinary way instead. Pyodide's private
// internals used for all this live in pyodide-internals.js, checked against the pinned version.

import { sha256 } from 'hash-wasm';
import { KERNELS_DIR } from './kernels.js';
import {
  checkPyodideVersion,
  currentJsState,
  loadSharedLibraries,
  prepareTable,
  replayLinkerState,
  restoreMemorySnapshot,
  setTrampoline,
  snapshotJsState,
  snapshotLoadOptions,
} from './pyodide-internals.js';

// 2: site.json records each .snap file's sha256 (snapshot.files).
export const SNAPSHOT_FORMAT = 2;

// Page size of the snapshot files' sparse encoding (zero pages are not stored).
const PAGE = 4096;

// Writes the bundle's files under `root` (MEMFS keeps views of `blob`: no copy).
export function installSiteFiles(pyodide, root, index, blob) {
  const { FS } = pyodide;
  const made = new Set();
  for (const [path, offset, size] of index) {
    const full = `${root}/${path}`;
    const dir = full.slice(0, full.lastIndexOf('/'));
    if (!made.has(dir)) {
      FS.mkdirTree(dir);
      made.add(dir);
    }
    FS.writeFile(full, blob.subarray(offset, offset + size), { canOwn: true });
  }
}

// The binary extensions, in the fixed order they are loaded (not the compiled kernels in
// pynn_kernels/: pynn loads them when first needed, see kernels.js).
export function sharedLibraries(root, index) {
  return index
    .map(([path]) => path)
    .filter((path) => path.endsWith('.so') && !path.startsWith(`${KERNELS_DIR}/`))
    .sort()
    .map((path) => `${root}/${path}`);
}

// Sparse encoding of a Pyodide snapshot: header (everything before the memory), then the
// non-zero pages of the memory. Layout: u32 magic-free lengths, little endian:
//   [headerLength, memoryLength, pageCount] [header bytes] [u32 page numbers] [pages]
export function encodeSparse(snapshot, memoryOffset) {
  const memory = snapshot.subarray(memoryOffset);
  const pages = [];
  const pageCount = Math.ceil(memory.length / PAGE);
  for (let p = 0; p < pageCount; p += 1) {
    const page = memory.subarray(p * PAGE, (p + 1) * PAGE);
    if (page.some((byte) => byte !== 0)) pages.push(p);
  }
  const head = 12 + memoryOffset + 4 * pages.length;
  const padded = Math.ceil(head / PAGE) * PAGE;
  const out = new Uint8Array(padded + pages.length * PAGE);
  const view = new DataView(out.buffer);
  view.setUint32(0, memoryOffset, true);
  view.setUint32(4, memory.length, true);
  view.setUint32(8, pages.length, true);
  out.set(snapshot.subarray(0, memoryOffset), 12);
  pages.forEach((p, i) => {
    view.setUint32(12 + memoryOffset + 4 * i, p, true);
    out.set(memory.subarray(p * PAGE, Math.min((p + 1) * PAGE, memory.length)), padded + i * PAGE);
  });
  return out;
}

// Back to a Pyodide snapshot whose memory part is `memoryLength` bytes (at least the
// encoded one; the rest is zero).
export function decodeSparse(bytes, memoryLength = 0) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true);
  const encodedMemory = view.getUint32(4, true);
  const pageCount = view.getUint32(8, true);
  const length = Math.max(memoryLength, encodedMemory);
  const out = new Uint8Array(headerLength + length);
  out.set(bytes.subarray(12, 12 + headerLength), 0);
  const head = 12 + headerLength + 4 * pageCount;
  const padded = Math.ceil(head / PAGE) * PAGE;
  for (let i = 0; i < pageCount; i += 1) {
    const p = view.getUint32(12 + headerLength + 4 * i, true);
    const size = Math.min(PAGE, encodedMemory - p * PAGE);
    out.set(bytes.subarray(padded + i * PAGE, padded + i * PAGE + size), headerLength + p * PAGE);
  }
  return out;
}

// Hex SHA-256 of `bytes`: Web Crypto where there is one (Node, a secure page), else hash-wasm's
// WebAssembly SHA-256 (the sandboxed worker has an opaque origin, so no crypto.subtle).
export async function sha256Hex(bytes) {
  if (globalThis.crypto?.subtle) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  }
  return sha256(bytes);
}

// The build's record of a .snap file: its size and sha256, as site.json stores them.
export async function describeSnapshotFile(bytes) {
  return { bytes: bytes.length, sha256: await sha256Hex(bytes) };
}

// Checks a .snap file's bytes against site.json's size and sha256; returns them.
async function checkedSnapshotFile(manifest, name, bytes) {
  const expected = manifest.snapshot.files[name];
  if (bytes.length !== expected.bytes) {
    throw new Error(`${name}.snap has ${bytes.length} bytes, expected ${expected.bytes}`);
  }
  const sha256 = await sha256Hex(bytes);
  if (sha256 !== expected.sha256) {
    throw new Error(
      `${name}.snap is damaged: its sha256 is ${sha256}, expected ${expected.sha256}`,
    );
  }
  return bytes;
}

// Starts Python from the snapshots: `loadPyodide(options)` restores the base, then the
// replay described at the top of this file. `base`, `site` (the .snap files' bytes) and
// `blob` may be promises: Pyodide starts loading while they arrive.
export async function startFromSnapshot(
  loadPyodide,
  options,
  manifest,
  base,
  site,
  blob,
  mark = () => {},
) {
  if (!manifest.snapshot) throw new Error('this build has no start-up snapshot');
  checkPyodideVersion();
  checkPyodideVersion(manifest.pyodideVersion);
  // Both files are checked as soon as they arrive, while Pyodide compiles and numpy loads.
  const baseBytes = Promise.resolve(base).then((bytes) =>
    checkedSnapshotFile(manifest, 'base', bytes),
  );
  const siteBytes = Promise.resolve(site).then((bytes) =>
    checkedSnapshotFile(manifest, 'site', bytes),
  );
  siteBytes.catch(() => {}); // (awaited below; a rejection before that is not unhandled)
  const pyodide = await loadPyodide({
    ...options,
    ...snapshotLoadOptions({ load: baseBytes.then((bytes) => decodeSparse(bytes)) }),
  });
  mark('pythonStarted');
  const { trampoline } = prepareTable(pyodide, manifest.snapshot.baseTableLength);
  installSiteFiles(pyodide, manifest.sitePackages, manifest.files, await blob);
  await loadSharedLibraries(pyodide, manifest.libraries);
  replayLinkerState(pyodide, manifest.snapshot.linker);
  mark('numpyLoaded');
  const snapshot = decodeSparse(await siteBytes);
  const expected = snapshotJsState(snapshot);
  // The base restore and the site snapshot must agree on the JS-side state.
  const now = currentJsState(pyodide);
  if (now !== expected)
    throw new Error(`JS-side state differs from the snapshot's: ${now} vs ${expected}`);
  restoreMemorySnapshot(pyodide, snapshot);
  setTrampoline(pyodide, trampoline);
  pyodide.runPython(AFTER_RESTORE);
  mark('snapshotRestored');
  return pyodide;
}

// Starts Python the ordinary way (no snapshot): numpy and pynn are imported later, by the runner.
export async function startWithoutSnapshot(loadPyodide, options, manifest, blob, mark = () => {}) {
  const pyodide = await loadPyodide(options);
  mark('pythonStarted');
  installSiteFiles(pyodide, manifest.sitePackages, manifest.files, blob);
  pyodide.runPython(FRESH_FILES);
  mark('siteInstalled');
  return pyodide;
}

// Import caches that notice the files just written.
const FRESH_FILES = `
import sys
_finder = None
for _finder in list(sys.path_importer_cache.values()):
    if type(_finder).__name__ == "FileFinder":
        _finder.invalidate_caches()
del sys, _finder
`;

// Python code run right after the site snapshot is restored: fresh random seeds (the
// snapshot froze the generators' states), and import caches that notice the new files.
// (importlib.invalidate_caches() would import importlib.metadata: half a second here.)
export const AFTER_RESTORE = `
import random, sys
_finder = None
for _finder in list(sys.path_importer_cache.values()):
    if type(_finder).__name__ == "FileFinder":
        _finder.invalidate_caches()
random.seed()
if "numpy.random" in sys.modules:
    sys.modules["numpy.random"].seed()
if "pynn.core.random" in sys.modules:
    _r = sys.modules["pynn.core.random"]
    _r.set_seed(None)
    del _r
del random, sys, _finder
`;
