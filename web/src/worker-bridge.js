// The page's handle on Python: starts the sandbox, sends programs, stops them, and decides
// which messages to believe.
//
// Python runs where shared code cannot reach the site's storage: a hidden
// <iframe sandbox="allow-scripts"> without allow-same-origin (an opaque origin) whose only
// script, sandbox-host.js, starts the Python worker and relays messages. That origin cannot
// fetch the site's files, so the page reads the ones the worker asks for (files of this build
// only) and hands their bytes over.
//
// Stop: when the sandbox is cross-origin isolated, its host writes SIGINT into the interrupt
// buffer it shares with the worker; otherwise (or if Python has not stopped in time) the page
// throws the sandbox away with its worker and starts a new one.
//
// Trust: user code runs in the worker and can post any message. The page takes only
// well-formed protocol messages (protocol.js checkMessage) from the current sandbox, and of
// those only the ones that fit the moment: start-up messages while loading, output and
// training events while a program runs, `result` / `error` only with the current run's id
// (an `error` without id only while loading).
import { MSG, INTERRUPT_GRACE_MS, checkMessage } from './protocol.js';
import { fetchAsset } from './assets.js';
import { t } from './i18n.js';
import { bootFiles } from './worker/boot-files.js';
import { HOST_SCRIPT, WORKER_FILES } from 'virtual:sandbox';
import { SITE } from 'virtual:site';

export const STATE = Object.freeze({
  loading: 'loading',
  ready: 'ready',
  running: 'running',
  stopping: 'stopping',
  failed: 'failed',
});

const DURING_RUN = new Set([STATE.running, STATE.stopping]);
const ALLOWED_FILES = new Set(WORKER_FILES);

// A run id the program cannot guess from earlier ones.
function newRunId() {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}

export class PythonWorker {
  // onMessage(message) gets every accepted protocol message; onState(state, detail) every
  // state change. `baseUrl`: the site's base URL (the worker names its files from it).
  constructor({ baseUrl, onMessage, onState }) {
    this.baseUrl = baseUrl;
    this.onMessage = onMessage;
    this.onState = onState;
    this.frame = null;
    this.state = null;
    this.runId = null;
    this.stopTimer = null;
    this.resolveStop = null;
    this.interruptible = false;
    this.supplying = new Set();
    this.prefetched = new Map();
    this.dropped = new Set();
    window.addEventListener('message', (event) => {
      if (this.frame && event.source === this.frame.contentWindow) this.receive(event.data);
    });
  }

  start() {
    const frame = document.createElement('iframe');
    frame.className = 'python-sandbox';
    frame.hidden = true;
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('allow', 'cross-origin-isolated');
    frame.srcdoc = `<!doctype html><meta charset="utf-8"><script>${HOST_SCRIPT}</script>`;
    this.frame = frame;
    this.supplying.clear();
    const workerSource = fetchAsset('worker.js');
    // A failure is reported once the sandbox has loaded (below); until then it must not count as
    // an unhandled rejection (the fetch can fail before the iframe's load event).
    workerSource.catch(() => {});
    // The files the worker will ask for first, read while the sandbox and the worker start,
    // one after the other in the order start-up needs them (read all at once, the first ones
    // arrive late).
    let previous = Promise.resolve();
    this.prefetched = new Map(
      bootFiles(SITE).map((path) => {
        const bytes = previous.then(() => fetchAsset(path));
        previous = bytes.catch(() => {}); // a failure is reported when the worker asks for the file
        return [path, bytes];
      }),
    );
    frame.addEventListener(
      'load',
      () => {
        workerSource.then(
          (bytes) => {
            if (this.frame !== frame) return;
            const worker = ownBuffer(bytes);
            this.post({ type: MSG.init, baseUrl: this.baseUrl, worker }, [worker]);
          },
          (err) => {
            if (this.frame === frame)
              this.setState(STATE.failed, t('stage.workerFailed', { reason: err.message }));
          },
        );
      },
      { once: true },
    );
    this.setState(STATE.loading, t('stage.Starting Python'));
    document.body.append(frame);
  }

  // Throws the sandbox (and with it the worker) away and starts a new one.
  restart(reason) {
    clearTimeout(this.stopTimer);
    if (this.frame) this.frame.remove();
    this.frame = null;
    this.start();
    if (reason) this.setState(STATE.loading, reason);
  }

  // options: { keep: run in the living session, cell: run only that cell (0-based), name: the
  // tab `code` is, files: every tab {name: code} (written into the working folder first) }
  run(code, { keep = false, cell = -1, name = 'main.py', files = {} } = {}) {
    if (this.state !== STATE.ready) return false;
    this.runId = newRunId();
    this.setState(STATE.running);
    this.post({ type: MSG.run, id: this.runId, code, keep, cell, name, files });
    return true;
  }

  // The digit pad's drawing (784 bytes) for the session's model; the answer is a digit_result.
  predictDigit(pixels) {
    if (this.state !== STATE.ready) return false;
    const buffer = pixels.slice().buffer;
    this.post({ type: MSG.digit, pixels: buffer }, [buffer]);
    return true;
  }

  // Resolves once the program has stopped: 'interrupted' or 'restarted'.
  stop() {
    if (this.state !== STATE.running) return Promise.resolve(null);
    this.setState(STATE.stopping);
    if (!this.interruptible) {
      this.restart(t('stage.restartAfterStop'));
      return Promise.resolve('restarted');
    }
    this.post({ type: MSG.interrupt });
    return new Promise((resolve) => {
      this.resolveStop = resolve;
      this.stopTimer = setTimeout(() => {
        this.resolveStop = null;
        this.restart(t('stage.restartAfterStop'));
        resolve('restarted');
      }, INTERRUPT_GRACE_MS);
    });
  }

  post(message, transfer = []) {
    this.frame.contentWindow.postMessage(message, '*', transfer);
  }

  receive(data) {
    const message = checkMessage(data, 'worker');
    if (!message) {
      this.warnDropped(data);
      return;
    }
    if (message.type === MSG.fileRequest) {
      this.supplyFile(message.path);
      return;
    }
    if (!this.accepts(message)) return;
    if (message.type === MSG.ready) this.interruptible = message.interruptible;
    const finished = message.type === MSG.result || message.type === MSG.error;
    if (finished && this.resolveStop) {
      clearTimeout(this.stopTimer);
      this.resolveStop('interrupted');
      this.resolveStop = null;
    }
    if (message.type === MSG.ready) this.setState(STATE.ready, message);
    this.onMessage(message);
    if (!finished) return;
    if (message.restart) {
      this.restart(
        message.kind === 'MemoryError'
          ? t('stage.restartAfterMemory')
          : t('stage.restartAfterCrash'),
      );
    } else if (message.id === null) {
      this.setState(STATE.failed, message.message);
    } else {
      this.setState(STATE.ready);
    }
  }

  // Whether a well-formed message fits the current state (see the top of this file).
  accepts(message) {
    switch (message.type) {
      case MSG.loading:
      case MSG.ready:
        return this.state === STATE.loading;
      case MSG.stdout:
      case MSG.stderr:
        return this.state === STATE.loading || DURING_RUN.has(this.state);
      case MSG.digitResult: // the digit pad asks between runs
        return this.state === STATE.ready;
      case MSG.result:
      case MSG.digitPadOpen:
      case MSG.cellBegin:
      case MSG.figure:
        return DURING_RUN.has(this.state) && message.id === this.runId;
      case MSG.error:
        return message.id === null
          ? this.state === STATE.loading
          : DURING_RUN.has(this.state) && message.id === this.runId;
      default: // training events and anything a later message adds: only during a run
        return DURING_RUN.has(this.state);
    }
  }

  // Answers a worker's file request with the file's bytes, for files of this build only.
  supplyFile(path) {
    const frame = this.frame;
    if (!ALLOWED_FILES.has(path)) {
      this.post({ type: MSG.file, path, error: `${path} is not a file of this build` });
      return;
    }
    if (this.supplying.has(path)) return; // already on its way
    this.supplying.add(path);
    const bytes = this.prefetched.get(path) || fetchAsset(path);
    this.prefetched.delete(path);
    bytes
      .then(
        (bytes) => {
          if (this.frame !== frame) return;
          const buffer = ownBuffer(bytes);
          this.post({ type: MSG.file, path, bytes: buffer }, [buffer]);
        },
        (err) => {
          if (this.frame === frame) this.post({ type: MSG.file, path, error: err.message });
        },
      )
      .finally(() => {
        if (this.frame === frame) this.supplying.delete(path);
      });
  }

  warnDropped(data) {
    const type = data && typeof data.type === 'string' ? data.type : typeof data;
    if (this.dropped.has(type)) return;
    this.dropped.add(type);
    console.warn(
      `pynn playground: dropped a malformed or unknown message from the Python sandbox (${type.slice(0, 40)})`,
    );
  }

  setState(state, detail) {
    this.state = state;
    this.onState(state, detail);
  }
}

// An ArrayBuffer holding exactly `bytes`, to transfer.
function ownBuffer(bytes) {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole ? bytes.buffer : bytes.slice().buffer;
}
