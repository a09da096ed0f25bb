// The one message protocol between the page, the sandbox that hosts the Python worker, and
// the worker that owns Pyodide. All three import this file; the Python runner receives MSG at
// start-up and uses the same names. web/README.md documents every message and its fields.
//
// User code runs in the worker and can post anything from there, so every message is
// checked against FIELDS on arrival (checkMessage) by the sandbox host and again by the page;
// what does not match is dropped. A new message needs its entry in MSG, FIELDS and FROM_PAGE
// (or not: then it travels worker -> page).

export const MSG = Object.freeze({
  // page -> sandbox host (-> worker)
  init: 'init', //          { baseUrl, worker?: bytes of worker.js, interruptBuffer?: SharedArrayBuffer }
  run: 'run', //            { id, code, keep?, cell?, name?, files? }: keep = in the living session; cell = run only that one (0-based); name = the tab `code` is (default main.py); files = every tab {name: code}, written into the working folder first
  file: 'file', //          { path, bytes } or { path, error }: a file the worker asked for
  digit: 'digit', //        { pixels }: the digit pad's 28x28 drawing (784 bytes) for the session's model
  interrupt: 'interrupt', // {}  (Stop; handled by the sandbox host)
  workdirPut: 'workdir_put', // { name, bytes }: put a file into the program's working folder
  workdirDelete: 'workdir_delete', // { name }
  // worker -> page
  fileRequest: 'file_request', // { path }
  loading: 'loading', //    { stage }
  ready: 'ready', //        { pyodideVersion, pythonVersion, interruptible, fromSnapshot, timings }
  stdout: 'stdout', //      { text }
  stderr: 'stderr', //      { text }
  trainBegin: 'train_begin', // { params: { model, epochs, steps, verbose } }
  batchEnd: 'batch_end', // { epoch, batch, step, logs }
  epochEnd: 'epoch_end', // { epoch, step, logs }
  trainEnd: 'train_end', // { logs }
  workdirFile: 'workdir_file', // { name, size, bytes? }: new or changed after a run (no bytes: too large)
  workdirRemoved: 'workdir_removed', // { name }: the program deleted it
  cellBegin: 'cell_begin', // { id, cell, line }: cell `cell` (1-based) of the run starts, at editor line `line`
  digitPadOpen: 'digit_pad_open', // { id }: the program asks the page to show the digit pad
  digitResult: 'digit_result', // { probabilities, model, error? }: the model's ten probabilities
  figure: 'figure', //      { id, key, svg, description }: a matplotlib figure (SVG text)
  result: 'result', //      { id, seconds }
  error: 'error', //        { id, kind, message, restart, trace?, internal?, line?, hint?, hintArg? }
});

// The messages the page sends; every other one travels from the worker to the page.
export const FROM_PAGE = Object.freeze(
  new Set([
    MSG.init,
    MSG.run,
    MSG.file,
    MSG.interrupt,
    MSG.workdirPut,
    MSG.workdirDelete,
    MSG.digit,
  ]),
);

// Field types: string, number (finite), boolean, bytes (ArrayBuffer), shared
// (SharedArrayBuffer), numbers ({name: number}, e.g. Keras logs), texts ({name: string}, e.g.
// the editor's tabs), or a nested field table;
// `a|b` = either, `null` allowed only when listed, `?` at the end = may be missing.
export const FIELDS = Object.freeze({
  [MSG.init]: { baseUrl: 'string', worker: 'bytes?', interruptBuffer: 'shared|null?' },
  [MSG.run]: {
    id: 'number',
    code: 'string',
    keep: 'boolean?',
    cell: 'number?',
    name: 'string?',
    files: 'texts?',
  },
  [MSG.file]: { path: 'string', bytes: 'bytes?', error: 'string?' },
  [MSG.interrupt]: {},
  [MSG.workdirPut]: { name: 'string', bytes: 'bytes' },
  [MSG.workdirDelete]: { name: 'string' },
  [MSG.workdirFile]: { name: 'string', size: 'number', bytes: 'bytes?' },
  [MSG.workdirRemoved]: { name: 'string' },
  [MSG.fileRequest]: { path: 'string' },
  [MSG.loading]: { stage: 'string' },
  [MSG.ready]: {
    pyodideVersion: 'string',
    pythonVersion: 'string',
    interruptible: 'boolean',
    fromSnapshot: 'boolean',
    timings: 'numbers',
  },
  [MSG.stdout]: { text: 'string' },
  [MSG.stderr]: { text: 'string' },
  [MSG.trainBegin]: {
    params: {
      model: 'string|null?',
      epochs: 'number|null?',
      steps: 'number|null?',
      verbose: 'number|string|null?',
    },
  },
  [MSG.batchEnd]: { epoch: 'number', batch: 'number', step: 'number', logs: 'numbers' },
  [MSG.epochEnd]: { epoch: 'number', step: 'number?', logs: 'numbers' },
  [MSG.trainEnd]: { logs: 'numbers' },
  [MSG.cellBegin]: { id: 'number', cell: 'number', line: 'number' },
  [MSG.digit]: { pixels: 'bytes' },
  [MSG.digitPadOpen]: { id: 'number' },
  [MSG.digitResult]: { probabilities: 'numbers', model: 'string', error: 'string?' },
  [MSG.figure]: { id: 'number', key: 'string', svg: 'string', description: 'string' },
  [MSG.result]: { id: 'number', seconds: 'number' },
  [MSG.error]: {
    id: 'number|null',
    kind: 'string',
    message: 'string',
    restart: 'boolean',
    // a program's error, as errors.js shows it: the user's frames and message, the whole
    // traceback (folded), the line of main.py to mark, a hint's name and argument
    trace: 'string?',
    internal: 'string?',
    line: 'number|null?',
    file: 'string|null?', // the tab holding `line` (main.py, MLP.py, ...)
    hint: 'string|null?',
    hintArg: 'string|null?',
  },
});

// Written by the sandbox host into the shared interrupt buffer to stop a run
// (Pyodide raises KeyboardInterrupt at the next bytecode boundary).
export const SIGINT = 2;

// After asking Python to stop, how long to wait before restarting the sandbox instead.
export const INTERRUPT_GRACE_MS = 700;

// The largest program the playground accepts (in UTF-8 bytes), in the editor and in links.
export const MAX_CODE_BYTES = 1024 * 1024;

export function isMessage(data) {
  return data !== null && typeof data === 'object' && typeof data.type === 'string';
}

function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const CHECKS = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  bytes: (v) => v instanceof ArrayBuffer,
  shared: (v) => typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer,
  numbers: (v) => isPlainObject(v) && Object.values(v).every(CHECKS.number),
  texts: (v) => isPlainObject(v) && Object.values(v).every(CHECKS.string),
};

// A copy of `data` holding only the fields its type declares, or null when `data` is not
// such a message or has a field of the wrong type.
function pick(data, fields) {
  if (!isPlainObject(data)) return null;
  const out = {};
  for (const [name, spec] of Object.entries(fields)) {
    const present = Object.hasOwn(data, name) && data[name] !== undefined;
    if (typeof spec === 'object') {
      if (!present) return null;
      const inner = pick(data[name], spec);
      if (inner === null) return null;
      out[name] = inner;
      continue;
    }
    const optional = spec.endsWith('?');
    if (!present) {
      if (optional) continue;
      return null;
    }
    const types = (optional ? spec.slice(0, -1) : spec).split('|');
    if (!types.some((type) => CHECKS[type](data[name]))) return null;
    out[name] = data[name];
  }
  return out;
}

// checkMessage(data, from) -> a clean copy of a well-formed message sent by `from` ('page' or
// 'worker'), or null.
export function checkMessage(data, from) {
  if (!isMessage(data) || !Object.hasOwn(FIELDS, data.type)) return null;
  if (FROM_PAGE.has(data.type) !== (from === 'page')) return null;
  const fields = pick(data, FIELDS[data.type]);
  return fields && { type: data.type, ...fields };
}
