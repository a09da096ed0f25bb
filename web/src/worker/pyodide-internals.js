// Everything the start-up snapshot (site.js, web/snapshot.mjs) needs from Pyodide beyond its
// public API, in one place. These are private internals of the pinned Pyodide: the snapshot
// options of loadPyodide, the Emscripten module's function table and dynamic linker (LDSO),
// the call trampoline's slot, the layout of a memory snapshot's header. Another Pyodide
// version may change any of them without notice, so every use goes through this module,
// and checkPyodideVersion() refuses another version loudly: the build fails (snapshot.mjs),
// the page starts Python the ordinary way and says why in the console (worker.js).
//
// To move to a new Pyodide: read its src/js (snapshot.ts, dynload, module.ts) for each
// function below, update what changed, then PYODIDE_VERSION.
import { version as loadedPyodideVersion } from 'pyodide';

// The Pyodide whose internals this module was written against (site.config.json pins the same).
export const PYODIDE_VERSION = '314.0.3';

export function checkPyodideVersion(version = loadedPyodideVersion) {
  if (version !== PYODIDE_VERSION) {
    throw new Error(
      `the start-up snapshot relies on private internals of Pyodide ${PYODIDE_VERSION}, ` +
        `but this is Pyodide ${version}: update web/src/worker/pyodide-internals.js first`,
    );
  }
}

// loadPyodide options: make a snapshot possible later (`_makeSnapshot`), start from one
// (`_loadSnapshot`, bytes or a promise of them).
export function snapshotLoadOptions({ make = false, load = null } = {}) {
  checkPyodideVersion();
  const options = {};
  if (make) options._makeSnapshot = true;
  if (load !== null) options._loadSnapshot = load;
  return options;
}

// Pyodide's memory snapshot (public but experimental; needs `_makeSnapshot` at load).
export function makeMemorySnapshot(pyodide) {
  return pyodide.makeMemorySnapshot();
}

export function sitePackagesDir(pyodide) {
  return (
    pyodide._api.sys.path.toJs().find((p) => p.endsWith('/site-packages')) ||
    '/lib/python3.14/site-packages'
  );
}

// --- the snapshot's header ------------------------------------------------------------
// Pyodide 314's snapshot: a header of u32 words (little endian), then the memory.
//   word 1: offset of the memory; word 2: length of the JS-side (hiwire) state, which is
//   stored as JSON text from byte 48.
const HEADER_MEMORY_OFFSET_WORD = 1;
const HEADER_JS_STATE_LENGTH_WORD = 2;
const HEADER_JS_STATE_START = 48;

export function snapshotMemoryOffset(snapshot) {
  return new DataView(snapshot.buffer, snapshot.byteOffset, 8).getUint32(
    4 * HEADER_MEMORY_OFFSET_WORD,
    true,
  );
}

// The snapshot's JS-side state (hiwire keys), which must match the running Pyodide's.
export function snapshotJsState(snapshot) {
  const view = new DataView(snapshot.buffer, snapshot.byteOffset, 16);
  const length = view.getUint32(4 * HEADER_JS_STATE_LENGTH_WORD, true);
  return new TextDecoder().decode(
    snapshot.subarray(HEADER_JS_STATE_START, HEADER_JS_STATE_START + length),
  );
}

// The running Pyodide's JS-side state, as snapshotJsState() reads it from a snapshot.
export function currentJsState(pyodide) {
  return JSON.stringify(pyodide._api.serializeHiwireState());
}

// Copies a snapshot over Python's memory, growing the memory first. The memory grows through
// malloc (the snapshot then overwrites the heap, so the allocations leave no trace); a block
// may land in a free gap of the heap without growing it, so blocks are taken until it grew.
export function restoreMemorySnapshot(pyodide, snapshot) {
  const Module = pyodide._module;
  const needed = snapshot.length - snapshotMemoryOffset(snapshot);
  const blocks = [];
  try {
    while (Module.HEAP8.length < needed && blocks.length < 64) {
      const block = Module._malloc(needed - Module.HEAP8.length + (1 << 20));
      if (!block) break;
      blocks.push(block);
    }
    if (Module.HEAP8.length < needed) {
      throw new Error(
        `could not grow the memory for the snapshot to ${needed} bytes ` +
          `(it has ${Module.HEAP8.length})`,
      );
    }
  } finally {
    for (const block of blocks) Module._free(block);
  }
  pyodide._api.restoreSnapshot(snapshot);
}

// --- the function table and the call trampoline ---------------------------------------

// Free function-table slots left before numpy's: the browser's Pyodide adds a slot Node's
// does not (the wasm call trampoline, which Node 20 cannot compile), so numpy's slots start
// at a fixed index in both.
const TABLE_MARGIN = 16;
// Pyodide 314's call trampoline is the one function of five parameters it adds to the table.
const TRAMPOLINE_ARITY = 5;

export function tableLength(pyodide) {
  return pyodide._module.wasmTable.length;
}

// After the base restore: pads the function table to where numpy's slots start and returns
// this engine's call trampoline slot (0: none). `baseTableLength` is the table's length at
// the same point when the snapshot was made (null while making it).
export function prepareTable(pyodide, baseTableLength = null) {
  const table = pyodide._module.wasmTable;
  const made = baseTableLength ?? table.length;
  const extra = table.length - made;
  let trampoline = 0;
  if (extra === 1 && table.get(made) && table.get(made).length === TRAMPOLINE_ARITY) {
    trampoline = made;
  } else if (extra !== 0) {
    throw new Error(
      `the function table has ${table.length} slots after start-up, expected ${made}`,
    );
  }
  table.grow(made + TABLE_MARGIN - table.length);
  return { baseTableLength: made, trampoline };
}

// Python calls C functions through a trampoline whose table slot lives in Python's memory;
// the snapshot (made in Node) has none, so it is put back after restoring.
export function setTrampoline(pyodide, slot) {
  if (!slot) return;
  const Module = pyodide._module;
  const offset = Module.HEAP32[Module.__PyEM_EMSCRIPTEN_TRAMPOLINE_OFFSET >>> 2];
  Module.HEAP32[(Module.__PyRuntime + offset) >>> 2] = slot;
}

// --- the dynamic linker ---------------------------------------------------------------

// Loads the extensions as Pyodide's package loader does (local symbols, never unloaded).
export async function loadSharedLibraries(pyodide, libraries) {
  const Module = pyodide._module;
  for (const lib of libraries) {
    await Module.loadDynamicLibrary(
      lib,
      {
        loadAsync: true,
        global: false,
        nodelete: true,
        allowUndefined: true,
      },
      {},
    );
  }
}

function exportedFunctions(Module) {
  const byFunction = new Map();
  for (const [name, dso] of Object.entries(Module.LDSO.loadedLibsByName)) {
    for (const [symbol, value] of Object.entries(dso.exports || {})) {
      if (typeof value === 'function' && !byFunction.has(value))
        byFunction.set(value, [name, symbol]);
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
    throw new Error(
      `table has ${table.length} slots after loading numpy, expected ${state.tableStart}`,
    );
  }
  for (const [slot, lib, symbol] of state.slots) {
    if (lib === null) {
      if (table.grow(1) !== slot) throw new Error(`empty table slot ${slot} landed elsewhere`);
      continue;
    }
    const fn = Module.LDSO.loadedLibsByName[lib]?.exports?.[symbol];
    const got = fn && Module.addFunction(fn, fn.sig);
    if (got !== slot)
      throw new Error(`${lib}:${symbol} went to table slot ${got}, expected ${slot}`);
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

// --- the kernel threads ------------------------------------------------------------------

// Python's wasm memory as bytes (Emscripten's HEAPU8, replaced whenever the memory grows, so
// read it at each use): the kernel pool (kernel-pool.js) copies numpy's operands out of it
// and the products back.
export function wasmHeap(pyodide) {
  return pyodide._module.HEAPU8;
}
