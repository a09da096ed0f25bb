// Page-side fetching of the build's own files (Pyodide, the site files, the snapshots).
// The trusted page fetches them (through the service worker's cache when it controls the
// page) and hands the bytes to whoever needs them: the Python worker lives in a sandbox
// that cannot read the site's files itself.
//
//   const bytes = await fetchAsset('site/site.snap', { onProgress: (done, total) => ... });
//
// Only files of the build are fetched: `path` is a relative path inside dist/ (no scheme,
// no `..`, no query or fragment); anything else is refused before any request is made.

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
  const header = Number(response.headers.get('Content-Length'));
  const total = Number.isFinite(header) && header > 0 ? header : null;
  if (!onProgress || !response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks = [];
  let received = 0;
  onProgress(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received, total);
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

// Fetches one file of the build and resolves to its bytes. `onProgress(done, total)` is
// called as bytes arrive (`total` is null when the size is unknown).
export async function fetchAsset(path, { onProgress } = {}) {
  checkAssetPath(path);
  let response;
  try {
    response = await fetch(new URL(path, baseUrl()), { credentials: 'same-origin' });
  } catch (err) {
    throw new AssetError(path, `could not be downloaded (${err && err.message || err})`);
  }
  if (!response.ok) throw new AssetError(path, `HTTP ${response.status}`);
  return readBody(response, onProgress);
}
