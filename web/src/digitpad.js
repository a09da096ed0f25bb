// The digit pad: a canvas (accessible name "Digit pad") to draw a digit on with mouse, pen or
// touch. After every stroke its drawing, made MNIST-like (the ink's box scaled into 20x20, its
// centre of mass moved to the centre of 28x28, white on black), goes to the predict() of the
// session's model with an MNIST-shaped input; the ten probabilities come back as bars.
import { t, onLanguageChange } from './i18n.js';

const SIZE = 280;

export function createDigitPad(section, { predict }) {
  const canvas = section.querySelector('canvas');
  const bars = section.querySelector('.digit-bars');
  const status = section.querySelector('.digit-status');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  canvas.width = SIZE;
  canvas.height = SIZE;
  let drawing = false;
  let last = null;
  let lastResult = null;

  const rows = Array.from({ length: 10 }, (_, digit) => {
    const row = document.createElement('div');
    row.className = 'digit-bar';
    row.setAttribute('role', 'listitem');
    const label = document.createElement('span');
    label.textContent = String(digit);
    const track = document.createElement('span');
    track.className = 'track';
    const fill = document.createElement('span');
    fill.className = 'fill';
    track.appendChild(fill);
    const value = document.createElement('span');
    value.className = 'value';
    row.append(label, track, value);
    bars.appendChild(row);
    return { row, fill, value };
  });

  function clear() {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, SIZE, SIZE);
    lastResult = null;
    for (const { fill, value, row } of rows) {
      fill.style.width = '0';
      value.textContent = '';
      row.classList.remove('top');
    }
    status.textContent = t('digit.hint');
  }

  function point(event) {
    const box = canvas.getBoundingClientRect();
    return [
      (event.clientX - box.left) * (SIZE / box.width),
      (event.clientY - box.top) * (SIZE / box.height),
    ];
  }

  canvas.addEventListener('pointerdown', (event) => {
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    drawing = true;
    last = point(event);
    stroke(last, last);
  });
  canvas.addEventListener('pointermove', (event) => {
    if (!drawing) return;
    const next = point(event);
    stroke(last, next);
    last = next;
  });
  const end = () => {
    if (!drawing) return;
    drawing = false;
    predict(pixels());
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);

  function stroke(from, to) {
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 22;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(...from);
    ctx.lineTo(...to);
    ctx.stroke();
  }

  // 784 bytes, MNIST-like: the ink's bounding box scaled to fit 20x20, then moved so that its
  // centre of mass is the centre of 28x28, as MNIST's digits were made (centring the box
  // instead puts a 7's weight too high: a model trained on MNIST then reads it as a 2).
  function pixels() {
    const { data } = ctx.getImageData(0, 0, SIZE, SIZE);
    let [x0, y0, x1, y1] = [SIZE, SIZE, -1, -1];
    for (let y = 0; y < SIZE; y += 1) {
      for (let x = 0; x < SIZE; x += 1) {
        if (data[(y * SIZE + x) * 4] > 0) {
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x);
          y0 = Math.min(y0, y);
          y1 = Math.max(y1, y);
        }
      }
    }
    const small = document.createElement('canvas');
    small.width = 28;
    small.height = 28;
    const sctx = small.getContext('2d', { willReadFrequently: true });
    sctx.fillStyle = '#000';
    sctx.fillRect(0, 0, 28, 28);
    if (x1 >= 0) {
      const w = x1 - x0 + 1;
      const h = y1 - y0 + 1;
      const scale = 20 / Math.max(w, h);
      sctx.imageSmoothingQuality = 'high';
      sctx.drawImage(
        canvas,
        x0,
        y0,
        w,
        h,
        14 - (w * scale) / 2,
        14 - (h * scale) / 2,
        w * scale,
        h * scale,
      );
    }
    const small4 = sctx.getImageData(0, 0, 28, 28).data;
    let [mass, mx, my] = [0, 0, 0];
    for (let i = 0; i < 784; i += 1) {
      const v = small4[i * 4];
      mass += v;
      mx += v * (i % 28);
      my += v * Math.floor(i / 28);
    }
    const dx = mass ? Math.round(13.5 - mx / mass) : 0;
    const dy = mass ? Math.round(13.5 - my / mass) : 0;
    const out = new Uint8Array(784);
    for (let y = 0; y < 28; y += 1) {
      for (let x = 0; x < 28; x += 1) {
        const [sx, sy] = [x - dx, y - dy];
        if (sx >= 0 && sx < 28 && sy >= 0 && sy < 28) out[y * 28 + x] = small4[(sy * 28 + sx) * 4];
      }
    }
    return out;
  }

  function show(result) {
    lastResult = result;
    if (result.error) {
      status.textContent = result.error;
      return;
    }
    const values = rows.map((_, digit) => result.probabilities[String(digit)] || 0);
    const best = values.indexOf(Math.max(...values));
    rows.forEach(({ fill, value, row }, digit) => {
      fill.style.width = `${(values[digit] * 100).toFixed(1)}%`;
      value.textContent = `${(values[digit] * 100).toFixed(1)}%`;
      row.classList.toggle('top', digit === best);
    });
    status.textContent = t('digit.result', { digit: best, model: result.model });
    section.dataset.prediction = String(best);
    section.dataset.predictions = String(Number(section.dataset.predictions || 0) + 1);
  }

  onLanguageChange(() => {
    if (lastResult) show(lastResult);
    else status.textContent = t('digit.hint');
  });
  section.querySelector('.digit-clear').addEventListener('click', clear);
  clear();

  return {
    open() {
      section.hidden = false;
      canvas.focus();
    },
    toggle() {
      section.hidden = !section.hidden;
    },
    show,
  };
}
