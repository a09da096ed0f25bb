// The Web Worker that owns Pyodide, started by the sandbox host (../sandbox-host.js) in an
// opaque origin. The page never runs Python: it sends `init` once and `run` per program;
// everything printed or trained comes back as protocol messages. The worker cannot fetch the
// site's files: it asks the page for them (files.js).
import './classic-worker.js'; // first: before Pyodide's module is evaluated
import { loadPyodide } from 'pyodide';
import { MSG, isMessage } from '../protocol.js';
import { SITE } from 'virtual:site';
import { buildFile, receiveFile, servingFiles } from './files.js';
import { bootFiles } from './boot-files.js';
import { startFromSnapshot, startWithoutSnapshot } from './site.js';
import { installKernels, startKernelThreads } from './kernels.js';
import { wasmHeap } from './pyodide-internals.js';
import { loadDatasetsFor } from './datasets.js';

let runner = null;
let booting = null;
let kernelThreads = null; // resolves once pynn has the kernel threads, or knows why not
let interruptFlag = null;

function post(message, transfer = []) {
  self.postMessage(message, transfer);
}

let pyodideInstance = null;

// Pyodide's own files, as loadPyodide options: its JS module is imported from a blob: URL,
// its wasm and standard library are fetched by URL (served from the page's bytes, files.js).
async function pyodideFiles(baseUrl, files, mark) {
  const indexURL = new URL('pyodide/', baseUrl).href;
  // Compiled while the rest arrives (a wasm module from bytes gets no code cache here).
  const wasmModule = files['pyodide/pyodide.asm.wasm'].then((bytes) => WebAssembly.compile(bytes));
  wasmModule.then(() => mark('wasmCompiled')).catch(() => {}); // a failure: see loadPyodide
  const moduleUrl = URL.createObjectURL(
    new Blob([await files['pyodide/pyodide.asm.mjs']], { type: 'text/javascript' }),
  );
  const createPyodideModule = (await import(moduleUrl)).default;
  URL.revokeObjectURL(moduleUrl);
  return {
    options: {
      indexURL,
      createPyodideModule,
      lockFileContents: files['pyodide/pyodide-lock.json'].then((bytes) =>
        new TextDecoder().decode(bytes),
      ),
    },
    served: {
      [`${indexURL}pyodide.asm.wasm`]: files['pyodide/pyodide.asm.wasm'],
      [`${indexURL}python_stdlib.zip`]: files['pyodide/python_stdlib.zip'],
    },
    compiled: { [`${indexURL}pyodide.asm.wasm`]: wasmModule },
  };
}

async function boot({ baseUrl, interruptBuffer }) {
  const timings = {};
  const mark = (name) => {
    timings[name] = Math.round(performance.now());
  };
  post({ type: MSG.loading, stage: 'Loading Python' });
  // Every file start-up needs, asked for at once (the page is already reading them): Pyodide,
  // numpy and pynn unpacked and byte-compiled at build time (web/snapshot.mjs), and the
  // memory snapshots that skip Python's start-up and the imports (see site.js).
  const files = Object.fromEntries(bootFiles(SITE).map((path) => [path, buildFile(path)]));
  // (bench/page_ready.py puts these on the page's clock through the worker's time origin)
  timings.workerOrigin = performance.timeOrigin;
  for (const [path, bytes] of Object.entries(files)) {
    bytes.then(() => mark(`got ${path}`)).catch(() => {}); // a failure: where it is awaited
  }
  const manifest = files['site/site.json'].then((bytes) =>
    JSON.parse(new TextDecoder().decode(bytes)),
  );
  const blob = files['site/site-packages.bin'];
  const snapshots = SITE.snapshot ? [files['site/base.snap'], files['site/site.snap']] : null;
  const { options: pyodideOptions, served, compiled } = await pyodideFiles(baseUrl, files, mark);
  const options = {
    ...pyodideOptions,
    stdout: (text) => post({ type: MSG.stdout, text: `${text}\n` }),
    stderr: (text) => post({ type: MSG.stderr, text: `${text}\n` }),
  };
  let pyodide = null;
  if (snapshots) {
    try {
      const [base, site] = snapshots;
      pyodide = await servingFiles(
        served,
        async () => startFromSnapshot(loadPyodide, options, await manifest, base, site, blob, mark),
        compiled,
      );
    } catch (err) {
      // Never fatal: the ordinary start-up below gives the same Python, only slower.
      console.warn(`pynn playground: starting Python without the snapshot: ${err && err.message}`);
      pyodide = null;
    }
  }
  const fromSnapshot = Boolean(pyodide);
  if (!pyodide) {
    pyodide = await servingFiles(
      served,
      async () => startWithoutSnapshot(loadPyodide, options, await manifest, await blob, mark),
      compiled,
    );
  }
  post({ type: MSG.loading, stage: 'Loading pynn' });
  if (interruptBuffer) {
    interruptFlag = new Int32Array(interruptBuffer);
    pyodide.setInterruptBuffer(interruptFlag);
  }

  // The runner package pynn_runner (src/worker/pynn_runner/), installed by web/snapshot.mjs (already imported
  // when Python started from the snapshot).
  const emitJson = (json) => post(JSON.parse(json));
  const emitText = (type, text) => post({ type, text });
  runner = pyodide.pyimport('pynn_runner').Runner(emitJson, emitText, pyodide.toPy(MSG));
  runner.open_working_folder();
  pyodideInstance = pyodide;
  mark('runner');
  runner.warm_up();
  installKernels(pyodide, (await manifest).sitePackages);
  // Started now, awaited before the first program (not before `ready`: start-up stays as fast).
  kernelThreads = startKernelThreads(pyodide, (await manifest).sitePackages, () =>
    wasmHeap(pyodide),
  ).catch((err) => console.warn(`pynn playground: no kernel threads: ${err && err.message}`));
  mark('pynnImported');
  post({
    type: MSG.ready,
    pyodideVersion: pyodide.version,
    pythonVersion: pyodide.runPython('import sys; sys.version.split()[0]'),
    interruptible: Boolean(interruptBuffer),
    fromSnapshot,
    timings, // ms since the worker started, per start-up stage
  });
}

// A program that may save or load HDF5 (model.save, load_model, ModelCheckpoint, h5py...)
// gets h5wasm first; it is fetched once, on the first such program (see h5wasm.js).
const MAY_USE_HDF5 = /\.h5|hdf5|h5py|\.keras|save|load_model|load_weights|ModelCheckpoint/i;
let h5wasmLoading = null;

function loadH5wasm() {
  if (!h5wasmLoading) {
    h5wasmLoading = (async () => {
      const bytes = await buildFile('h5wasm.js'); // through the page, like every build file
      const url = URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }));
      const codec = await import(/* @vite-ignore */ url);
      URL.revokeObjectURL(url);
      await codec.ready;
      runner.use_h5wasm(codec);
    })().catch((err) => {
      h5wasmLoading = null; // try again with the next program
      post({ type: MSG.stderr, text: `HDF5 support could not load: ${err && err.message}\n` });
    });
  }
  return h5wasmLoading;
}

// The working folder's news since the last run, for the page's Files panel (pynn_runner/files.py).
function postFileChanges() {
  const { changed, removed } = JSON.parse(runner.file_changes());
  for (const { name, size, path } of changed) {
    if (path === null) {
      post({ type: MSG.workdirFile, name, size });
      continue;
    }
    const bytes = pyodideInstance.FS.readFile(path);
    const buffer =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
        ? bytes.buffer
        : bytes.slice().buffer;
    post({ type: MSG.workdirFile, name, size, bytes: buffer }, [buffer]);
  }
  for (const name of removed) post({ type: MSG.workdirRemoved, name });
}

// `name`: the tab `code` is; `files`: every tab {name: code}, written into the working folder
// before the run (pynn_runner/tabs.py).
function run({ id, code, keep = false, cell = -1, name = 'main.py', files = {} }) {
  if (interruptFlag) interruptFlag[0] = 0; // a Stop pressed after the last run ended
  try {
    const final = JSON.parse(runner.run(id, code, keep, cell, name, JSON.stringify(files)));
    postFileChanges();
    post(final);
  } catch (err) {
    // Python itself failed (out of wasm memory, stack overflow): only a new worker recovers.
    post({
      type: MSG.error,
      id,
      kind: 'FatalError',
      message: String((err && err.message) || err),
      restart: true,
    });
  }
}

let queue = Promise.resolve();

async function handle(message) {
  if (!runner) {
    if (message.type === MSG.run) {
      post({
        type: MSG.error,
        id: message.id,
        kind: 'LoadError',
        message: 'Python did not load.',
        restart: true,
      });
    }
    return;
  }
  if (message.type === MSG.run) {
    await kernelThreads;
    const texts = [message.code, ...Object.values(message.files || {})];
    if (texts.some((text) => MAY_USE_HDF5.test(text))) await loadH5wasm();
    await loadDatasetsFor(pyodideInstance, texts.join('\n'), (text) =>
      post({ type: MSG.stderr, text }),
    );
    run(message);
  } else if (message.type === MSG.workdirPut) {
    const problem = runner.put_file(message.name, new Uint8Array(message.bytes));
    if (problem) post({ type: MSG.stderr, text: `${problem}\n` });
  } else if (message.type === MSG.digit) {
    post(JSON.parse(runner.predict_digit(new Uint8Array(message.pixels))));
  } else if (message.type === MSG.workdirDelete) {
    runner.delete_file(message.name);
  }
}

self.addEventListener('message', (event) => {
  const message = event.data;
  if (!isMessage(message)) return;
  if (message.type === MSG.file) {
    receiveFile(message);
  } else if (message.type === MSG.init && !booting) {
    booting = boot(message).catch((err) => {
      post({
        type: MSG.error,
        id: null,
        kind: 'LoadError',
        message: String((err && err.message) || err),
        restart: false,
      });
    });
  } else if (booting) {
    // Runs and file changes take turns, in the order the page sent them.
    queue = queue
      .then(() => booting)
      .then(() => handle(message))
      .catch((err) => {
        post({ type: MSG.stderr, text: `${err && err.message}\n` });
      });
  }
});
