// Node-side checks of the start-up snapshot's guards (web/src/worker/site.js and
// pyodide-internals.js), run by tests/web/test_snapshot_checks.py. Prints one JSON line.
import { checkPyodideVersion, PYODIDE_VERSION } from '../../web/src/worker/pyodide-internals.js';
import { describeSnapshotFile, encodeSparse, startFromSnapshot } from '../../web/src/worker/site.js';

async function refusal(promiseOrFn) {
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
    return null;
  } catch (err) {
    return err.message;
  }
}

// A stand-in for loadPyodide: waits for the base snapshot's bytes (as Pyodide does) and
// stops there; the checks must have refused the files before anything else happens.
const reachedPyodide = [];
async function fakeLoadPyodide(options) {
  const base = await options._loadSnapshot;
  reachedPyodide.push(base.length);
  throw new Error('stand-in Pyodide reached');
}

// A .snap file as the build writes one: a 64-byte header (word 1: where the memory starts),
// then 8 KiB of memory, sparse-encoded.
const raw = new Uint8Array(64 + 8192).map((_, i) => (i * 7) % 251);
new DataView(raw.buffer).setUint32(4, 64, true);
const base = encodeSparse(raw, 64);
const site = new Uint8Array(4096 * 2).map((_, i) => (i * 13) % 241);
const manifest = {
  pyodideVersion: PYODIDE_VERSION,
  snapshot: { files: { base: await describeSnapshotFile(base), site: await describeSnapshotFile(site) } },
};
const flipped = base.slice();
flipped[base.length - 100] ^= 1;
const start = (man, baseBytes) => startFromSnapshot(fakeLoadPyodide, {}, man, baseBytes, site, new Uint8Array(0));

const report = {
  pinned: PYODIDE_VERSION,
  pinnedAccepted: await refusal(() => checkPyodideVersion(PYODIDE_VERSION)),
  otherVersion: await refusal(() => checkPyodideVersion('314.0.2')),
  manifestOfOtherVersion: await refusal(start({ ...manifest, pyodideVersion: '0.29.0' }, base)),
  flippedByte: await refusal(start(manifest, flipped)),
  truncated: await refusal(start(manifest, base.subarray(0, 4096))),
  baseBytes: base.length,
  rawBytes: raw.length,
  intact: await refusal(start(manifest, base)),
  reachedPyodide,
  sha256: manifest.snapshot.files.base.sha256,
};
console.log(JSON.stringify(report));
