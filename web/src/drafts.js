// The student's own programs, kept in localStorage as several named drafts, so nothing they
// wrote is ever replaced: an example or a share link is only *shown* in the editor (a "view")
// and becomes a new draft of its own the moment it is edited; the current draft stays as it
// was, one click away ("Back to my code"). Download / Open move a draft to and from a .py file.
// Pure storage here (no DOM), apart from `downloadPy`.
//
// A draft keeps every tab: { id, name, files: [{name, code}], active, updated }; a draft of one
// tab named main.py is { id, name, code, updated } as before tabs (and such drafts, saved by
// earlier versions, open as that one tab).
import { checkSession, singleFile, MAIN_FILE } from './tabs-format.js';

const STORE_KEY = 'pynn.playground.drafts';
const OLD_AUTOSAVE_KEY = 'pynn.playground.code'; // the single autosave of earlier versions
const MAX_DRAFTS = 30;

function read() {
  try {
    const data = JSON.parse(localStorage.getItem(STORE_KEY) || 'null');
    if (data && Array.isArray(data.drafts)) return data;
  } catch {
    // damaged or unavailable storage: start empty
  }
  const store = { current: null, drafts: [] };
  let old;
  try {
    old = localStorage.getItem(OLD_AUTOSAVE_KEY);
  } catch {
    old = null;
  }
  if (old) {
    const draft = { id: 'd1', name: 'My code', code: old, updated: Date.now() }; // one tab
    store.drafts.push(draft);
    store.current = draft.id;
  }
  return store;
}

let store = read();
let lastError = null;

function write() {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(store));
    lastError = null;
  } catch (err) {
    lastError = err; // storage full or disabled: the program is still in the editor
  }
}

export function storageProblem() {
  return lastError;
}

export function listDrafts() {
  return store.drafts.slice().sort((a, b) => b.updated - a.updated);
}

export function currentDraft() {
  return store.drafts.find((d) => d.id === store.current) || null;
}

function uniqueName(name) {
  const names = new Set(store.drafts.map((d) => d.name));
  if (!names.has(name)) return name;
  for (let i = 2; ; i += 1) if (!names.has(`${name} (${i})`)) return `${name} (${i})`;
}

// A draft's tabs (a session, tabs-format.js).
export function draftSession(draft) {
  return checkSession(draft) || singleFile(typeof draft.code === 'string' ? draft.code : '');
}

function keepSession(draft, session) {
  delete draft.code;
  delete draft.files;
  delete draft.active;
  if (session.files.length === 1 && session.files[0].name === MAIN_FILE) {
    draft.code = session.files[0].code;
  } else {
    draft.files = session.files;
    draft.active = session.active;
  }
  draft.updated = Date.now();
}

// A new draft (made current) holding `session` (all tabs), e.g. from an edited example or an
// opened file.
export function newDraft(name, session) {
  const id = `d${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const draft = { id, name: uniqueName(name || 'My code') };
  keepSession(draft, session);
  store.drafts.push(draft);
  store.current = id;
  // The oldest drafts beyond the limit go (never the current one).
  while (store.drafts.length > MAX_DRAFTS) {
    const oldest = listDrafts()
      .reverse()
      .find((d) => d.id !== store.current);
    store.drafts = store.drafts.filter((d) => d !== oldest);
  }
  write();
  return draft;
}

export function switchTo(id) {
  if (!store.drafts.some((d) => d.id === id)) return null;
  store.current = id;
  write();
  return currentDraft();
}

let saveTimer = null;
// The editor's tabs into the current draft, a little later so typing stays fast
// (`getSession()` gives them then).
export function saveCurrent(getSession, delay = 400) {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    saveTimer = null;
    const draft = currentDraft();
    if (!draft) {
      newDraft('My code', getSession());
      return;
    }
    keepSession(draft, getSession());
    write();
  }, delay);
}

// Pending saves written now (before switching what the editor shows).
export function flushSave(getSession) {
  if (saveTimer === null) return;
  clearTimeout(saveTimer);
  saveTimer = null;
  const draft = currentDraft();
  if (draft) {
    keepSession(draft, getSession());
    write();
  }
}

export function safeFileName(name) {
  const base =
    String(name)
      .replace(/[^\p{L}\p{N}_ .,()-]+/gu, '_')
      .trim() || 'program';
  return base.endsWith('.py') ? base : `${base}.py`;
}

export function downloadPy(name, code) {
  const url = URL.createObjectURL(new Blob([code], { type: 'text/x-python' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = safeFileName(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
