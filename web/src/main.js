// Wiring only: the worker bridge, editor, console, charts, share codec and examples
// meet here. Each lives in its own module.
import './style.css';
import { MSG } from './protocol.js';
import { PythonWorker, STATE } from './worker-bridge.js';
import { createEditor } from './editor.js';
import { createConsole } from './output.js';
import { createCharts } from './charts.js';
import { createFigures } from './figures.js';
import { hasCells, cellAt, nextCellStart, pastedProgram } from './cells.js';
import { createDigitPad } from './digitpad.js';
import { shareUrl, encodeSession, sessionBytes, tooLargeMessage } from './share.js';
import { MAX_CODE_BYTES } from './protocol.js';
import { fillExamplesMenu, findExample } from './examples.js';
import { initialProgram, autosave, exampleSession } from './state.js';
import { prepareOffline, keepForOffline, msSinceOpened } from './offline.js';
import { createDeliveryView } from './delivery-view.js';
import { t, has, initLanguage, onLanguageChange, language } from './i18n.js';
import { initAppearance } from './appearance.js';
import { showStartProblem } from './start-problem.js';
import { createFilesPanel } from './files-panel.js';
import { errorReport } from './errors.js';
import {
  currentDraft,
  listDrafts,
  newDraft,
  switchTo,
  flushSave,
  downloadPy,
  draftSession,
} from './drafts.js';
import { editorExtras, markErrorLine, clearErrorLine } from './editor-extras.js';
import { createTabs } from './tabs.js';
import { splitFiles, singleFile, MAIN_FILE } from './tabs-format.js';

document.body.dataset.app = 'started'; // start-check.js reports a page whose app never ran

const $ = (id) => document.getElementById(id);
initLanguage($('language'));
initAppearance({ themeButton: $('theme-toggle'), textButton: $('text-toggle') });

// The service worker first, before the rest of the page is built: Python starts as soon as it
// controls the page (at once on later visits; the first visit downloads through it).
const offlineReady = prepareOffline(
  createDeliveryView({
    status: $('offline-status'),
    download: $('download'),
    update: $('update'),
  }),
);

const ui = {
  run: $('run'),
  stop: $('stop'),
  share: $('share'),
  restart: $('restart'),
  examples: $('examples'),
  status: $('status'),
  message: $('message'),
  shareBox: $('share-box'),
  shareLink: $('share-link'),
  drafts: $('drafts'),
  viewNote: $('view-note'),
  viewNoteText: $('view-note-text'),
  backToDraft: $('back-to-draft'),
  draftDownload: $('draft-download'),
  draftOpen: $('draft-open'),
};

const output = createConsole($('output'));
const charts = createCharts($('charts'));
const figures = createFigures(output);
const digitPad = createDigitPad($('digit-pad'), {
  predict: (pixels) => python.predictDigit(pixels),
});

function showMessage(text) {
  ui.message.textContent = text || '';
  ui.message.hidden = !text;
}

// The status line is kept as a key (and its values) so a language switch redraws it.
let statusKey = ['status.loading'];
function setStatus(key, vars) {
  statusKey = [key, vars];
  ui.status.textContent = t(key, vars);
}
onLanguageChange(() => setStatus(...statusKey));

const STATUS = {
  [STATE.loading]: 'status.loading',
  [STATE.ready]: 'status.ready',
  [STATE.running]: 'status.running',
  [STATE.stopping]: 'status.stopping',
  [STATE.failed]: 'status.failed',
};

// A start-up stage from the worker ("Loading pynn") in the page's language.
function stageText(stage) {
  return has(`stage.${stage}`) ? t(`stage.${stage}`) : stage;
}

const python = new PythonWorker({
  baseUrl: document.baseURI,
  onState(state, detail) {
    document.body.dataset.state = state;
    // Python has started (or failed to): the service worker may now write the build into its
    // cache (a first visit's start-up does not share the machine with that).
    if (state === STATE.ready || state === STATE.failed) keepForOffline();
    if (state === STATE.ready && !document.body.dataset.readyMs) {
      document.body.dataset.readyMs = String(Math.round(msSinceOpened()));
      document.body.dataset.bootTimings = JSON.stringify(detail.timings || {});
      document.body.dataset.startup = detail.fromSnapshot ? 'snapshot' : 'fresh';
    }
    ui.run.disabled = state !== STATE.ready;
    ui.restart.disabled = state !== STATE.ready;
    ui.stop.disabled = state !== STATE.running;
    if (state === STATE.failed && typeof detail === 'string')
      setStatus('status.failedBecause', { reason: detail });
    else if (typeof detail === 'string') setStatus('status.stage', { stage: detail });
    else setStatus(STATUS[state]);
    if (state === STATE.failed) {
      showStartProblem({
        title: t('start.title'),
        text: t('start.pythonFailed', { reason: detail || '?' }),
      });
    }
  },
  onMessage(message) {
    switch (message.type) {
      case MSG.loading:
        setStatus('status.stage', { stage: stageText(message.stage) });
        break;
      case MSG.ready:
        filesPanel.restore();
        break;
      case MSG.stdout:
        output.write('stdout', message.text);
        break;
      case MSG.stderr:
        output.write('stderr', message.text);
        break;
      case MSG.trainBegin:
        charts.trainBegin(message.params);
        break;
      case MSG.batchEnd:
        charts.batchEnd(message);
        break;
      case MSG.epochEnd:
        charts.epochEnd(message);
        break;
      case MSG.trainEnd:
        charts.trainEnd(message);
        break;
      case MSG.workdirFile:
      case MSG.workdirRemoved:
        filesPanel.receive(message);
        break;
      case MSG.figure:
        figures.show(message);
        break;
      case MSG.digitResult:
        digitPad.show(message);
        break;
      case MSG.digitPadOpen:
        digitPad.open();
        break;
      case MSG.cellBegin:
        output.note(t('cells.begin', { cell: message.cell, line: message.line }), 'cell');
        break;
      case MSG.result:
        charts.runEnded();
        output.note(t('run.finished', { seconds: message.seconds.toFixed(1) }), 'done');
        document.body.dataset.runSeconds = String(message.seconds); // the program's own time
        countRun();
        break;
      case MSG.error:
        if (message.id !== null) charts.runEnded();
        reportError(message);
        if (message.id !== null) countRun();
        break;
      default:
        break;
    }
  },
});
offlineReady.then(() => python.start());
const filesPanel = createFilesPanel($('files'), {
  send: (message, transfer) => python.post(message, transfer),
  canChange: () => python.state === STATE.ready,
  showMessage,
});

// Finished runs are counted on <body data-runs>, so a test or script can wait for one.
function countRun() {
  document.body.dataset.runs = String(Number(document.body.dataset.runs || 0) + 1);
}

function reportError(error) {
  const { kind, message, restart } = error;
  const report = errorReport(error);
  if (report) {
    output.block(report);
    // the line in its tab (marked there when that tab is opened)
    if (error.line && error.file) tabs.markError(error.file, error.line);
    else if (error.line) markErrorLine(editor.view, error.line);
  }
  if (kind === 'KeyboardInterrupt') {
    output.note(t('run.stopped'), 'stopped');
  } else if (kind === 'MemoryError') {
    output.note(t('run.outOfMemory'), 'error');
  } else if (kind === 'FatalError') {
    output.note(t('run.crashed', { message }), 'error');
  } else if (kind === 'LoadError') {
    output.note(t('run.loadError', { message }), 'error');
  } else if (restart) {
    output.note(t('run.restarting', { kind, message }), 'error');
  }
}

// --- editor, tabs, autosave and links ---------------------------------------------------
const start = initialProgram(location.hash);
if (start.message) showMessage(start.message);

// An example or a shared link is only shown (a "view"); editing it makes a new draft, and the
// student's current draft is never overwritten (drafts.js).
let view = null; // { name } while a view is in the editor
if (start.source === 'link') view = { name: t('drafts.sharedName') };
if (start.source === 'example')
  view = { name: (findExample(start.example) || {}).title || start.example };

const editor = createEditor($('editor'), {
  code: '',
  onRun: run,
  onRunCell: runCell,
  onPaste: pastedProgram,
  extensions: editorExtras($('editor-hint')),
  onChange: edited,
});
// One tab per file; Run runs the open tab (tabs.js).
const tabs = createTabs($('tabs-bar'), {
  editor,
  onChange: (change) => (change === 'switch' ? switched() : edited()),
  markLine: (line) => markErrorLine(editor.view, line),
});
tabs.load(start.session);
const session = () => tabs.session();
// (bench/page_ready.py: the frame that first shows the editor)
requestAnimationFrame(() => performance.mark('pynn:editor shown'));

// The program was edited (a tab's text, or a tab added, renamed or closed).
function edited() {
  if (view) {
    // The very first draft is "My code"; later ones are named after what was edited.
    newDraft(
      currentDraft() ? t('drafts.editedName', { name: view.name }) : t('drafts.label'),
      session(),
    );
    view = null;
    ui.examples.value = '';
    showDrafts();
  } else {
    autosave(session);
  }
  // Once edited, the program is no longer the linked one: a reload keeps the edits.
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
}

// Another tab was opened: the draft remembers which (a view stays a view).
function switched() {
  if (!view) autosave(session);
}

fillExamplesMenu(ui.examples);
ui.examples.value = start.example && start.source === 'example' ? start.example : '';
ui.examples.addEventListener('change', () => {
  const example = findExample(ui.examples.value);
  if (!example) return;
  history.replaceState(null, '', `#example=${encodeURIComponent(example.name)}`);
  showView(example.title, exampleSession(example));
  showMessage('');
  editor.focus();
});

function showView(name, shown) {
  if (!view) flushSave(session);
  view = { name };
  tabs.load(shown);
  showDrafts();
}

function showDraft(draft) {
  view = null;
  ui.examples.value = '';
  tabs.load(draftSession(draft));
  showDrafts();
}

// The drafts menu and the "you are looking at an example / a link" note.
function showDrafts() {
  const current = currentDraft();
  const options = listDrafts().map((draft) => {
    const option = document.createElement('option');
    option.value = draft.id;
    option.textContent = t('drafts.item', {
      name: draft.name,
      time: new Date(draft.updated).toLocaleString(language(), {
        dateStyle: 'short',
        timeStyle: 'short',
      }),
    });
    return option;
  });
  if (view || !current) {
    const option = document.createElement('option');
    option.value = '';
    option.textContent = view ? t('drafts.viewing', { name: view.name }) : t('drafts.none');
    options.unshift(option);
  }
  ui.drafts.replaceChildren(...options);
  ui.drafts.value = view || !current ? '' : current.id;
  // a title still too long for the bar is cut; the whole of it shows on hover
  ui.drafts.title = ui.drafts.selectedOptions[0]?.textContent || '';
  ui.viewNote.hidden = !(view && current);
  if (view && current) {
    ui.viewNoteText.textContent = t('drafts.viewNote', { name: view.name, draft: current.name });
  }
}

ui.drafts.addEventListener('change', () => {
  if (!ui.drafts.value) return;
  if (!view) flushSave(session);
  const draft = switchTo(ui.drafts.value);
  if (draft) showDraft(draft);
});
ui.backToDraft.addEventListener('click', () => {
  const draft = currentDraft();
  if (draft) showDraft(draft);
  editor.focus();
});
// Download: the open tab as its file (MLP.py); a program of one main.py under the draft's name.
ui.draftDownload.addEventListener('click', () => {
  const current = currentDraft();
  const { files, active } = session();
  if (files.length > 1 || files[0].name !== MAIN_FILE) {
    downloadPy(files[active].name, files[active].code);
    return;
  }
  downloadPy(view ? view.name : current ? current.name : 'program', files[0].code);
});
ui.draftOpen.addEventListener('change', async () => {
  const file = ui.draftOpen.files && ui.draftOpen.files[0];
  ui.draftOpen.value = '';
  if (!file) return;
  if (file.size > MAX_CODE_BYTES) {
    showMessage(tooLargeMessage(file.size));
    return;
  }
  if (!view) flushSave(session);
  // A file in the multi-file format (tabs-format.js) opens as its tabs, any other as main.py.
  const text = await file.text();
  let opened;
  try {
    opened = splitFiles(text);
  } catch {
    opened = singleFile(text);
  }
  const draft = newDraft(file.name.replace(/\.py$/i, ''), opened);
  showDraft(draft);
  showMessage('');
});
onLanguageChange(showDrafts);
showDrafts();

window.addEventListener('hashchange', () => {
  const next = initialProgram(location.hash, { useAutosave: false });
  showMessage(next.message || '');
  if (next.message) return; // a bad link: the editor keeps its program
  if (next.source === 'link') showView(t('drafts.sharedName'), next.session);
  if (next.source === 'example')
    showView((findExample(next.example) || {}).title || next.example, next.session);
  ui.examples.value = next.source === 'example' ? next.example : '';
});

// --- run, stop, share -----------------------------------------------------------------
// Ctrl/Cmd+Enter and Run: the open tab in a fresh session, every tab written next to it.
// Shift+Enter: the cell at the cursor in the living session (cells.js). Restart: a fresh,
// empty session.
function run() {
  startRun(session(), { keep: false }, true);
}

function runCell(offset) {
  const program = session();
  const code = program.files[program.active].code;
  const cell = hasCells(code) ? cellAt(code, offset) : -1;
  if (!startRun(program, { keep: true, cell }, false)) return;
  const next = nextCellStart(code, offset);
  if (next !== null) editor.moveCursor(next);
}

function restartSession() {
  if (startRun(singleFile(''), { keep: false, restart: true }, true))
    output.note(t('cells.restarted'), 'note');
}

function startRun(program, { keep, cell = -1, restart = false }, clear) {
  const bytes = sessionBytes(program);
  if (bytes > MAX_CODE_BYTES) {
    showMessage(tooLargeMessage(bytes));
    return false;
  }
  if (python.state !== STATE.ready) {
    if (python.state === STATE.loading) showMessage(t('run.stillLoading'));
    return false;
  }
  showMessage('');
  // On a narrow screen the output is below the editor: bring it into view.
  if (window.matchMedia('(max-width: 900px)').matches) output.scrollIntoView();
  if (clear) {
    output.clear();
    figures.clear();
    charts.clear();
    clearErrorLine(editor.view);
    tabs.clearErrors();
  }
  const { name, code } = program.files[program.active];
  const files = restart ? {} : Object.fromEntries(program.files.map((f) => [f.name, f.code]));
  if (!python.run(code, { keep, cell, name, files })) return false;
  if (clear && !restart && program.files.length > 1)
    output.note(t('tabs.running', { name }), 'note');
  return true;
}

async function stop() {
  const how = await python.stop();
  if (how === 'restarted') {
    output.note(t('run.stoppedRestarting'), 'stopped');
    charts.runEnded();
  }
  editor.focus();
}

async function share() {
  const program = session();
  const bytes = sessionBytes(program);
  if (bytes > MAX_CODE_BYTES) {
    showMessage(tooLargeMessage(bytes));
    return;
  }
  const url = shareUrl(location, program);
  history.replaceState(null, '', encodeSession(program));
  ui.shareLink.value = url;
  ui.shareBox.hidden = false;
  try {
    await navigator.clipboard.writeText(url);
    setStatus('status.linkCopied');
  } catch {
    setStatus('status.copyLink');
  }
  ui.shareLink.select();
}

ui.run.addEventListener('click', run);
ui.stop.addEventListener('click', stop);
ui.share.addEventListener('click', share);
ui.restart.addEventListener('click', restartSession);
$('digit-pad-button').addEventListener('click', () => digitPad.toggle());
document.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
    event.preventDefault();
    run();
  }
});
