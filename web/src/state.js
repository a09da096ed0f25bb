// Where the editor's program comes from, and where it is kept: a share link in the URL
// fragment wins, then the current draft (drafts.js, in localStorage), then the default example.
// A program is a session of tabs (tabs-format.js): { files: [{name, code}], active }.
import { decodeFragment } from './share.js';
import { findExample, DEFAULT_EXAMPLE } from './examples.js';
import { t } from './i18n.js';
import { currentDraft, saveCurrent, draftSession } from './drafts.js';
import { singleFile } from './tabs-format.js';

// The autosave is the current draft (drafts.js keeps several, by name).
export function loadAutosave() {
  const draft = currentDraft();
  return draft ? draftSession(draft) : null;
}

// `getSession()` gives the tabs when the save happens (a little later).
export function autosave(getSession) {
  saveCurrent(getSession);
}

// An example's tabs (build.mjs splits multi-file examples; older builds give `code` only).
export function exampleSession(example) {
  return example.files
    ? { files: example.files, active: example.active }
    : singleFile(example.code);
}

// -> { session, source, example?: name, message?: string } for the given location.hash
export function initialProgram(hash, { useAutosave = true } = {}) {
  const link = decodeFragment(hash);
  if (link.kind === 'code') return { session: singleFile(link.code), source: 'link' };
  if (link.kind === 'files') return { session: link.session, source: 'link' };
  if (link.kind === 'example') {
    const example = findExample(link.name);
    if (example)
      return { session: exampleSession(example), example: example.name, source: 'example' };
    const fallback = startingPoint(useAutosave);
    return { ...fallback, message: t('examples.missing', { name: link.name }) };
  }
  const fallback = startingPoint(useAutosave);
  return link.kind === 'error' ? { ...fallback, message: link.message } : fallback;
}

function startingPoint(useAutosave) {
  const saved = useAutosave ? loadAutosave() : null;
  if (saved) return { session: saved, source: 'autosave' };
  const example = findExample(DEFAULT_EXAMPLE);
  return {
    session: example ? exampleSession(example) : singleFile(''),
    example: example && example.name,
    source: 'example',
  };
}
