// matplotlib figures in the Output: each `figure` message (SVG text drawn by the worker's
// matplotlib) becomes an <img> whose src is a data: URL, so nothing from the program ever
// becomes HTML or script on the page. Its alt text ("Figure 2: Loss — x: Epoch ...") is its
// accessible name. A message with the key of a picture already shown redraws it in place
// (a live plot during training).
import { t, onLanguageChange } from './i18n.js';

export function createFigures(output) {
  const shown = new Map(); // key -> <img>
  let count = 0;

  function label(img) {
    img.alt = t('figure.name', {
      number: img.dataset.figure,
      description: img.dataset.description,
    });
  }
  onLanguageChange(() => shown.forEach(label));

  return {
    show({ key, svg, description }) {
      let img = shown.get(key);
      if (!img) {
        count += 1;
        img = document.createElement('img');
        img.className = 'figure';
        img.dataset.figure = String(count);
        img.decoding = 'sync';
        shown.set(key, img);
        output.block(img);
      }
      img.dataset.draws = String(Number(img.dataset.draws || 0) + 1);
      img.dataset.description = description;
      label(img);
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    },
    clear() {
      shown.clear();
      count = 0;
    },
  };
}
