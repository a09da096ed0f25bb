// Registers the service worker (web/src/sw.js) that caches the whole site on the first
// visit, so the playground opens and runs with the network off.
export function enableOffline(onStatus) {
  if (!('serviceWorker' in navigator)) {
    onStatus('This browser cannot keep the playground for offline use.');
    return;
  }
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'cached') onStatus('Available offline.');
  });
  navigator.serviceWorker.register('./sw.js').then(
    (registration) => {
      if (registration.active && navigator.serviceWorker.controller) onStatus('Available offline.');
    },
    (err) => onStatus(`Offline use unavailable: ${err.message}`),
  );
}
