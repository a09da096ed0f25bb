// Live training curves that follow the runs: every Run starts with no charts; every `fit` of
// the program gets its own titled section ("Training 2: sequential") with a per-batch chart
// (x = step) and one per-epoch chart per metric, its training and validation curves together
// (loss with val_loss, accuracy with val_accuracy). A fit that ends before sending any data
// (an error in its first step) leaves nothing behind. Fed by the structured train_begin /
// batch_end / epoch_end / train_end messages of the runner's callback. Each chart has a text
// caption with the first and latest values, for screen readers and tests.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { t, onLanguageChange } from './i18n.js';

const COLORS = [
  '#d9480f',
  '#1971c2',
  '#2f9e44',
  '#9c36b5',
  '#e8590c',
  '#0c8599',
  '#5f3dc4',
  '#c2255c',
];
const MAX_POINTS = 20000;
const MAX_FITS = 6; // sections kept per run (a fit in a loop would otherwise pile up)
const WHOLE_NUMBER_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000];

function isLoss(key) {
  return key.includes('loss');
}

function fmt(value) {
  return Math.abs(value) >= 1000 || (Math.abs(value) < 1e-3 && value !== 0)
    ? value.toExponential(3)
    : value.toFixed(4);
}

// The metric a log key belongs to: val_loss -> loss.
function metricOf(key) {
  return key.startsWith('val_') ? key.slice(4) : key;
}

// One uPlot chart in a <figure> with a caption. `title()` gives the caption's title;
// `twoScales`: losses on the left axis, other metrics on the right.
function lineChart(figure, title, xLabel, { twoScales }) {
  const plotEl = document.createElement('div');
  plotEl.className = 'plot';
  const caption = document.createElement('figcaption');
  figure.append(plotEl, caption);
  let keys = [];
  let xs = [];
  let columns = {};
  let plot = null;
  let dirty = false;

  function build() {
    if (plot) plot.destroy();
    const width = Math.max(plotEl.clientWidth, 240);
    const second = twoScales && keys.some((key) => !isLoss(key));
    plot = new uPlot(
      {
        width,
        height: 170,
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false }, y: { auto: true }, metric: { auto: true } },
        axes: [
          { label: xLabel, incrs: WHOLE_NUMBER_STEPS },
          { scale: 'y' },
          ...(second ? [{ scale: 'metric', side: 1, grid: { show: false } }] : []),
        ],
        series: [
          { label: xLabel },
          ...keys.map((key, i) => ({
            label: key,
            stroke: COLORS[i % COLORS.length],
            width: 1.5,
            dash: key.startsWith('val_') ? [6, 3] : undefined,
            spanGaps: true,
            points: { show: xs.length < 30 },
            scale: twoScales && !isLoss(key) ? 'metric' : 'y',
          })),
        ],
      },
      data(),
      plotEl,
    );
  }

  function data() {
    return [xs, ...keys.map((key) => columns[key])];
  }

  function describe() {
    const parts = keys.map((key) => {
      const column = columns[key].filter((v) => v !== null);
      if (!column.length) return `${key} —`;
      return `${key} ${fmt(column[0])} → ${fmt(column[column.length - 1])}`;
    });
    caption.textContent = t('charts.points', {
      title: title(),
      count: xs.length,
      values: parts.join(', '),
    });
  }

  function render() {
    dirty = false;
    if (!plot) return;
    plot.setData(data());
    describe();
  }

  return {
    add(x, logs) {
      const newKeys = Object.keys(logs).filter((key) => !keys.includes(key));
      for (const key of newKeys) {
        keys.push(key);
        columns[key] = xs.map(() => null);
      }
      xs.push(x);
      for (const key of keys) columns[key].push(key in logs ? logs[key] : null);
      if (xs.length > MAX_POINTS) {
        xs.shift();
        for (const key of keys) columns[key].shift();
      }
      if (newKeys.length || !plot) build();
      if (!dirty) {
        dirty = true;
        requestAnimationFrame(render);
      }
    },
    resize() {
      if (plot) plot.setSize({ width: Math.max(plotEl.clientWidth, 240), height: 170 });
    },
    destroy() {
      if (plot) plot.destroy();
      plot = null;
    },
    relabel: describe,
  };
}

// One fit: a section with a title, a status line and its charts, created as data arrives.
function fitSection(container, number, params) {
  const section = document.createElement('section');
  section.className = 'fit-chart';
  const heading = document.createElement('h3');
  heading.className = 'fit-title';
  const status = document.createElement('p');
  status.className = 'fit-status';
  section.append(heading, status);
  container.appendChild(section);
  const model = params && params.model;
  const epochs = params && params.epochs;
  let state = 'training'; // training | done | stopped
  let lastEpoch = null;
  let batchChart = null;
  const epochCharts = new Map(); // metric -> chart
  let points = 0;

  function figure(className, metric) {
    const el = document.createElement('figure');
    el.className = className;
    if (metric) el.dataset.metric = metric;
    section.appendChild(el);
    return el;
  }

  function relabel() {
    heading.textContent = model
      ? t('charts.fitTitle', { number, model })
      : t('charts.fitTitleNoName', { number });
    let text = t('charts.training');
    if (lastEpoch !== null) {
      text = epochs
        ? t('charts.epochOf', { epoch: lastEpoch, epochs })
        : t('charts.epochN', { epoch: lastEpoch });
    }
    if (state === 'done') text = t('charts.done', { heading: text });
    if (state === 'stopped') text = t('charts.stopped', { heading: text });
    status.textContent = text;
    if (batchChart) batchChart.relabel();
    for (const chart of epochCharts.values()) chart.relabel();
  }
  relabel();

  return {
    section,
    hasData: () => points > 0,
    batchEnd({ step, logs }) {
      if (!batchChart) {
        batchChart = lineChart(
          figure('batch-chart'),
          () => t('charts.perBatch'),
          t('charts.step'),
          { twoScales: true },
        );
      }
      batchChart.add(step, logs);
      points += 1;
    },
    epochEnd({ epoch, logs }) {
      const byMetric = new Map();
      for (const [key, value] of Object.entries(logs)) {
        const metric = metricOf(key);
        if (!byMetric.has(metric)) byMetric.set(metric, {});
        byMetric.get(metric)[key] = value;
      }
      for (const [metric, values] of byMetric) {
        if (!epochCharts.has(metric)) {
          epochCharts.set(
            metric,
            lineChart(
              figure('epoch-chart', metric),
              () => t('charts.metricPerEpoch', { metric }),
              t('charts.epoch'),
              { twoScales: false },
            ),
          );
        }
        epochCharts.get(metric).add(epoch + 1, values);
      }
      points += 1;
      lastEpoch = epoch + 1;
      relabel();
    },
    end(how) {
      if (state === 'training') state = how;
      relabel();
    },
    resize() {
      if (batchChart) batchChart.resize();
      for (const chart of epochCharts.values()) chart.resize();
    },
    relabel,
    destroy() {
      if (batchChart) batchChart.destroy();
      for (const chart of epochCharts.values()) chart.destroy();
      section.remove();
    },
  };
}

export function createCharts(container) {
  let fits = [];
  let count = 0;
  let current = null;

  const hiddenNote = document.createElement('p');
  hiddenNote.className = 'fits-hidden';
  hiddenNote.hidden = true;
  container.replaceChildren(hiddenNote);

  function show() {
    container.hidden = fits.length === 0;
  }

  // A fit that sent nothing (it failed in its first step) leaves no empty panel.
  function dropIfEmpty(fit) {
    if (fit && !fit.hasData()) {
      fit.destroy();
      fits = fits.filter((f) => f !== fit);
    }
  }

  window.addEventListener('resize', () => {
    for (const fit of fits) fit.resize();
  });
  onLanguageChange(() => {
    for (const fit of fits) fit.relabel();
  });

  return {
    // A new Run: no charts from the previous one.
    clear() {
      for (const fit of fits) fit.destroy();
      fits = [];
      count = 0;
      current = null;
      hiddenNote.hidden = true;
      show();
    },
    trainBegin(params) {
      dropIfEmpty(current);
      count += 1;
      current = fitSection(container, count, params);
      fits.push(current);
      while (fits.length > MAX_FITS) fits.shift().destroy();
      hiddenNote.hidden = count <= MAX_FITS;
      hiddenNote.textContent = t('charts.fitsHidden', { count: count - MAX_FITS });
      show();
    },
    batchEnd(message) {
      if (current) current.batchEnd(message);
    },
    epochEnd(message) {
      if (current) current.epochEnd(message);
    },
    trainEnd() {
      if (current) current.end('done');
      dropIfEmpty(current);
      current = null;
      show();
    },
    // The program finished (result or error): an unfinished fit was stopped or failed.
    runEnded() {
      if (current) current.end('stopped');
      dropIfEmpty(current);
      current = null;
      show();
    },
  };
}
