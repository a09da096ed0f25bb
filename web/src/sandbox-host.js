// The sandbox host: the only script of the hidden <iframe sandbox="allow-scripts"> (no
// allow-same-origin, so its origin is opaque) that worker-bridge.js creates. It starts the
// Python worker from the bytes of worker.js the page sends, relays well-formed protocol
// messages both ways, and owns the interrupt buffer that Stop writes into.
//
// From an opaque origin neither this frame nor its worker can read the site's cache, its
// localStorage, IndexedDB or service worker, nor fetch the site's files (no CORS on a static
// host): user code in the worker gets nothing of the site but the messages it may send.
import { MSG, SIGINT, checkMessage } from './protocol.js';

let worker = null;
let interruptFlag = null;

function toPage(message, transfer = []) {
  // The page's origin cannot be named from an opaque one; the page checks the source.
  window.parent.postMessage(message, '*', transfer);
}

function fromWorker(event) {
  const message = checkMessage(event.data, 'worker');
  if (message) toPage(message, message.bytes ? [message.bytes] : []);
}

function startWorker({ baseUrl, worker: source }) {
  // Chromium cannot start a module worker from a blob: URL in an opaque origin, so worker.js
  // is built as a classic script (it imports Pyodide's module with import()).
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  worker = new Worker(url, { name: 'python' });
  URL.revokeObjectURL(url);
  worker.addEventListener('message', fromWorker);
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    toPage({
      type: MSG.error,
      id: null,
      kind: 'LoadError',
      restart: false,
      message: `The Python worker failed to start: ${event.message || 'unknown error'}`,
    });
  });
  // A shared buffer exists only when the page is cross-origin isolated and lets this frame be
  // (allow="cross-origin-isolated"); without it Stop restarts the sandbox instead.
  const shared = globalThis.crossOriginIsolated ? new SharedArrayBuffer(4) : null;
  interruptFlag = shared && new Int32Array(shared);
  worker.postMessage({ type: MSG.init, baseUrl, interruptBuffer: shared });
}

window.addEventListener('message', (event) => {
  if (event.source !== window.parent) return;
  const message = checkMessage(event.data, 'page');
  if (!message) return;
  if (message.type === MSG.init) {
    if (!worker && message.worker) startWorker(message);
  } else if (message.type === MSG.interrupt) {
    if (interruptFlag) interruptFlag[0] = SIGINT;
  } else if (worker) {
    worker.postMessage(message, message.bytes ? [message.bytes] : []);
  }
});
