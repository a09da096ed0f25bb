// The page's side of the service worker (src/sw.js): registration, the first visit's
// download, cross-origin isolation on hosts that cannot send its headers, and new builds.
//
// prepareOffline(...) resolves when the page may start Python (and so fetch its files):
// * first visit: as soon as the new service worker controls the page, which it does at once
//   (it downloads the build while the page starts; the page shows the progress, then
//   "Available offline" when the service worker says the whole build is cached). If the page
//   is not cross-origin isolated, it first reloads ONCE so that it comes through the service
//   worker, which adds the COOP/COEP headers (the coi-serviceworker pattern). A page that is
//   still not isolated after that (or that could not reload) runs without isolation: Stop then
//   restarts Python instead of interrupting it. A session flag guarantees no reload loop;
// * later visits: at once (the service worker already controls the page);
// * no service worker (unsupported, refused, failed to install): at once; assets.js then
//   fetches and decodes the pack itself.
// A new build is noticed (at start-up, when the page becomes visible again, and every 10
// minutes) and installed in the background; the page then offers "New version — reload".
// The new build only takes over when the user accepts, and the page reloads at once, so no
// page ever runs with files of two builds.
const RELOADED = 'pynn.playground.reloadedForServiceWorker';
const OPENED = 'pynn.playground.openedAt'; // the first document's time origin, across that reload
const UPDATE_CHECK_MS = 10 * 60 * 1000;
const REGISTER_TIMEOUT_MS = 10_000;
let cacheKeeper = null; // the service worker that keeps this build, once there is one

function controlled(registration) {
  const sw = navigator.serviceWorker;
  return new Promise((resolve) => {
    if (sw.controller) {
      resolve(true);
      return;
    }
    sw.addEventListener('controllerchange', () => resolve(true), { once: true });
    const worker = registration.installing || registration.waiting || registration.active;
    if (!worker) resolve(false);
    else
      worker.addEventListener('statechange', () => {
        if (worker.state === 'redundant') resolve(false);
      });
  });
}

function reloadOnce() {
  try {
    if (sessionStorage.getItem(RELOADED)) return false;
    sessionStorage.setItem(RELOADED, '1');
    sessionStorage.setItem(OPENED, String(performance.timeOrigin));
  } catch {
    return false; // no session storage: no way to prevent a loop, so no reload
  }
  location.reload();
  return true;
}

function watchForUpdates(registration, onUpdateReady) {
  const sw = navigator.serviceWorker;
  let accepted = false;
  const offer = (worker) => {
    if (!worker || !sw.controller) return; // the first install is not an update
    onUpdateReady(() => {
      accepted = true;
      worker.postMessage({ type: 'activate' });
    });
  };
  if (registration.waiting) offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker.addEventListener('statechange', () => {
      if (worker.state === 'installed') offer(worker);
    });
  });
  sw.addEventListener('controllerchange', () => {
    if (accepted) location.reload();
  });
  const check = () => registration.update().catch(() => {});
  setInterval(check, UPDATE_CHECK_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}

// Milliseconds since the page was opened, counting from before the one reload above.
export function msSinceOpened() {
  let opened = performance.timeOrigin;
  try {
    opened = Number(sessionStorage.getItem(OPENED)) || opened;
    sessionStorage.removeItem(OPENED);
  } catch {
    /* private mode */
  }
  return performance.timeOrigin + performance.now() - opened;
}

// onStatus(key, vars): the offline line (an i18n key); onProgress(done, total): first-visit download in bytes;
// onUpdateReady(accept): a new build is ready, call accept() to switch to it (the page reloads).
export async function prepareOffline({ onStatus, onProgress, onUpdateReady }) {
  if (!('serviceWorker' in navigator)) {
    onStatus('offline.unsupported');
    return;
  }
  const sw = navigator.serviceWorker;
  const loadedThroughServiceWorker = Boolean(sw.controller);
  sw.addEventListener('message', (event) => {
    const data = event.data || {};
    if (data.type === 'progress') onProgress(data.done, data.total);
    else if (data.type === 'cached') onStatus('offline.ready');
  });
  sw.startMessages();
  performance.mark('pynn:sw register');
  const registering = register(sw, onStatus);
  if (loadedThroughServiceWorker) {
    // A later visit: the service worker already serves this build, so Python starts at once;
    // the registration (with its check for a new build) goes on meanwhile.
    registering.then((registration) => {
      if (registration) watchForUpdates(registration, onUpdateReady);
    });
    allowReloadAgain();
    cacheKeeper = sw.controller;
    return;
  }
  const registration = await registering;
  if (!registration) return;
  watchForUpdates(registration, onUpdateReady);
  if (registration.active && !registration.installing && !registration.waiting) {
    // A hard reload bypasses the service worker: load through it again, once (else the
    // page fetches and decodes its files itself).
    if (reloadOnce()) return new Promise(() => {});
  } else if (!(await controlled(registration))) {
    onStatus('offline.failedInstall');
    return;
  } else if (!globalThis.crossOriginIsolated && reloadOnce()) {
    return new Promise(() => {});
  }
  performance.mark('pynn:controlled');
  allowReloadAgain();
  cacheKeeper = sw.controller || registration.active;
}

// Resolves to the registration, or to null after showing why there is none.
async function register(sw, onStatus) {
  try {
    // (A browser that blocks service workers may leave the registration pending for good.)
    const registration = await Promise.race([
      sw.register('./sw.js'),
      new Promise((resolve, reject) => {
        setTimeout(
          () => reject(new Error('the service worker did not register')),
          REGISTER_TIMEOUT_MS,
        );
      }),
    ]);
    if (!registration) onStatus('offline.failedInstall');
    return registration || null;
  } catch (err) {
    onStatus('offline.failed', { reason: err.message });
    return null;
  }
}

// An isolated page needs no reload: the next first visit (a new session) may reload again.
function allowReloadAgain() {
  if (!globalThis.crossOriginIsolated) return;
  try {
    sessionStorage.removeItem(RELOADED);
  } catch {
    /* private mode */
  }
}

// Call once Python has started (or failed to): asks the service worker to keep the whole
// build (on a first visit it writes its cache only now, so as not to slow the start-up); it
// answers with 'cached' (shown as "Available offline") once it does.
export function keepForOffline() {
  cacheKeeper?.postMessage({ type: 'complete' });
  cacheKeeper = null;
}
