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
// Every replayed address and slot is checked; on any mismatch the worker starts Python
// the ordinary way instead.

import { KERNELS_DIR } from './kernels.js';

export const SNAPSHOT_FORMAT = 1;

// Page size of the snapshot files' sparse encoding (zero pages are not stored).
const PAGE = 4096;

export function sitePackagesDir(pyodide) {
  return pyodide._api.sys.path.toJs().find((p) => p.endsWith('/site-packages'))
    || '/lib/python3.14/site-packages';
}

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

// Free function-table slots left before numpy's: the browser's Pyodide adds a slot Node's
// does not (the wasm call trampoline, which Node 20 cannot compile), so numpy's slots start
// at a fixed index in both.
const TABLE_MARGIN = 16;

// After the base restore: pads the function table to where numpy's slots start and returns
// this engine's call trampoline slot (0: none). `baseTableLength` is the table's length at
// the same point when the snapshot was made (null while making it).
export function prepareTable(pyodide, baseTableLength = null) {
  const table = pyodide._module.wasmTable;
  const made = baseTableLength ?? table.length;
  const extra = table.length - made;
  let trampoline = 0;
  // (The trampoline function takes five parameters.)
  if (extra === 1 && table.get(made) && table.get(made).length === 5) {
    trampoline = made;
  } else if (extra !== 0) {
    throw new Error(`the function table has ${table.length} slots after start-up, expected ${made}`);
  }
  table.grow(made + TABLE_MARGIN - table.length);
  return { baseTableLength: made, trampoline };
}

// Python calls C functions through a trampoline whose table slot lives in Python's memory;
// the snapshot (made in Node) has none, so it is put back after restoring.
function setTrampoline(pyodide, slot) {
  if (!slot) return;
  const Module = pyodide._module;
  const offset = Module.HEAP32[Module.__PyEM_EMSCRIPTEN_TRAMPOLINE_OFFSET >>> 2];
  Module.HEAP32[(Module.__PyRuntime + offset) >>> 2] = slot;
}

// The binary extensions, in the fixed order they are loaded (not the compiled kernels in
// pynn_kernels/: pynn loads them when first needed, see kernels.js).
export function sharedLibraries(root, index) {
  return index.map(([path]) => path).filter((path) => path.endsWith('.so') && !path.startsWith(`${KERNELS_DIR}/`))
    .sort().map((path) => `${root}/${path}`);
}

// Loads the extensions as Pyodide's package loader does (local symbols, never unloaded).
export async function loadSharedLibraries(pyodide, libraries) {
  const Module = pyodide._module;
  for (const lib of libraries) {
    await Module.loadDynamicLibrary(lib, {
      loadAsync: true, global: false, nodelete: true, allowUndefined: true,
    }, {});
  }
}

function exportedFunctions(Module) {
  const byFunction = new Map();
  for (const [name, dso] of Object.entries(Module.LDSO.loadedLibsByName)) {
    for (const [symbol, value] of Object.entries(dso.exports || {})) {
      if (typeof value === 'function' && !byFunction.has(value)) byFunction.set(value, [name, symbol]);
    }
  }
  return byFunction;
}

// What the imports added to the JS side of the dynamic linker, so a start-up can put it back:
// function-table slots (from dlsym) and dlopen handles. Throws if a slot holds something
// that cannot be found again by library and symbol name.
export function linkerState(pyodide, tableStart) {
  const Module = pyodide._module;
  const table = Module.wasmTable;
  const byFunction = exportedFunctions(Module);
  const slots = [];
  for (let i = tableStart; i < table.length; i += 1) {
    const fn = table.get(i);
    if (fn === null) {
      slots.push([i, null, null]); // grown, then freed
      continue;
    }
    const where = byFunction.get(fn);
    if (!where) throw new Error(`table slot ${i} holds a function that cannot be replayed`);
    slots.push([i, ...where]);
  }
  const freeSlots = [...Module.freeTableIndexes];
  const handles = Object.entries(Module.LDSO.loadedLibsByHandle)
    .filter(([, dso]) => dso && dso.name !== '__main__')
    .map(([handle, dso]) => [Number(handle), dso.name]);
  return { tableStart, tableLength: table.length, slots, freeSlots, handles };
}

export function replayLinkerState(pyodide, state) {
  const Module = pyodide._module;
  const table = Module.wasmTable;
  if (table.length !== state.tableStart) {
    throw new Error(`table has ${table.length} slots after loading numpy, expected ${state.tableStart}`);
  }
  for (const [slot, lib, symbol] of state.slots) {
    if (lib === null) {
      if (table.grow(1) !== slot) throw new Error(`empty table slot ${slot} landed elsewhere`);
      continue;
    }
    const fn = Module.LDSO.loadedLibsByName[lib]?.exports?.[symbol];
    const got = fn && Module.addFunction(fn, fn.sig);
    if (got !== slot) throw new Error(`${lib}:${symbol} went to table slot ${got}, expected ${slot}`);
  }
  if (table.length !== state.tableLength) {
    throw new Error(`table has ${table.length} slots, expected ${state.tableLength}`);
  }
  Module.freeTableIndexes.splice(0, Infinity, ...state.freeSlots);
  for (const [handle, lib] of state.handles) {
    const dso = Module.LDSO.loadedLibsByName[lib];
    if (!dso) throw new Error(`${lib} is not loaded`);
    Module.LDSO.loadedLibsByHandle[handle] = dso;
  }
}

// Copies the site snapshot over Python's memory, growing the memory first (through malloc:
// the snapshot then overwrites the heap, so the allocation leaves no trace).
export function restoreSiteSnapshot(pyodide, snapshot) {
  const Module = pyodide._module;
  const needed = snapshot.length - snapshotMemoryOffset(snapshot);
  // A block can come from free space inside the heap instead of growing it: keep allocating
  // (holding each block) until the memory is large enough, then free them all.
  const blocks = [];
  while (Module.HEAP8.length < needed) {
    const block = Module._malloc(needed - Module.HEAP8.length + (1 << 20));
    if (!block) break;
    blocks.push(block);
  }
  blocks.forEach((block) => Module._free(block));
  if (Module.HEAP8.length < needed) throw new Error('could not grow the memory for the snapshot');
  pyodide._api.restoreSnapshot(snapshot);
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

// Offset of the memory inside a Pyodide snapshot (its header's second word).
export function snapshotMemoryOffset(snapshot) {
  return new DataView(snapshot.buffer, snapshot.byteOffset, 8).getUint32(4, true);
}

// The snapshot's JS-side state (hiwire keys), which must match the base snapshot's.
export function snapshotJsState(snapshot) {
  const view = new DataView(snapshot.buffer, snapshot.byteOffset, 16);
  const length = view.getUint32(8, true);
  return new TextDecoder().decode(snapshot.subarray(48, 48 + length));
}

// Starts Python from the snapshots: `loadPyodide(options)` restores the base, then the
// replay described at the top of this file. `base`, `site` (the .snap files' bytes) and
// `blob` may be promises: Pyodide starts loading while they arrive.
export async function startFromSnapshot(loadPyodide, options, manifest, base, site, blob, mark = () => {}) {
  if (!manifest.snapshot) throw new Error('this build has no start-up snapshot');
  const expectBytes = (name, bytes) => {
    if (bytes.length !== manifest.snapshot.bytes[name]) {
      throw new Error(`${name}.snap has ${bytes.length} bytes, expected ${manifest.snapshot.bytes[name]}`);
    }
    return bytes;
  };
  const pyodide = await loadPyodide({
    ...options, _loadSnapshot: Promise.resolve(base).then((bytes) => decodeSparse(expectBytes('base', bytes))),
  });
  mark('pythonStarted');
  const { trampoline } = prepareTable(pyodide, manifest.snapshot.baseTableLength);
  installSiteFiles(pyodide, manifest.sitePackages, manifest.files, await blob);
  await loadSharedLibraries(pyodide, manifest.libraries);
  replayLinkerState(pyodide, manifest.snapshot.linker);
  mark('numpyLoaded');
  const snapshot = decodeSparse(expectBytes('site', await site));
  const expected = snapshotJsState(snapshot);
  // The base restore and the site snapshot must agree on the JS-side state.
  const now = JSON.stringify(pyodide._api.serializeHiwireState());
  if (now !== expected) throw new Error(`JS-side state differs from the snapshot's: ${now} vs ${expected}`);
  restoreSiteSnapshot(pyodide, snapshot);
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
