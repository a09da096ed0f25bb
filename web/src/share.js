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
import LZString from 'lz-string';
import { MAX_CODE_BYTES } from './protocol.js';
import { t } from './i18n.js';

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

export function shareUrl(location, code) {
  return `${location.origin}${location.pathname}${encodeCode(code)}`;
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

// Returns one of:
//   { kind: 'none' }                     no code/example in the fragment
//   { kind: 'code', code }               a shared program
//   { kind: 'example', name }            a bundled example
//   { kind: 'error', message }           a malformed, truncated or oversized link
export function decodeFragment(hash) {
  const fragment = (hash || '').replace(/^#/, '');
  if (!fragment) return { kind: 'none' };
  const params = fragmentParams(fragment);
  if (params.has('example')) return { kind: 'example', name: decodePercent(params.get('example')) };
  const stated = params.has('n') ? params.get('n') : null;
  if (!params.has('code')) return stated === null ? { kind: 'none' } : damaged();
  if (stated !== null && !/^\d{1,9}$/.test(stated)) return damaged();
  const expected = stated === null ? null : Number(stated);
  const payload = decodePercent(params.get('code'));
  if (payload.length > MAX_PAYLOAD_CHARS) return tooLarge();
  if (!payload) return expected ? damaged() : { kind: 'code', code: '' };
  // A UTF-16 unit is at least one UTF-8 byte: more units than MAX_CODE_BYTES is too large.
  if (expected !== null && expected > MAX_CODE_BYTES) return tooLarge();
  const limit = expected ?? MAX_CODE_BYTES;
  const length = decodedLength(payload, limit);
  if (length === null) return damaged();
  if (length > limit) return expected === null ? tooLarge() : damaged();
  if (expected !== null && length !== expected) return damaged();
  let code;
  try {
    code = LZString.decompressFromEncodedURIComponent(payload);
  } catch {
    code = null;
  }
  if (code === null || code === '' || code.length !== length) return damaged();
  const bytes = utf8Length(code);
  if (bytes > MAX_CODE_BYTES) return { kind: 'error', message: tooLargeMessage(bytes) };
  return { kind: 'code', code };
}
