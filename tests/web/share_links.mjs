// Property checks of web/src/share.js, run by tests/web/test_share_links.py under Node:
//   node tests/web/share_links.mjs CHECK [SEED] -> prints one JSON line with the findings.
// and helpers for the browser tests (tests/browser/test_sandbox.py):
//   node tests/web/share_links.mjs programs SEED COUNT -> JSON: random programs and their links
//   node tests/web/share_links.mjs bomb-link CODES     -> JSON: a link expanding enormously
// Random programs are drawn from a seeded generator (text, control characters, Korean,
// emoji, lone surrogates), so a failure names the seed that reproduces it.
import { createRequire } from 'node:module';
import { encodeCode, decodeFragment, decodedLength } from '../../web/src/share.js';
import { MAX_CODE_BYTES } from '../../web/src/protocol.js';

// lz-string as web/ has it (npm ci in web/, as build.sh does).
const LZString = createRequire(new URL('../../web/package.json', import.meta.url))('lz-string');

const [check, seedArg] = process.argv.slice(2);
let seed = Number(seedArg || 1) >>> 0;
function random() { // mulberry32
  seed = (seed + 0x6d2b79f5) >>> 0;
  let x = seed;
  x = Math.imul(x ^ (x >>> 15), x | 1);
  x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}
const pick = (items) => items[Math.floor(random() * items.length)];
const PIECES = [
  'import tensorflow as tf\n', 'model.fit(x, y)\n', 'print("안녕하세요")\n', '    ', '\t', '\n', '\r\n',
  '\f', '\x1b[31m', '\x00', '\x07', '\x08', '\x0b', '\x7f', '\ufffd', '\u2028', '\ud83d\ude00', '\ud800', '\udc00',
  '#', '%', '&', '=', '+', '$', '-', 'code=', 'n=3&', '#code=', '"""', "'", '\\', 'é', '中', 'x' ,
];
function program() {
  const parts = [];
  const count = Math.floor(random() ** 2 * 200);
  for (let i = 0; i < count; i += 1) {
    if (random() < 0.2) parts.push(String.fromCharCode(Math.floor(random() * 0x10000)));
    else parts.push(pick(PIECES));
  }
  return parts.join('');
}

const failures = [];
let output = null;
if (check === 'programs') {
  const count = Number(process.argv[4] || 10);
  const programs = [];
  for (let i = 0; i < count; i += 1) {
    // As the editor keeps them: its lines end in \n, and lone surrogates cannot be typed.
    const code = program().replace(/\r\n?/g, '\n').replace(/[\ud800-\udfff]/g, 'x');
    programs.push({ code, link: encodeCode(code) });
  }
  output = programs;
} else if (check === 'bomb-link') {
  const codes = Number(process.argv[3] || 32000);
  output = { fragment: `#code=${bombPayload(codes)}`, expandsTo: expandedLength(codes) };
} else if (check === 'roundtrip') {
  // Every program the Share button makes, the page opens, exactly.
  for (let i = 0; i < 3000; i += 1) {
    const code = program();
    const link = encodeCode(code);
    const opened = decodeFragment(link);
    if (opened.kind !== 'code' || opened.code !== code) failures.push({ i, code: JSON.stringify(code).slice(0, 200), opened });
    // Old links (no n=) open too.
    const old = decodeFragment(`#code=${LZString.compressToEncodedURIComponent(code)}`);
    if (code && (old.kind !== 'code' || old.code !== code)) failures.push({ i, old: true, code: JSON.stringify(code).slice(0, 200), old });
  }
} else if (check === 'cut') {
  // A link cut off anywhere is either refused as damaged or gives back the whole program.
  for (let i = 0; i < 150; i += 1) {
    const code = program() || 'x';
    const link = encodeCode(code);
    for (let cut = 1; cut < link.length; cut += 1) {
      const opened = decodeFragment(link.slice(0, cut));
      const fine = opened.kind === 'error' || (opened.kind === 'code' && opened.code === code)
        || (cut === 1 && opened.kind === 'none'); // just '#'
      if (!fine) failures.push({ i, cut, kind: opened.kind, got: String(JSON.stringify(opened.code)).slice(0, 80) });
    }
  }
} else if (check === 'length') {
  // decodedLength agrees with lz-string on random and on damaged payloads.
  for (let i = 0; i < 1000; i += 1) {
    const payload = LZString.compressToEncodedURIComponent(program() || 'x');
    const variants = [payload, payload.slice(0, Math.floor(random() * payload.length))];
    const broken = [...payload];
    broken[Math.floor(random() * broken.length)] = pick([...'AZaz09+-$!']);
    variants.push(broken.join(''));
    for (const variant of variants) {
      let real = null;
      try {
        real = LZString.decompressFromEncodedURIComponent(variant);
      } catch {
        real = null;
      }
      const length = decodedLength(variant, 1e9);
      const expected = real === null || real === '' ? null : real.length;
      if (length !== expected) failures.push({ i, variant: variant.slice(0, 80), length, expected });
    }
  }
} else if (check === 'bomb') {
  // A link whose program is far over the limit is refused without decompressing it, however
  // far it expands. Made by hand: lz-string's dictionary grows one entry per code, each one
  // character longer than the last, so k codes expand to about k*k/2 characters (k = 32,000:
  // 500 M characters from a 60 kB link).
  const codes = Number(process.argv[4] || 32000);
  const payload = bombPayload(codes);
  const started = performance.now();
  const opened = decodeFragment(`#code=${payload}`);
  const stated = decodeFragment(`#n=10&code=${payload}`);
  const ms = performance.now() - started;
  if (opened.kind !== 'error' || stated.kind !== 'error') failures.push({ opened: opened.kind, stated: stated.kind });
  const walked = decodedLength(payload, MAX_CODE_BYTES);
  output = { failures, ms, walked, payloadChars: payload.length, expandsTo: expandedLength(codes) };
}
// (No process.exit: it would cut a long line written to a pipe.)
console.log(JSON.stringify(output ?? { failures: failures.slice(0, 5), count: failures.length }));

// An lz-string payload: the literal 'a', then codes each naming the newest dictionary entry
// ("the previous entry plus its first character"), then the end code.
function bombPayload(codes) {
  const bits = [];
  const write = (value, count) => {
    for (let p = 0; p < count; p += 1) bits.push((value >> p) & 1);
  };
  let dictSize = 4;
  let numBits = 3;
  let enlargeIn = 4;
  const grow = () => {
    enlargeIn -= 1;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits += 1;
    }
  };
  write(0, 2);
  write(97, 8); // 'a'
  for (let i = 0; i < codes; i += 1) {
    write(dictSize, numBits); // the entry about to be added (w + w[0])
    dictSize += 1;
    grow();
  }
  write(2, numBits);
  while (bits.length % 6) bits.push(0);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
  let out = '';
  for (let i = 0; i < bits.length; i += 6) {
    let value = 0;
    for (let b = 0; b < 6; b += 1) value = (value << 1) | bits[i + b];
    out += alphabet[value];
  }
  return `${out}A`;
}

function expandedLength(codes) {
  return 1 + codes * (codes + 3) / 2;
}
