// The Web Worker that owns Pyodide. The page never runs Python: it sends `init` once and
// `run` per program; everything printed or trained comes back as protocol messages.
import { loadPyodide } from './pyodide/pyodide.mjs'; // left external: served from dist/pyodide/
import { MSG, isMessage } from '../protocol.js';
import runnerSource from './runner.py';
import { SITE } from 'virtual:site';

const here = new URL('./', self.location.href);
let runner = null;
let booting = null;
let interruptFlag = null;

function post(message) {
  self.postMessage(message);
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

async function boot({ interruptBuffer }) {
  const timings = {};
  const mark = (name) => { timings[name] = Math.round(performance.now()); };
  post({ type: MSG.loading, stage: 'Loading Python' });
  const pynnWheel = fetchBytes(new URL(`wheels/${SITE.pynnWheel}`, here));
  // pynn's modules byte-compiled for this Python at build time (web/compile_pyc.mjs).
  const pynnPycache = SITE.pynnPycache && fetchBytes(new URL(`wheels/${SITE.pynnPycache}`, here));
  const pyodide = await loadPyodide({
    indexURL: new URL('pyodide/', here).href,
    packages: ['numpy'],
    stdout: (text) => post({ type: MSG.stdout, text: `${text}\n` }),
    stderr: (text) => post({ type: MSG.stderr, text: `${text}\n` }),
  });
  mark('pyodideAndNumpy');
  post({ type: MSG.loading, stage: 'Loading pynn' });
  pyodide.unpackArchive(await pynnWheel, 'wheel');
  if (pynnPycache) {
    const sitePackages = pyodide.runPython('import os, pynn; os.path.dirname(os.path.dirname(pynn.__file__))');
    pyodide.unpackArchive(await pynnPycache, 'zip', { extractDir: sitePackages });
  }
  if (interruptBuffer) {
    interruptFlag = new Int32Array(interruptBuffer);
    pyodide.setInterruptBuffer(interruptFlag);
  }

  const scope = pyodide.globals.get('dict')();
  pyodide.runPython(runnerSource, { globals: scope, filename: 'pynn_runner.py' });
  const emitJson = (json) => post(JSON.parse(json));
  const emitText = (type, text) => post({ type, text });
  runner = scope.get('Runner')(emitJson, emitText, pyodide.toPy(MSG));
  mark('runner');
  runner.warm_up();
  mark('pynnImported');
  post({
    type: MSG.ready,
    pyodideVersion: pyodide.version,
    pythonVersion: pyodide.runPython('import sys; sys.version.split()[0]'),
    interruptible: Boolean(interruptBuffer),
    timings, // ms since the worker started, per start-up stage
  });
}

function run({ id, code }) {
  if (interruptFlag) interruptFlag[0] = 0; // a Stop pressed after the last run ended
  try {
    post(JSON.parse(runner.run(id, code)));
  } catch (err) {
    // Python itself failed (out of wasm memory, stack overflow): only a new worker recovers.
    post({ type: MSG.error, id, kind: 'FatalError', message: String(err && err.message || err), restart: true });
  }
}

self.addEventListener('message', (event) => {
  const message = event.data;
  if (!isMessage(message)) return;
  if (message.type === MSG.init && !booting) {
    booting = boot(message).catch((err) => {
      post({ type: MSG.error, id: null, kind: 'LoadError', message: String(err && err.message || err), restart: false });
    });
  } else if (message.type === MSG.run) {
    booting.then(() => (runner ? run(message) : post({
      type: MSG.error, id: message.id, kind: 'LoadError', message: 'Python did not load.', restart: true,
    })));
  }
});
