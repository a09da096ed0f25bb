// The build's manifest and its start-up pack, shared by the service worker (sw.js) and the
// page (assets.js, when no service worker controls it).
//
// web/build.mjs writes the manifest (dist/manifest.json, and inlined into sw.js):
//   { version, files: { path: [sha256hex, size, contentType] },
//     pack: { path, sha256, size, members: [path...] }, lazy: [path...] }
// `lazy` files (the HDF5 library) are not downloaded at install, only when first asked for.
// The pack is the large start-up files (Pyodide's module and wasm, the snapshots,
// site-packages.bin...) concatenated in `members` order (the order start-up needs them) and
// compressed as ONE zstd frame with a long window: the snapshots and the site files repeat
// each other, which a long window finds (the pack is about a third of gzip's per-file size).
// Browsers cannot decode zstd natively (DecompressionStream has gzip and deflate only), so
// zstddec (zstd's own decoder compiled to WebAssembly) does, once, as a stream: each member is
// handed on as soon as its last byte is decoded, while the later ones are still decoding.
import { ZSTDDecoder } from 'zstddec/stream';

export function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function sha256(bytes) {
  return hex(await crypto.subtle.digest('SHA-256', bytes));
}

// True when `bytes` are exactly the manifest's file `path`.
export async function matches(manifest, path, bytes) {
  const entry = manifest.files[path];
  return Boolean(entry) && bytes.byteLength === entry[1] && (await sha256(bytes)) === entry[0];
}

export function isPacked(manifest, path) {
  return Boolean(manifest.pack) && manifest.pack.members.includes(path);
}

// zstddec instantiates its WebAssembly from a data: URL with fetch(), which the page's
// Content-Security-Policy refuses (connect-src 'self'). During that one call fetch answers
// such a URL itself, from the text of the URL (nothing is requested).
function dataUrlFetch(realFetch) {
  const PREFIX = 'data:application/wasm;base64,';
  return (resource, ...rest) => {
    if (typeof resource !== 'string' || !resource.startsWith(PREFIX))
      return realFetch(resource, ...rest);
    const text = atob(resource.slice(PREFIX.length));
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
    return Promise.resolve(
      new Response(bytes, { headers: { 'Content-Type': 'application/wasm' } }),
    );
  };
}

let decoder = null;
// Resolves to the ready decoder (its WebAssembly is compiled once, when first needed).
export function zstdDecoder() {
  decoder ??= (() => {
    const zstd = new ZSTDDecoder();
    const realFetch = globalThis.fetch;
    globalThis.fetch = dataUrlFetch(realFetch);
    try {
      return zstd.init().then(() => zstd);
    } finally {
      globalThis.fetch = realFetch;
    }
  })();
  decoder.catch(() => {
    decoder = null;
  });
  return decoder;
}

const YIELD_BYTES = 2 * 1024 * 1024;
// A task queued behind whatever is waiting (a MessageChannel message: unlike setTimeout it is
// not clamped to 4 ms, and unlike scheduler.yield() it does not go ahead of other tasks).
const yieldThread = () =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

// The pack's bytes -> Map(path -> bytes of each member). The pack's own SHA-256 is checked
// first (which fixes every byte decoded from it), then it is decoded as a stream:
// `onMember(path, bytes)` is called for each member, in order, as soon as it is complete
// (the caller can hand it on while the rest decodes). Throws on a damaged pack.
export async function unpack(manifest, packed, onMember = () => {}) {
  const { pack, files } = manifest;
  const zstd = zstdDecoder();
  if (packed.byteLength !== pack.size || (await sha256(packed)) !== pack.sha256) {
    throw new Error(`${pack.path} does not match this build (damaged or from another build)`);
  }
  const total = pack.members.reduce((sum, path) => sum + files[path][1], 0);
  const all = new Uint8Array(total);
  const out = new Map();
  let offset = 0;
  let next = 0; // the next member to complete
  let start = 0; // where it starts in `all`
  const complete = () => {
    while (next < pack.members.length && offset >= start + files[pack.members[next]][1]) {
      const path = pack.members[next];
      const bytes = all.subarray(start, start + files[path][1]);
      start += bytes.length;
      next += 1;
      out.set(path, bytes);
      onMember(path, bytes);
    }
  };
  let sinceYield = 0;
  for (const chunk of (await zstd).decodeStreaming([packed])) {
    if (offset + chunk.length > total)
      throw new Error(`${pack.path} unpacks to more than the ${total} bytes expected`);
    all.set(chunk, offset);
    offset += chunk.length;
    sinceYield += chunk.length;
    const memberDone = offset >= start + (files[pack.members[next]]?.[1] ?? Infinity);
    if (memberDone) complete();
    // Let others have the thread now and then (a service worker answers the page's requests
    // on the thread that decodes), and whoever waits for a member have it at once.
    if (memberDone || sinceYield >= YIELD_BYTES) {
      sinceYield = 0;
      await yieldThread();
    }
  }
  if (offset !== total)
    throw new Error(`${pack.path} unpacked to ${offset} bytes, expected ${total}`);
  complete();
  return out;
}

// Reads a response's body, reporting each chunk's size to onBytes(n).
export async function readAll(response, onBytes = () => {}) {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onBytes(value.length);
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
