// Where the editor's program comes from, and where it is kept: a share link in the URL
// fragment wins, then the current draft (drafts.js, in localStorage), then the default example.
import { decodeFragment } from './share.js';
import { findExample, DEFAULT_EXAMPLE } from './examples.js';
import { t } from './i18n.js';
import { currentDraft, saveCurrent } from './drafts.js';

// The autosave is the current draft (drafts.js keeps several, by name).
export function loadAutosave() {
  const draft = currentDraft();
  return draft ? draft.code : null;
}

export function autosave(code) {
  saveCurrent(code);
}

// -> { code, example?: name, message?: string } for the given location.hash
export function initialProgram(hash, { useAutosave = true } = {}) {
  const link = decodeFragment(hash);
  if (link.kind === 'code') return { code: link.code, source: 'link' };
  if (link.kind === 'example') {
    const example = findExample(link.name);
    if (example) return { code: example.code, example: example.name, source: 'example' };
    const fallback = startingPoint(useAutosave);
    return { ...fallback, message: t('examples.missing', { name: link.name }) };
  }
  const fallback = startingPoint(useAutosave);
  return link.kind === 'error' ? { ...fallback, message: link.message } : fallback;
}

function startingPoint(useAutosave) {
  const saved = useAutosave ? loadAutosave() : null;
  if (saved) return { code: saved, source: 'autosave' };
  const example = findExample(DEFAULT_EXAMPLE);
  return { code: example ? example.code : '', example: example && example.name, source: 'example' };
}
