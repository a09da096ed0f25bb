// The build's manifest and its start-up pack, shared by the service worker (sw.js) and the
// page (assets.js, when no service worker controls it).
//
// web/build.mjs writes the manifest (dist/manifest.json, and inlined into sw.js):
//   { version, files: { path: [sha256hex, size, contentType] },
//     pack: { path, sha256, size, members: [path...] }, lazy: [path...] }
// `lazy` files (the HDF5 library) are not downloaded at install, only when first asked for.
// The pack is the large start-up files (Pyodide's wasm, the snapshots, site-packages.bin…)
// concatenated in `members` order and compressed as ONE zstd frame with a long window: the
// snapshots and the site files repeat each other, which a long window finds (the pack is
// about a third of gzip's per-file size). Browsers cannot decode zstd natively, so fzstd
// (a small pure-JS decoder) does, once: the service worker caches the decoded files.
import { decompress } from 'fzstd';

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

// The pack's bytes -> Map(path -> bytes of each member). The pack's own SHA-256 is checked
// (which fixes every byte decoded from it) and each member's size. Throws on a damaged pack.
export async function unpack(manifest, packed) {
  const { pack, files } = manifest;
  if (packed.byteLength !== pack.size || (await sha256(packed)) !== pack.sha256) {
    throw new Error(`${pack.path} does not match this build (damaged or from another build)`);
  }
  const total = pack.members.reduce((sum, path) => sum + files[path][1], 0);
  const all = decompress(packed, new Uint8Array(total));
  if (all.length !== total)
    throw new Error(`${pack.path} unpacked to ${all.length} bytes, expected ${total}`);
  const out = new Map();
  let offset = 0;
  for (const path of pack.members) {
    const bytes = all.subarray(offset, offset + files[path][1]);
    offset += bytes.length;
    out.set(path, bytes);
  }
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
