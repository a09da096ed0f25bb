// The build's files, for code in the worker. The worker runs in an opaque origin (see
// ../sandbox-host.js) and cannot fetch them: it asks the page (`file_request`), which reads
// them from the site (or the service worker's cache) and answers with their bytes (`file`).
// Only files of the build are handed out.
import { MSG } from '../protocol.js';

const pending = new Map(); // path -> { promise, resolve, reject }

// buildFile('site/site.snap') -> Promise<Uint8Array>. Asking again for a file that is on its
// way shares the request; every completed request hands the bytes over once (keep them).
export function buildFile(path) {
  if (pending.has(path)) return pending.get(path).promise;
  let resolve;
  let reject;
  const promise = new Promise((yes, no) => {
    resolve = yes;
    reject = no;
  });
  pending.set(path, { promise, resolve, reject });
  self.postMessage({ type: MSG.fileRequest, path });
  return promise;
}

// Called with every `file` message from the page.
export function receiveFile({ path, bytes, error }) {
  const request = pending.get(path);
  if (!request) return;
  pending.delete(path);
  if (bytes) request.resolve(new Uint8Array(bytes));
  else request.reject(new Error(error || `${path}: not received`));
}

// Serves the given files to `fetch` while `work()` runs: Pyodide's loader fetches its wasm
// and standard library by URL. Any other fetch during that time fails (start-up needs none).
// `files` maps absolute URLs to promises of bytes; `compiled` maps a wasm file's URL to a
// promise of its WebAssembly.Module, compiled as soon as its bytes arrived: the loader's
// instantiateStreaming of that file then instantiates the module instead of compiling again.
export async function servingFiles(files, work, compiled = {}) {
  const realFetch = self.fetch;
  const realInstantiateStreaming = WebAssembly.instantiateStreaming;
  const servedUrl = new WeakMap();
  self.fetch = async (resource) => {
    const url = String(resource instanceof Request ? resource.url : resource);
    if (!Object.hasOwn(files, url)) throw new TypeError(`${url} is not a file of this build`);
    const type = url.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream';
    const response = new Response(await files[url], {
      status: 200,
      headers: { 'Content-Type': type },
    });
    servedUrl.set(response, url);
    return response;
  };
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const response = await source;
    const url = servedUrl.get(response);
    if (!url || !Object.hasOwn(compiled, url))
      return realInstantiateStreaming.call(WebAssembly, response, imports);
    const module = await compiled[url];
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
  try {
    return await work();
  } finally {
    self.fetch = realFetch;
    WebAssembly.instantiateStreaming = realInstantiateStreaming;
  }
}
