// Page-side fetching of the build's own files (Pyodide, the site files, the snapshots).
// The trusted page fetches them and hands the bytes to whoever needs them: the Python worker
// lives in a sandbox that cannot read the site's files itself.
//
//   const bytes = await fetchAsset('site/site.snap', { onProgress: (done, total) => ... });
//
// Only files of the build are fetched: `path` is a relative path inside dist/ (no scheme,
// no `..`, no query or fragment); anything else is refused before any request is made.
//
// When the service worker controls the page it answers (from its checked cache; it fetched
// and decoded the compressed start-up pack once). Without one (a browser that has none, or
// one that failed to install) the page does the same itself: it reads manifest.json, fetches
// the pack once, decodes it (pack.js) and checks every file's SHA-256 against the manifest.
import { matches, isPacked, unpack, readAll } from './pack.js';

export class AssetError extends Error {
  constructor(path, message) {
    super(`${path}: ${message}`);
    this.name = 'AssetError';
    this.path = path;
  }
}

const SAFE_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._\-/]+$/;

// Throws unless `path` names a file inside the build (e.g. `pyodide/pyodide.asm.wasm`).
export function checkAssetPath(path) {
  if (typeof path !== 'string' || !SAFE_PATH.test(path) || path.includes('//')) {
    throw new AssetError(String(path), 'not a file of this build');
  }
  return path;
}

function baseUrl() {
  return globalThis.document ? document.baseURI : globalThis.location.href;
}

// Reads a response body to the end, reporting (bytesSoFar, totalOrNull) as it arrives.
async function readBody(response, onProgress) {
  // Read natively into one buffer (no chunk by chunk in JS, no copy to join them).
  if (!onProgress) return new Uint8Array(await response.arrayBuffer());
  const header = Number(response.headers.get('Content-Length'));
  const total = Number.isFinite(header) && header > 0 ? header : null;
  let received = 0;
  onProgress(0, total);
  return readAll(response, (n) => {
    received += n;
    onProgress(received, total);
  });
}

async function get(path, onProgress) {
  let response;
  try {
    response = await fetch(new URL(path, baseUrl()), { credentials: 'same-origin' });
  } catch (err) {
    throw new AssetError(path, `could not be downloaded (${(err && err.message) || err})`);
  }
  if (!response.ok) throw new AssetError(path, `HTTP ${response.status}`);
  return readBody(response, onProgress);
}

// --- without a service worker ----------------------------------------------------------
const downloadListeners = new Set();
// onDownload((done, total) => ...): bytes of the pack downloaded by the page itself.
export function onDownload(listener) {
  downloadListeners.add(listener);
}

let manifest = null;
let packed = null;
function loadManifest() {
  manifest ??= get('manifest.json').then((bytes) => JSON.parse(new TextDecoder().decode(bytes)));
  return manifest;
}

async function withoutServiceWorker(path, onProgress) {
  const build = await loadManifest();
  if (!Object.hasOwn(build.files, path)) throw new AssetError(path, 'not a file of this build');
  if (isPacked(build, path)) {
    packed ??= (async () => {
      let done = 0;
      const response = await fetch(new URL(build.pack.path, baseUrl()), {
        credentials: 'same-origin',
      });
      if (!response.ok) throw new AssetError(build.pack.path, `HTTP ${response.status}`);
      const bytes = await readAll(response, (n) => {
        done += n;
        for (const listener of downloadListeners) listener(done, build.pack.size);
      });
      return unpack(build, bytes);
    })();
    packed.catch(() => {
      packed = null;
    });
    const bytes = (await packed).get(path);
    // Handed over (transferred) by the caller: a copy, the pack keeps its own.
    return bytes.slice();
  }
  const bytes = await get(path, onProgress);
  if (!(await matches(build, path, bytes)))
    throw new AssetError(path, 'does not match this build (damaged or from another build)');
  return bytes;
}

// Fetches one file of the build and resolves to its bytes. `onProgress(done, total)` is
// called as bytes arrive (`total` is null when the size is unknown).
export async function fetchAsset(path, { onProgress } = {}) {
  checkAssetPath(path);
  if (globalThis.navigator?.serviceWorker?.controller) return get(path, onProgress);
  return withoutServiceWorker(path, onProgress);
}
