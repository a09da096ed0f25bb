// The service worker: keeps exactly this build's files (MANIFEST, written in by
// web/build.mjs) and serves them with the cross-origin isolation headers.
//
// * Each file is downloaded once: the small page files as they are, the large start-up files
//   as one compressed pack (see pack.js), decoded here as a stream; a file whose hash is
//   already in an older build's cache is copied from there instead. Lazy files (the HDF5
//   library) are fetched, checked and kept when first asked for. Clients see the progress
//   ({type: 'progress', done, total} in bytes over the wire).
// * The first visit does not wait for the download: the first service worker takes control at
//   once and starts downloading; the page starts Python straight away, and each of its
//   requests is answered as soon as that file is decoded (from memory, the pack's members in
//   the order start-up needs them). Once Python has started, the page asks for the whole
//   build ({type: 'complete'}): only then are the decoded files written into the cache (that
//   work does not compete with the start-up), and the page hears {type: 'cached'} once it is
//   all there (offline use).
// * Every file is checked against the manifest's SHA-256 when it is stored AND each time it
//   is served: a damaged or replaced cache entry is dropped and fetched again, and if the
//   network cannot give the right bytes either the request is refused (503), never answered
//   with wrong bytes.
// * Only the manifest's files are cached; any other request (a query-string variant, a wheel)
//   goes to the network untouched and is not stored. Opening the page with a query
//   (?lang=ko) gets the cached index.html.
// * A new build waits (no skipWaiting) until the page asks for it ({type: 'activate'} after
//   the user chose "reload"), so one page never mixes two builds' files.
import { MANIFEST } from 'virtual:manifest';
import { matches, isPacked, unpack, readAll } from './pack.js';

const CACHE = `pynn-${MANIFEST.version}`;
const INDEX = 'index.html';
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const scope = () => new URL(self.registration.scope);
// The cache key of a manifest file (index.html is stored as the scope URL itself).
const keyOf = (path) => new URL(path === INDEX ? '' : path, scope()).href;

// The manifest path a request asks for, or null if it is not one of the build's files.
function manifestPath(request) {
  const url = new URL(request.url);
  const base = scope();
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return null;
  const path = url.pathname.slice(base.pathname.length) || INDEX;
  // The page itself, whatever its query (?lang=ko); its #code= never reaches the network.
  if (request.mode === 'navigate') return path === INDEX ? INDEX : null;
  if (url.search) return null; // a variant: never from or into the cache
  return Object.hasOwn(MANIFEST.files, path) ? path : null;
}

function stored(path, bytes) {
  const headers = { 'Content-Type': MANIFEST.files[path][2], ...ISOLATION_HEADERS };
  return new Response(bytes, { status: 200, headers });
}

// --- progress -----------------------------------------------------------------------------
const progress = { done: 0, total: 0, last: 0 };
async function tell(message) {
  for (const client of await self.clients.matchAll({ includeUncontrolled: true, type: 'window' })) {
    client.postMessage(message);
  }
}
function counted(n) {
  progress.done += n;
  const now = Date.now();
  if (now - progress.last > 100 || progress.done >= progress.total) {
    progress.last = now;
    tell({ type: 'progress', done: progress.done, total: progress.total });
  }
}

// --- getting files ------------------------------------------------------------------------
async function download(path, expect) {
  for (const cache of ['default', 'reload']) {
    const response = await fetch(new URL(path === INDEX ? '' : path, scope()), {
      cache,
      credentials: 'same-origin',
    });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    const bytes = await readAll(response, counted);
    if (await expect(bytes)) return bytes;
    // The HTTP cache may hold an older build's copy: ask the server itself once more.
  }
  throw new Error(`${path} from the server does not match this build`);
}

// Files just decoded on a first visit, served once from memory while the page starts (no need
// to read them back from the cache and hash them again): path -> Promise of the bytes.
const recent = new Map();
let firstVisit = false;

// The pack, downloaded once and decoded as a stream: `decoded` maps each member to a promise
// of its bytes, resolved as soon as that member is decoded (the page can start Python with the
// first members while the rest decode); `done` resolves once all are decoded. Kept until
// installAll has written the members into the cache.
let unpacking = null;
function unpackAll() {
  if (unpacking) return unpacking;
  const { pack } = MANIFEST;
  const settle = new Map();
  const decoded = new Map(
    pack.members.map((path) => {
      const bytes = new Promise((resolve, reject) => settle.set(path, { resolve, reject }));
      bytes.catch(() => {}); // (reported to whoever asks for the file)
      if (firstVisit) recent.set(path, bytes);
      return [path, bytes];
    }),
  );
  const done = (async () => {
    performance.mark('pynn:sw pack download');
    const packed = await download(pack.path, async (bytes) => bytes.byteLength === pack.size);
    performance.mark('pynn:sw pack downloaded');
    await unpack(MANIFEST, packed, (path, bytes) => {
      performance.mark(`pynn:sw decoded ${path}`);
      settle.get(path).resolve(bytes);
    });
  })();
  const current = { decoded, done };
  unpacking = current;
  done.catch((err) => {
    for (const { reject } of settle.values()) reject(err);
    if (unpacking === current) unpacking = null;
  });
  return current;
}

// The checked bytes of `path` from `cache`, or null (a wrong entry is deleted).
async function fromCache(cache, path) {
  const hit = await cache.match(keyOf(path));
  if (!hit) return null;
  const bytes = new Uint8Array(await hit.arrayBuffer());
  if (await matches(MANIFEST, path, bytes)) return bytes;
  await cache.delete(keyOf(path));
  console.warn(`pynn service worker: dropped a cached ${path} that does not match this build`);
  return null;
}

// Puts `path` into this build's cache (from the network; a packed file through the pack) and
// resolves to its bytes. One download per file at a time, however many ask.
const fetching = new Map();
function fetchInto(cache, path) {
  if (isPacked(MANIFEST, path)) return unpackAll().decoded.get(path);
  if (!fetching.has(path)) {
    fetching.set(
      path,
      (async () => {
        const bytes = await download(path, (b) => matches(MANIFEST, path, b));
        await cache.put(keyOf(path), stored(path, bytes));
        return bytes;
      })().finally(() => fetching.delete(path)),
    );
  }
  return fetching.get(path);
}

async function fromOlderBuilds(cache, paths) {
  const missing = [];
  const older = (await caches.keys()).filter((name) => name.startsWith('pynn-') && name !== CACHE);
  for (const path of paths) {
    let found = null;
    for (const name of older) {
      const hit = await (await caches.open(name)).match(keyOf(path));
      const bytes = hit && new Uint8Array(await hit.arrayBuffer());
      if (bytes && (await matches(MANIFEST, path, bytes))) {
        found = bytes;
        break;
      }
    }
    if (found) await cache.put(keyOf(path), stored(path, found));
    else missing.push(path);
  }
  return missing;
}

// Puts every file of the build that this build's cache lacks into it (lazy files aside):
// copied from an older build's cache when the bytes are the same, else downloaded — the page's
// own files one by one (the browser's HTTP cache usually has them), the rest as the pack.
// The pack's members are written only once `pageStarted` has resolved: on a first visit,
// after the page has started Python (writing 70 MB into the cache is work that start-up must
// not share the machine with). (A file present is checked when it is served, not here: this
// runs at every start.)
async function installAll() {
  const cache = await caches.open(CACHE);
  const paths = Object.keys(MANIFEST.files).filter((path) => !MANIFEST.lazy.includes(path));
  const present = await Promise.all(paths.map((path) => cache.match(keyOf(path))));
  const missing = await fromOlderBuilds(
    cache,
    paths.filter((_, i) => !present[i]),
  );
  // Lazy files (HDF5, the datasets) that a page of an older build fetched stay available
  // offline when their bytes did not change; the others are fetched when first asked for.
  const lazyPresent = await Promise.all(MANIFEST.lazy.map((path) => cache.match(keyOf(path))));
  await fromOlderBuilds(
    cache,
    MANIFEST.lazy.filter((_, i) => !lazyPresent[i]),
  );
  const packed = missing.filter((path) => isPacked(MANIFEST, path));
  const single = missing.filter((path) => !isPacked(MANIFEST, path));
  progress.done = 0;
  progress.total =
    single.reduce((sum, path) => sum + MANIFEST.files[path][1], 0) +
    (packed.length ? MANIFEST.pack.size : 0);
  if (progress.total) tell({ type: 'progress', done: 0, total: progress.total });
  const pack = packed.length ? unpackAll() : null;
  for (const path of single) await fetchInto(cache, path);
  if (!pack) return;
  await pack.done;
  await pageStarted;
  for (const path of packed)
    await cache.put(keyOf(path), stored(path, await pack.decoded.get(path)));
  performance.mark('pynn:sw pack cached');
  if (unpacking === pack) unpacking = null;
}

// The page asks for this ({type: 'complete'}) once it has started Python (or failed to); the
// answer is {type: 'cached'} when the whole build is in the cache (the page works offline).
let completing = null;
function completeCache() {
  completing ??= installAll()
    .then(() => tell({ type: 'cached', version: MANIFEST.version }))
    .finally(() => {
      completing = null;
    });
  return completing;
}

let startedPage = () => {};
let pageStarted = Promise.resolve();
// The first visit's download, decoding and caching (kept alive by the page's requests).
let firstVisitWork = null;

self.addEventListener('install', (event) => {
  performance.mark('pynn:sw install');
  if (self.registration.active) {
    // A new build: everything is downloaded now, in the background; it then waits until the
    // page asks for it (the user chose "reload").
    event.waitUntil(installAll());
    return;
  }
  // The first visit: take control at once, so the page can start Python while the build
  // downloads (its requests are answered as soon as their file is in); the cache is written
  // once the page has started.
  firstVisit = true;
  pageStarted = new Promise((resolve) => {
    startedPage = resolve;
  });
  self.skipWaiting();
  firstVisitWork = completeCache().catch(() => {}); // (the page's 'complete' reports failures)
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name)));
      await self.clients.claim();
      performance.mark('pynn:sw controls the page');
    })(),
  );
});

self.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  if (type === 'activate') self.skipWaiting();
  else if (type === 'complete') {
    startedPage();
    event.waitUntil(completeCache());
  } else if (type === 'version' && event.ports[0]) {
    event.ports[0].postMessage({ version: MANIFEST.version });
  }
});

// --- serving ------------------------------------------------------------------------------
function withIsolation(response) {
  if (!response || response.type === 'opaque' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

async function respond(path) {
  const cache = await caches.open(CACHE);
  const fresh = recent.get(path);
  recent.delete(path);
  let bytes = fresh ? await fresh.catch(() => null) : null;
  bytes ??= await fromCache(cache, path);
  if (!bytes) {
    try {
      bytes = await fetchInto(cache, path);
    } catch (err) {
      return new Response(`${path}: ${err.message}`, {
        status: 503,
        headers: { 'Content-Type': 'text/plain; charset=utf-8', ...ISOLATION_HEADERS },
      });
    }
  }
  return stored(path, bytes);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  const path = manifestPath(request);
  if (firstVisitWork) event.waitUntil(firstVisitWork);
  if (path) event.respondWith(respond(path));
  else if (request.url === new URL('manifest.json', scope()).href) {
    // This build's manifest, as the page would read it without a service worker.
    event.respondWith(
      new Response(JSON.stringify(MANIFEST), {
        headers: { 'Content-Type': 'application/json', ...ISOLATION_HEADERS },
      }),
    );
  } else event.respondWith(fetch(request).then(withIsolation));
});
