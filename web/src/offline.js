// Registers the service worker (web/src/sw.js) that caches the whole site on the first
// visit, so the playground opens and runs with the network off.
import { t } from './i18n.js';

export function enableOffline(onStatus) {
  if (!('serviceWorker' in navigator)) {
    onStatus(t('offline.unsupported'));
    return;
  }
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'cached') onStatus(t('offline.ready'));
  });
  navigator.serviceWorker.register('./sw.js').then(
    (registration) => {
      if (registration.active && navigator.serviceWorker.controller) onStatus(t('offline.ready'));
    },
    (err) => onStatus(t('offline.failed', { reason: err.message })),
  );
}
