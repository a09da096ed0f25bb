// The page's handle on the Python worker: starts it, sends programs, stops them.
// Stop interrupts Python through a shared buffer when the page is cross-origin isolated;
// otherwise (or if Python does not stop in time) it terminates the worker and starts a new one.
import { MSG, SIGINT, INTERRUPT_GRACE_MS, isMessage } from './protocol.js';
import { t } from './i18n.js';

export const STATE = Object.freeze({
  loading: 'loading',
  ready: 'ready',
  running: 'running',
  stopping: 'stopping',
  failed: 'failed',
});

export class PythonWorker {
  // onMessage(message) gets every protocol message; onState(state, detail) every state change.
  constructor({ workerUrl, onMessage, onState }) {
    this.workerUrl = workerUrl;
    this.onMessage = onMessage;
    this.onState = onState;
    this.worker = null;
    this.state = null;
    this.runId = 0;
    this.interruptFlag = null;
    this.stopTimer = null;
    this.interruptible = false;
  }

  start() {
    const shared = globalThis.crossOriginIsolated ? new SharedArrayBuffer(4) : null;
    this.interruptFlag = shared ? new Int32Array(shared) : null;
    this.worker = new Worker(this.workerUrl, { type: 'module', name: 'python' });
    this.worker.addEventListener('message', (event) => this.receive(event.data));
    this.worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.setState(STATE.failed, t('stage.workerFailed', { reason: event.message || t('stage.unknownError') }));
    });
    this.setState(STATE.loading, t('stage.Starting Python'));
    this.worker.postMessage({ type: MSG.init, interruptBuffer: shared });
  }

  restart(reason) {
    clearTimeout(this.stopTimer);
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.start();
    if (reason) this.setState(STATE.loading, reason);
  }

  run(code) {
    if (this.state !== STATE.ready) return false;
    this.runId += 1;
    if (this.interruptFlag) this.interruptFlag[0] = 0;
    this.setState(STATE.running);
    this.worker.postMessage({ type: MSG.run, id: this.runId, code });
    return true;
  }

  // Resolves once the program has stopped: 'interrupted' or 'restarted'.
  stop() {
    if (this.state !== STATE.running) return Promise.resolve(null);
    this.setState(STATE.stopping);
    if (!this.interruptFlag) {
      this.restart(t('stage.restartAfterStop'));
      return Promise.resolve('restarted');
    }
    this.interruptFlag[0] = SIGINT;
    return new Promise((resolve) => {
      this.resolveStop = resolve;
      this.stopTimer = setTimeout(() => {
        this.resolveStop = null;
        this.restart(t('stage.restartAfterStop'));
        resolve('restarted');
      }, INTERRUPT_GRACE_MS);
    });
  }

  receive(message) {
    if (!isMessage(message)) return;
    if (message.type === MSG.ready) {
      this.interruptible = Boolean(message.interruptible);
      this.setState(STATE.ready, message);
    }
    const finished = message.type === MSG.result || message.type === MSG.error;
    if (finished && this.state === STATE.stopping && this.resolveStop) {
      clearTimeout(this.stopTimer);
      this.resolveStop('interrupted');
      this.resolveStop = null;
    }
    this.onMessage(message);
    if (finished && message.id !== this.runId && message.id !== null) return;
    if (finished && message.restart) {
      this.restart(message.kind === 'MemoryError'
        ? t('stage.restartAfterMemory')
        : t('stage.restartAfterCrash'));
    } else if (finished && message.id === null) {
      this.setState(STATE.failed, message.message);
    } else if (finished) {
      this.setState(STATE.ready);
    }
  }

  setState(state, detail) {
    this.state = state;
    this.onState(state, detail);
  }
}
