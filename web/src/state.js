// Where the editor's program comes from, and where it is kept: a share link in the URL
// fragment wins, then the localStorage autosave, then the default example.
import { decodeFragment } from './share.js';
import { findExample, DEFAULT_EXAMPLE } from './examples.js';
import { t } from './i18n.js';

const AUTOSAVE_KEY = 'pynn.playground.code';
const AUTOSAVE_DELAY_MS = 400;

export function loadAutosave() {
  try {
    return localStorage.getItem(AUTOSAVE_KEY);
  } catch {
    return null;
  }
}

let saveTimer = null;
export function autosave(code) {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    try {
      localStorage.setItem(AUTOSAVE_KEY, code);
    } catch {
      // storage full or disabled: the program is still in the editor
    }
  }, AUTOSAVE_DELAY_MS);
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
