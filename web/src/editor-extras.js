// Two additions to the CodeMirror editor (editor.js takes them as extra extensions):
//   * the failing line of the last run marked (line background and a gutter sign), cleared
//     when the code changes or the next run starts;
//   * while the editor has focus, a visible hint that Tab indents and Escape then Tab leaves
//     the editor (CodeMirror's own way out of a Tab-trapping editor).
import { StateEffect, StateField, RangeSet } from '@codemirror/state';
import { Decoration, EditorView, GutterMarker, gutter } from '@codemirror/view';
import { t } from './i18n.js';

const setErrorLine = StateEffect.define();

class ErrorMarker extends GutterMarker {
  toDOM() {
    const mark = document.createElement('span');
    mark.className = 'cm-error-marker';
    mark.textContent = '●';
    mark.title = t('error.lineMarked');
    return mark;
  }
}
const errorMarker = new ErrorMarker();

// The marked line's start position, or null.
const errorLine = StateField.define({
  create: () => null,
  update(value, tr) {
    for (const effect of tr.effects) if (effect.is(setErrorLine)) return effect.value;
    return tr.docChanged ? null : value;
  },
  provide: (field) => [
    EditorView.decorations.from(field, (pos) =>
      pos === null
        ? Decoration.none
        : Decoration.set([Decoration.line({ class: 'cm-error-line' }).range(pos)]),
    ),
  ],
});

const errorGutter = gutter({
  class: 'cm-error-gutter',
  markers: (view) => {
    const pos = view.state.field(errorLine);
    return pos === null ? RangeSet.empty : RangeSet.of([errorMarker.range(pos)]);
  },
});

// Marks `line` (1-based; null clears) and scrolls it into view.
export function markErrorLine(view, line) {
  const { doc } = view.state;
  if (!line || line < 1 || line > doc.lines) {
    view.dispatch({ effects: setErrorLine.of(null) });
    return;
  }
  const pos = doc.line(line).from;
  view.dispatch({
    effects: [setErrorLine.of(pos), EditorView.scrollIntoView(pos, { y: 'center' })],
  });
}

export function clearErrorLine(view) {
  if (view.state.field(errorLine) !== null) view.dispatch({ effects: setErrorLine.of(null) });
}

// The Tab hint: an element shown below the editor while it has focus.
function tabHint(hintEl) {
  return EditorView.focusChangeEffect.of((state, focusing) => {
    hintEl.textContent = t('editor.tabHint');
    hintEl.hidden = !focusing;
    return null;
  });
}

export function editorExtras(hintEl) {
  return [errorLine, errorGutter, tabHint(hintEl)];
}
