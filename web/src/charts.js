// Live training curves: one chart per batch (x = step) and one per epoch, fed by the
// structured batch_end / epoch_end messages of the runner's callback. Each chart has a
// text caption with the first and latest values, for screen readers and tests.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { t } from './i18n.js';

const COLORS = ['#d9480f', '#1971c2', '#2f9e44', '#9c36b5', '#e8590c', '#0c8599', '#5f3dc4', '#c2255c'];
const MAX_POINTS = 20000;
const WHOLE_NUMBER_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000];

function lineChart(figure, titleKey, xLabel) {
  const plotEl = figure.querySelector('.plot');
  const caption = figure.querySelector('figcaption');
  let keys = [];
  let xs = [];
  let columns = {};
  let plot = null;
  let dirty = false;

  function build() {
    if (plot) plot.destroy();
    const width = Math.max(plotEl.clientWidth, 240);
    plot = new uPlot({
      width,
      height: 180,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: { auto: true }, metric: { auto: true } },
      axes: [
        { label: xLabel, incrs: WHOLE_NUMBER_STEPS },
        { scale: 'y', label: 'loss' },
        ...(keys.some((key) => !isLoss(key)) ? [{ scale: 'metric', side: 1, grid: { show: false } }] : []),
      ],
      series: [{ label: xLabel }, ...keys.map((key, i) => ({
        label: key,
        stroke: COLORS[i % COLORS.length],
        width: 1.5,
        spanGaps: true,
        scale: isLoss(key) ? 'y' : 'metric',
      }))],
    }, data(), plotEl);
  }

  function data() {
    return [xs, ...keys.map((key) => columns[key])];
  }

  function describe() {
    if (!keys.length) {
      caption.textContent = t('charts.noData', { title: t(titleKey) });
      return;
    }
    const parts = keys.map((key) => {
      const column = columns[key].filter((v) => v !== null);
      if (!column.length) return `${key} —`;
      return `${key} ${fmt(column[0])} → ${fmt(column[column.length - 1])}`;
    });
    caption.textContent = t('charts.points', { title: t(titleKey), count: xs.length, values: parts.join(', ') });
  }

  function render() {
    dirty = false;
    if (!plot) return;
    plot.setData(data());
    describe();
  }

  return {
    reset() {
      keys = [];
      xs = [];
      columns = {};
      if (plot) plot.destroy();
      plot = null;
      describe();
    },
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
      if (plot) plot.setSize({ width: Math.max(plotEl.clientWidth, 240), height: 180 });
    },
  };
}

function isLoss(key) {
  return key.includes('loss');
}

function fmt(value) {
  return Math.abs(value) >= 1000 || (Math.abs(value) < 1e-3 && value !== 0)
    ? value.toExponential(3)
    : value.toFixed(4);
}

export function createCharts(container) {
  const batches = lineChart(container.querySelector('#batch-chart'), 'charts.perBatch', t('charts.step'));
  const epochs = lineChart(container.querySelector('#epoch-chart'), 'charts.perEpoch', t('charts.epoch'));
  let epochCount = null;
  const heading = container.querySelector('.charts-status');

  window.addEventListener('resize', () => {
    batches.resize();
    epochs.resize();
  });

  return {
    trainBegin(params) {
      batches.reset();
      epochs.reset();
      epochCount = params && params.epochs;
      container.hidden = false;
      heading.textContent = t('charts.training');
    },
    batchEnd({ step, logs }) {
      batches.add(step, logs);
    },
    epochEnd({ epoch, logs }) {
      epochs.add(epoch + 1, logs);
      heading.textContent = epochCount
        ? t('charts.epochOf', { epoch: epoch + 1, epochs: epochCount })
        : t('charts.epochN', { epoch: epoch + 1 });
    },
    trainEnd() {
      heading.textContent = t('charts.done', { heading: heading.textContent });
    },
  };
}
