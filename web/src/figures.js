// matplotlib figures in the Output: each `figure` message (SVG text drawn by the worker's
// matplotlib) becomes an <img> whose src is a data: URL, so nothing from the program ever
// becomes HTML or script on the page. Its alt text ("Figure 2: Loss — x: Epoch ...") is its
// accessible name, "Figure N" in every language (what tests and screen-reader users search
// for); the visible caption under it is in the page's language ("Figure 2" / "그림 2").
// A message with the key of a picture already shown redraws it in place (a live plot during
// training).
import { t, onLanguageChange } from './i18n.js';

export function createFigures(output) {
  const shown = new Map(); // key -> <img>
  let count = 0;

  function label(img) {
    img.alt = `Figure ${img.dataset.figure}: ${img.dataset.description}`;
    img.nextSibling.textContent = t('figure.caption', { number: img.dataset.figure });
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
        const block = document.createElement('figure');
        block.className = 'figure-block';
        const caption = document.createElement('figcaption');
        caption.setAttribute('aria-hidden', 'true'); // the img's own name already says it
        block.append(img, caption);
        output.block(block);
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
