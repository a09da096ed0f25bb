// The editor's tabs: one per file of the program (main.py, MLP.py, xor_classifier.py ...).
// One CodeMirror view shows the active tab; every tab keeps its own document (text, undo
// history, cursor). Run runs the active tab, with every tab written next to it (the runner's
// pynn_runner/tabs.py), so `from MLP import MLP` works.
//
// The bar: New file / Rename / Close, then the tablist on the editor's edge (arrow keys,
// Home/End move between tabs; Delete closes, F2 renames). A name is typed into a small form and checked
// (tabs-format.js nameProblem) with the reason shown; closing a tab can be undone. File names
// come from links and drafts too: they are only ever set as text.
import { t, onLanguageChange } from './i18n.js';
import { nameProblem, freshName, MAX_FILES, singleFile } from './tabs-format.js';

// createTabs(bar, { editor, onChange(change), markLine(line) }) — `editor` from editor.js;
// onChange('switch') when another tab is opened, onChange('edit') when a tab is added, renamed
// or closed; markLine marks an error's line in the document shown (editor-extras.js).
export function createTabs(bar, { editor, onChange, markLine }) {
  let tabs = []; // [{ name, doc: EditorState, error: line | null }]
  let active = 0;
  let naming = null; // { mode: 'add' | 'rename' }
  let closed = null; // { tab, index, wasActive } of the last closed tab, for Undo

  const list = el('div', { className: 'tabs-list', role: 'tablist' });
  const addButton = el('button', { type: 'button', className: 'tab-action tab-add' });
  const renameButton = el('button', { type: 'button', className: 'tab-action' });
  const closeButton = el('button', { type: 'button', className: 'tab-action' });
  const runNote = el('span', { className: 'tabs-run-note' });
  const form = el('form', { className: 'tab-name-form', hidden: true });
  const label = el('label', { htmlFor: 'tab-name-input' });
  const input = el('input', {
    id: 'tab-name-input',
    type: 'text',
    autocomplete: 'off',
    spellcheck: false,
  });
  input.setAttribute('aria-describedby', 'tab-name-problem');
  const ok = el('button', { type: 'submit' });
  const cancel = el('button', { type: 'button' });
  const problem = el('p', { id: 'tab-name-problem', className: 'tab-name-problem' });
  problem.setAttribute('role', 'alert');
  form.append(label, input, ok, cancel, problem);
  const undoBox = el('p', { className: 'tab-undo', hidden: true });
  undoBox.setAttribute('role', 'status');
  const undoText = el('span', {});
  const undoButton = el('button', { type: 'button' });
  undoBox.append(undoText, ' ', undoButton);
  const actions = el('div', { className: 'tabs-actions' });
  actions.append(addButton, renameButton, closeButton, runNote);
  bar.replaceChildren(actions, form, undoBox, list); // the tabs sit on the editor's edge

  const panel = editor.view.dom.parentElement; // #editor: the tab panel
  panel.setAttribute('role', 'tabpanel');

  function names(except = -1) {
    return tabs.filter((_, i) => i !== except).map((tab) => tab.name);
  }

  function render() {
    const buttons = tabs.map((tab, i) => {
      const button = el('button', {
        type: 'button',
        id: `tab-${i}`,
        className: tab.error ? 'tab has-error' : 'tab',
        tabIndex: i === active ? 0 : -1,
      });
      button.setAttribute('role', 'tab');
      button.setAttribute('aria-selected', String(i === active));
      button.setAttribute('aria-controls', panel.id);
      button.textContent = tab.name;
      if (tab.error) {
        const mark = el('span', { className: 'tab-error-mark' });
        mark.textContent = t('tabs.errorMark', { line: tab.error });
        button.append(mark);
      }
      button.addEventListener('click', () => select(i));
      return button;
    });
    list.replaceChildren(...buttons);
    list.setAttribute('aria-label', t('tabs.label'));
    panel.setAttribute('aria-labelledby', `tab-${active}`);
    addButton.textContent = t('tabs.add');
    addButton.disabled = tabs.length >= MAX_FILES;
    addButton.title = addButton.disabled ? t('tabs.tooMany', { max: MAX_FILES }) : '';
    renameButton.textContent = t('tabs.rename');
    closeButton.textContent = t('tabs.close');
    closeButton.disabled = tabs.length < 2;
    const several = tabs.length > 1;
    runNote.hidden = !several;
    runNote.textContent = several ? t('tabs.runs', { name: tabs[active].name }) : '';
    label.textContent = t('tabs.nameLabel');
    ok.textContent = t('tabs.ok');
    cancel.textContent = t('tabs.cancel');
    undoButton.textContent = t('tabs.undo');
    if (closed) undoText.textContent = t('tabs.closed', { name: closed.tab.name });
  }

  function current() {
    return tabs[active];
  }

  // Switches the editor to tab `index` (its own document, error mark included).
  function select(index, { focusTab = false } = {}) {
    if (index < 0 || index >= tabs.length) return;
    if (index !== active) {
      current().doc = editor.view.state;
      active = index;
      editor.view.setState(current().doc);
      if (current().error) markLine(current().error);
      onChange('switch');
    }
    render();
    if (focusTab) list.children[active].focus();
  }

  function load(session) {
    tabs = session.files.map(({ name, code }) => ({
      name,
      doc: editor.newDocument(code),
      error: null,
    }));
    active = session.active;
    closed = null;
    undoBox.hidden = true;
    endNaming();
    editor.view.setState(current().doc);
    render();
  }

  function session() {
    current().doc = editor.view.state;
    return {
      files: tabs.map((tab) => ({ name: tab.name, code: tab.doc.doc.toString() })),
      active,
    };
  }

  // --- naming: New file and Rename --------------------------------------------------------
  function startNaming(mode) {
    if (mode === 'add' && tabs.length >= MAX_FILES) return;
    naming = { mode };
    form.hidden = false;
    input.value = mode === 'add' ? freshName(names()) : current().name;
    showProblem(null);
    input.focus();
    // select the part before .py, so typing replaces it
    input.setSelectionRange(0, Math.max(0, input.value.length - 3));
  }

  function endNaming() {
    naming = null;
    form.hidden = true;
    showProblem(null);
  }

  function showProblem(found) {
    problem.textContent = found ? t(found.key, found.vars) : '';
    problem.hidden = !found;
    input.setAttribute('aria-invalid', String(Boolean(found)));
  }

  function finishNaming() {
    const name = input.value.trim();
    const found = nameProblem(name, names(naming.mode === 'rename' ? active : -1));
    if (found) {
      showProblem(found);
      input.focus();
      return;
    }
    if (naming.mode === 'add') {
      current().doc = editor.view.state;
      tabs.push({ name, doc: editor.newDocument(''), error: null });
      active = tabs.length - 1;
      editor.view.setState(current().doc);
    } else {
      current().name = name;
    }
    endNaming();
    render();
    onChange('edit');
    editor.focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    finishNaming();
  });
  input.addEventListener('input', () => showProblem(null));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      endNaming();
      list.children[active].focus();
    }
  });
  cancel.addEventListener('click', () => {
    endNaming();
    list.children[active].focus();
  });

  // --- closing, with Undo -------------------------------------------------------------------
  function close() {
    if (tabs.length < 2) return;
    current().doc = editor.view.state;
    const [tab] = tabs.splice(active, 1);
    closed = { tab, index: active };
    active = Math.min(active, tabs.length - 1);
    editor.view.setState(current().doc);
    undoBox.hidden = false;
    render();
    onChange('edit');
    undoButton.focus();
  }

  function undoClose() {
    if (!closed) return;
    if (tabs.length >= MAX_FILES) {
      undoText.textContent = t('tabs.tooMany', { max: MAX_FILES });
      return; // the closed tab stays in the Undo box until a tab is closed
    }
    const { tab, index } = closed;
    closed = null;
    undoBox.hidden = true;
    // its name taken meanwhile: it comes back as MLP_2.py
    const stem = tab.name.slice(0, -3);
    for (let i = 2; names().includes(tab.name); i += 1) tab.name = `${stem}_${i}.py`;
    current().doc = editor.view.state;
    tabs.splice(index, 0, tab);
    active = index;
    editor.view.setState(tab.doc);
    render();
    onChange('edit');
    list.children[active].focus();
  }

  addButton.addEventListener('click', () => startNaming('add'));
  renameButton.addEventListener('click', () => startNaming('rename'));
  closeButton.addEventListener('click', close);
  undoButton.addEventListener('click', undoClose);

  // Keyboard in the tablist (the WAI-ARIA tabs pattern, automatic activation).
  list.addEventListener('keydown', (event) => {
    const moves = {
      ArrowRight: active + 1,
      ArrowLeft: active - 1,
      Home: 0,
      End: tabs.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      const target = (moves[event.key] + tabs.length) % tabs.length;
      select(target, { focusTab: true });
    } else if (event.key === 'Delete') {
      event.preventDefault();
      close();
    } else if (event.key === 'F2') {
      event.preventDefault();
      startNaming('rename');
    }
  });

  onLanguageChange(render);
  load(singleFile(editor.view.state.doc.toString()));

  return {
    load,
    session,
    select,
    activeName: () => current().name,
    // An error's line, marked in its tab (now if it is shown, else when it is opened);
    // false when no tab has that name.
    markError(name, line) {
      const index = tabs.findIndex((tab) => tab.name === name);
      if (index < 0 || !line) return false;
      tabs[index].error = line;
      if (index === active) markLine(line);
      render();
      return true;
    },
    clearErrors() {
      if (!tabs.some((tab) => tab.error)) return;
      for (const tab of tabs) tab.error = null;
      render();
    },
  };
}

function el(tag, props) {
  return Object.assign(document.createElement(tag), props);
}
