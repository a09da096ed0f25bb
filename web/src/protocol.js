// The one message protocol between the page and the worker that owns Pyodide.
// Both sides import this file; the Python runner receives MSG at start-up and uses
// the same names. web/README.md documents every message and its fields.

export const MSG = Object.freeze({
  // page -> worker
  init: 'init', //          { interruptBuffer?: SharedArrayBuffer }
  run: 'run', //            { id, code }
  // worker -> page
  loading: 'loading', //    { stage }
  ready: 'ready', //        { pyodideVersion, pythonVersion, interruptible }
  stdout: 'stdout', //      { text }
  stderr: 'stderr', //      { text }
  trainBegin: 'train_begin', // { params: { epochs, steps, verbose } }
  batchEnd: 'batch_end', // { epoch, batch, step, logs }
  epochEnd: 'epoch_end', // { epoch, logs }
  trainEnd: 'train_end', // { logs }
  result: 'result', //      { id, seconds }
  error: 'error', //        { id, kind, message, restart }
});

// Written by the page into the shared interrupt buffer to stop a run
// (Pyodide raises KeyboardInterrupt at the next bytecode boundary).
export const SIGINT = 2;

// After asking Python to stop, how long to wait before terminating the worker instead.
export const INTERRUPT_GRACE_MS = 700;

// The largest program the playground accepts (in UTF-8 bytes), in the editor and in links.
export const MAX_CODE_BYTES = 1024 * 1024;

export function isMessage(data) {
  return data !== null && typeof data === 'object' && typeof data.type === 'string';
}
