// What the page shows of the service worker's work (offline.js): the offline line in the
// footer, the first visit's download progress (bytes of total) and the "New version — reload"
// banner. Texts go through i18n and are redrawn on a language change.
import { t, onLanguageChange } from './i18n.js';

const megabytes = (bytes) => (bytes / 1e6).toFixed(1);

export function createDeliveryView({ status, download, update }) {
  const bar = download.querySelector('progress');
  const label = download.querySelector('span');
  const button = update.querySelector('button');
  let statusKey = null;
  let shown = null;

  const redraw = () => {
    if (statusKey) status.textContent = t(...statusKey);
    if (shown)
      label.textContent = t('offline.downloading', {
        done: megabytes(shown.done),
        total: megabytes(shown.total),
      });
  };
  onLanguageChange(redraw);

  return {
    onStatus(key, vars) {
      statusKey = [key, vars];
      status.dataset.status = key; // for tests and benchmarks: 'offline.ready' once all is cached
      download.hidden = true;
      redraw();
    },
    onProgress(done, total) {
      if (!total) return;
      shown = { done, total };
      bar.max = total;
      bar.value = done;
      download.hidden = done >= total;
      redraw();
    },
    onUpdateReady(accept) {
      update.hidden = false;
      button.onclick = () => {
        button.disabled = true;
        accept();
      };
    },
  };
}
