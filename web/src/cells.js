// Cells: `# %%` lines split the editor's program into cells (the same rule as the runner's
// pynn_runner/session.py). Shift+Enter runs the cell at the cursor in the living session;
// pasting a Jupyter notebook (.ipynb JSON, or its text export: notebook-text.js) puts its code
// cells in, split by `# %%` lines.
import { commentMagics, notebookTextToProgram } from './notebook-text.js';

const CELL_MARK = /^#\s*%%/;

export function hasCells(code) {
  return code.split('\n').some((line) => CELL_MARK.test(line));
}

// The 0-based index of the cell holding character `offset` of `code` (a cursor anywhere on a
// `# %%` line, its start included, is in the cell that line opens: Shift+Enter leaves it there).
export function cellAt(code, offset) {
  const lineEnd = code.indexOf('\n', offset);
  const lines = code.slice(0, lineEnd < 0 ? code.length : lineEnd).split('\n');
  let index = 0;
  lines.forEach((line, i) => {
    if (i > 0 && CELL_MARK.test(line)) index += 1;
  });
  return index;
}

// Where the cell after the one holding `offset` starts (for moving on after Shift+Enter),
// or null when it is the last.
export function nextCellStart(code, offset) {
  let position = 0;
  const lines = code.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    if (i > 0 && position > offset && CELL_MARK.test(lines[i])) return position;
    position += lines[i].length + 1;
  }
  return null;
}

// A pasted .ipynb file -> its code cells joined with `# %%` lines; null if it is not one.
// Notebook magics (`%matplotlib inline`, `!pip install ...`) become comments.
export function notebookToProgram(text) {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') || !trimmed.includes('"cells"')) return null;
  let notebook;
  try {
    notebook = JSON.parse(trimmed);
  } catch {
    return null;
  }
  if (!notebook || !Array.isArray(notebook.cells)) return null;
  const cells = notebook.cells
    .filter((cell) => cell && cell.cell_type === 'code')
    .map((cell) => (Array.isArray(cell.source) ? cell.source.join('') : String(cell.source || '')))
    .map((source) => commentMagics(source).trimEnd());
  if (!cells.length) return null;
  return `${cells.map((source) => `# %%\n${source}`).join('\n\n')}\n`;
}

// What a paste becomes: a notebook (.ipynb JSON or a text export) -> cells; null: paste as is.
export function pastedProgram(text) {
  return notebookToProgram(text) ?? notebookTextToProgram(text);
}
