// The share-link codec: `#n=LENGTH&code=PAYLOAD` with PAYLOAD = lz-string
// compressToEncodedURIComponent(code) (the format the TypeScript playground uses) and LENGTH the
// program's length in UTF-16 units, and `#example=NAME`. Pure functions, no DOM (messages in
// the page's language, from i18n.js).
//
// LENGTH comes first so that a link cut off when copied is recognised: lz-string decodes many
// cut-off payloads to a shorter program without complaint. Links without it (made elsewhere,
// or by older versions) still open. Any program text round-trips, control characters included.
//
// A link is a few kilobytes that can expand to gigabytes: before lz-string decompresses it,
// decodedLength() walks the payload counting characters only, and stops at the limit.
//
// Several files (the editor's tabs, tabs-format.js) travel as version 2:
// `#v=2&n=LENGTH&files=PAYLOAD`, PAYLOAD = the same lz-string encoding of the JSON
// {"files":[{"name":"MLP.py","code":"..."}, ...],"active":1} and LENGTH that JSON's length.
// A program of one tab named main.py is still shared as `#n=…&code=…`, so those links open
// in older versions of the page too, and every earlier link opens as one tab, main.py. The
// JSON is checked like everything from a link: at most 20 files, importable distinct names,
// strings only, all the code together at most 1 MB; a higher version asks for a newer page.
import LZString from 'lz-string';
import { MAX_CODE_BYTES } from './protocol.js';
import { t } from './i18n.js';
import { checkSession, MAIN_FILE } from './tabs-format.js';

export const LINK_VERSION = 2;

// Longest payload looked at: 1 MB of incompressible text encodes to about 4 MB.
const MAX_PAYLOAD_CHARS = 4 * MAX_CODE_BYTES;

export function utf8Length(text) {
  return new TextEncoder().encode(text).length;
}

export function tooLargeMessage(bytes) {
  const mb = (bytes / (1024 * 1024)).toFixed(1);
  return t('program.tooLarge', { mb, bytes: bytes.toLocaleString('en') });
}

export function encodeCode(code) {
  return `#n=${code.length}&code=${code ? LZString.compressToEncodedURIComponent(code) : ''}`;
}

// All the code of a session (every tab), in UTF-8 bytes: what the 1 MB limit counts.
export function sessionBytes(session) {
  return session.files.reduce((sum, file) => sum + utf8Length(file.code), 0);
}

// A session (tabs-format.js) -> the link fragment: the old form for one main.py, else v=2.
export function encodeSession(session) {
  const { files, active } = session;
  if (files.length === 1 && files[0].name === MAIN_FILE) return encodeCode(files[0].code);
  const json = JSON.stringify({ files: files.map(({ name, code }) => ({ name, code })), active });
  return `#v=${LINK_VERSION}&n=${json.length}&files=${LZString.compressToEncodedURIComponent(json)}`;
}

export function shareUrl(location, session) {
  const fragment = typeof session === 'string' ? encodeCode(session) : encodeSession(session);
  return `${location.origin}${location.pathname}${fragment}`;
}

const URI_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const DIGIT = new Map([...URI_SAFE].map((char, i) => [char, i]));

// How many UTF-16 units lz-string's decompressFromEncodedURIComponent(payload) would return,
// found by the same walk over the payload's codes with lengths in place of strings. Stops as
// soon as the count passes `limit` (and returns it); null when lz-string would return null or
// '' or fail (an invalid or cut-off payload).
export function decodedLength(payload, limit) {
  const input = payload.replace(/ /g, '+');
  let value = DIGIT.get(input[0]) ?? 0;
  let position = 32;
  let index = 1;
  const read = (count) => {
    let bits = 0;
    for (let p = 0; p < count; p += 1) {
      const bit = value & position;
      position >>= 1;
      if (position === 0) {
        position = 32;
        value = DIGIT.get(input[index]) ?? 0;
        index += 1;
      }
      if (bit) bits += 2 ** p;
    }
    return bits;
  };
  const first = read(2);
  if (first > 1) return null; // 2: the empty program (lz-string gives ''), 3: invalid
  read(first === 0 ? 8 : 16);
  const lengths = [0, 0, 0, 1]; // entry lengths of lz-string's dictionary
  let dictSize = 4;
  let numBits = 3;
  let enlargeIn = 4;
  let previous = 1;
  let total = 1;
  for (;;) {
    if (index > input.length) return null;
    let code = read(numBits);
    if (code === 0 || code === 1) {
      read(code === 0 ? 8 : 16);
      lengths[dictSize] = 1;
      dictSize += 1;
      code = dictSize - 1;
      enlargeIn -= 1;
    } else if (code === 2) {
      return total;
    }
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits += 1;
    }
    let entry;
    if (code < dictSize) entry = lengths[code];
    else if (code === dictSize) entry = previous + 1;
    else return null;
    total += entry;
    if (total > limit) return total;
    lengths[dictSize] = previous + 1;
    dictSize += 1;
    enlargeIn -= 1;
    previous = entry;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits += 1;
    }
  }
}

// The fragment's `name=value` pairs, values as written (a payload's `+` stays a `+`).
function fragmentParams(fragment) {
  const params = new Map();
  for (const part of fragment.split('&')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    if (!params.has(name)) params.set(name, eq < 0 ? '' : part.slice(eq + 1));
  }
  return params;
}

function decodePercent(text) {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const damaged = () => ({ kind: 'error', message: t('link.damaged') });
const tooLarge = () => ({ kind: 'error', message: t('link.tooLarge') });

// The text of a payload whose decoded length is `expected` (or unknown: null) and at most
// `limit` UTF-16 units, or an { kind: 'error' } for a damaged or oversized one — found by the
// bounded length walk before anything is decompressed.
function decodePayload(payload, expected, limit) {
  if (payload.length > MAX_PAYLOAD_CHARS) return tooLarge();
  if (expected !== null && expected > limit) return tooLarge();
  const bound = expected ?? limit;
  const length = decodedLength(payload, bound);
  if (length === null) return damaged();
  if (length > bound) return expected === null ? tooLarge() : damaged();
  if (expected !== null && length !== expected) return damaged();
  let text;
  try {
    text = LZString.decompressFromEncodedURIComponent(payload);
  } catch {
    text = null;
  }
  if (text === null || text === '' || text.length !== length) return damaged();
  return { text };
}

// A v=2 link's files: the JSON checked as a session; null when it is not one.
function parseSession(json) {
  try {
    return checkSession(JSON.parse(json));
  } catch {
    return null;
  }
}

// Returns one of:
//   { kind: 'none' }                     no code/example in the fragment
//   { kind: 'code', code }               a shared program (one file)
//   { kind: 'files', session }           shared tabs (v=2): { files: [{name, code}], active }
//   { kind: 'example', name }            a bundled example
//   { kind: 'error', message }           a malformed, truncated, oversized or too new link
export function decodeFragment(hash) {
  const fragment = (hash || '').replace(/^#/, '');
  if (!fragment) return { kind: 'none' };
  const params = fragmentParams(fragment);
  if (params.has('example')) return { kind: 'example', name: decodePercent(params.get('example')) };
  const stated = params.has('n') ? params.get('n') : null;
  if (stated !== null && !/^\d{1,9}$/.test(stated)) return damaged();
  const expected = stated === null ? null : Number(stated);
  if (params.has('v')) {
    const version = params.get('v');
    if (!/^\d{1,6}$/.test(version)) return damaged();
    if (Number(version) > LINK_VERSION) return { kind: 'error', message: t('link.newer') };
    if (Number(version) === LINK_VERSION) {
      if (!params.has('files') || expected === null) return damaged();
      // the JSON's quotes, names and escapes come on top of the code's 1 MB
      const decoded = decodePayload(
        decodePercent(params.get('files')),
        expected,
        2 * MAX_CODE_BYTES,
      );
      if (decoded.kind) return decoded;
      const session = parseSession(decoded.text);
      if (!session) return damaged();
      const bytes = sessionBytes(session);
      if (bytes > MAX_CODE_BYTES) return { kind: 'error', message: tooLargeMessage(bytes) };
      return { kind: 'files', session };
    }
  }
  if (!params.has('code')) return stated === null ? { kind: 'none' } : damaged();
  const payload = decodePercent(params.get('code'));
  if (payload.length > MAX_PAYLOAD_CHARS) return tooLarge();
  if (!payload) return expected ? damaged() : { kind: 'code', code: '' };
  // A UTF-16 unit is at least one UTF-8 byte: more units than MAX_CODE_BYTES is too large.
  const decoded = decodePayload(payload, expected, MAX_CODE_BYTES);
  if (decoded.kind) return decoded;
  const code = decoded.text;
  const bytes = utf8Length(code);
  if (bytes > MAX_CODE_BYTES) return { kind: 'error', message: tooLargeMessage(bytes) };
  return { kind: 'code', code };
}
