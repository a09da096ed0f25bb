// The service worker: caches every file of dist/ on install (the list and the cache name
// are written in by web/build.mjs), then answers from the cache first. Responses get the
// cross-origin isolation headers, so Stop can interrupt Python even when dist/ is served
// by a static server that does not send them.
const CACHE = '__CACHE_NAME__';
const FILES = __PRECACHE_FILES__;

const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(FILES.map((file) => new Request(file, { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name)));
    await self.clients.claim();
    for (const client of await self.clients.matchAll({ includeUncontrolled: true })) {
      client.postMessage({ type: 'cached', cache: CACHE });
    }
  })());
});

function isolated(response) {
  if (!response || response.type === 'opaque' || response.status === 0) return response;
  // Already isolated (served by tools/serve.py): hand the response over untouched, which
  // keeps the browser's cached compiled WebAssembly usable.
  if (response.headers.get('Cross-Origin-Embedder-Policy') === 'require-corp') return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function respond(request) {
  const cache = await caches.open(CACHE);
  const url = new URL(request.url);
  const key = request.mode === 'navigate' ? new URL('./', self.registration.scope).href : request;
  const cached = await cache.match(key, { ignoreSearch: request.mode === 'navigate' });
  if (cached) return isolated(cached);
  const response = await fetch(request);
  if (response.ok && url.origin === self.location.origin) cache.put(request, response.clone());
  return isolated(response);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(respond(request));
});
