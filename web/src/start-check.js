// The page's first script (a classic script, bundled apart from the app as start-check.js):
// it runs even where the app cannot, and turns every way the start can fail into a clear
// message instead of an endless "Loading Python…":
//   * opened as a file (file://): browsers refuse module scripts and workers there;
//   * no WebAssembly or no Web Workers in this browser;
//   * a file of the page missing or served with the wrong type (app.js, app.css);
//   * the app not started once the page has loaded, for any other reason.
// Later failures (the worker, Pyodide's files) are reported by main.js through the same panel.
import { chooseLanguage, TABLES } from './i18n.js';
import { showStartProblem } from './start-problem.js';

const LANG_KEY = 'pynn.playground.lang';

function storedLanguage() {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
}

const lang = chooseLanguage({
  search: location.search,
  stored: storedLanguage(),
  browser: navigator.languages || [navigator.language],
});

function text(key, vars = {}) {
  const template = TABLES[lang][key] ?? TABLES.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) =>
    name in vars ? String(vars[name]) : whole,
  );
}

function problem(key, vars) {
  showStartProblem({
    title: text('start.title'),
    text: text(key, vars),
    command: key === 'start.fileUrl' || key === 'start.fileMissing' ? text('start.command') : '',
    status: text('start.status'),
  });
}

let reported = false;
function once(key, vars) {
  if (reported) return;
  reported = true;
  problem(key, vars);
}

if (location.protocol === 'file:') {
  once('start.fileUrl');
} else if (typeof WebAssembly !== 'object' || typeof Worker !== 'function') {
  once('start.noWasm');
}

// A <script> or stylesheet of the page that failed to load (404, wrong MIME type, blocked).
window.addEventListener(
  'error',
  (event) => {
    const el = event.target;
    if (!el || (el.tagName !== 'SCRIPT' && el.tagName !== 'LINK')) return;
    const url = el.src || el.href || '';
    once('start.fileMissing', { file: url.split('/').pop() || url });
  },
  true,
);

window.addEventListener('load', () => {
  if (document.body.dataset.app !== 'started') once('start.appDidNotRun');
});
