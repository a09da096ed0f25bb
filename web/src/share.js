// The share-link codec: `#code=` + lz-string compressToEncodedURIComponent(code), the
// format the TypeScript playground uses, and `#example=NAME`. Pure functions, no DOM
// (messages in the page's language, from i18n.js).
import LZString from 'lz-string';
import { MAX_CODE_BYTES } from './protocol.js';
import { t } from './i18n.js';

export function utf8Length(text) {
  return new TextEncoder().encode(text).length;
}

export function tooLargeMessage(bytes) {
  const mb = (bytes / (1024 * 1024)).toFixed(1);
  return t('program.tooLarge', { mb });
}

export function encodeCode(code) {
  return `#code=${LZString.compressToEncodedURIComponent(code)}`;
}

export function shareUrl(location, code) {
  return `${location.origin}${location.pathname}${encodeCode(code)}`;
}

// Control characters other than tab/newline/CR, or U+FFFD, mean a damaged payload.
const GARBLED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/;

// Returns one of:
//   { kind: 'none' }                     no code/example in the fragment
//   { kind: 'code', code }               a shared program
//   { kind: 'example', name }            a bundled example
//   { kind: 'error', message }           a malformed, truncated or oversized link
export function decodeFragment(hash) {
  const fragment = (hash || '').replace(/^#/, '');
  if (!fragment) return { kind: 'none' };
  const params = new URLSearchParams(fragment.replace(/\+/g, '%2B'));
  if (params.has('example')) return { kind: 'example', name: params.get('example') };
  if (!params.has('code')) return { kind: 'none' };
  const payload = fragment.slice(fragment.indexOf('code=') + 'code='.length).split('&')[0];
  if (payload.length > 4 * MAX_CODE_BYTES) {
    return { kind: 'error', message: tooLargeMessage(payload.length) };
  }
  let code = null;
  try {
    code = LZString.decompressFromEncodedURIComponent(payload);
  } catch {
    code = null;
  }
  if (payload && (code === null || code === '' || GARBLED.test(code))) {
    return {
      kind: 'error',
      message: t('link.damaged'),
    };
  }
  const bytes = utf8Length(code || '');
  if (bytes > MAX_CODE_BYTES) return { kind: 'error', message: tooLargeMessage(bytes) };
  return { kind: 'code', code: code || '' };
}
