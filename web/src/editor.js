// The code editor: CodeMirror 6 with Python highlighting. Ctrl/Cmd+Enter runs.
import { EditorState } from '@codemirror/state';
import {
  EditorView,
  keymap,
  lineNumbers,
  highlightActiveLine,
  highlightActiveLineGutter,
  drawSelection,
  highlightSpecialChars,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import {
  bracketMatching,
  indentOnInput,
  syntaxHighlighting,
  HighlightStyle,
  indentUnit,
} from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { python } from '@codemirror/lang-python';
import { t, onLanguageChange } from './i18n.js';

// Syntax colours are CSS variables (style.css sets them for the light and the dark theme), so a
// theme switch is CSS alone.
const highlightStyle = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--syn-keyword)' },
  { tag: [tags.comment, tags.lineComment], color: 'var(--syn-comment)', fontStyle: 'italic' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--syn-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--syn-number)' },
  {
    tag: [tags.definition(tags.variableName), tags.function(tags.definition(tags.variableName))],
    color: 'var(--syn-definition)',
  },
  {
    tag: [tags.className, tags.typeName, tags.definition(tags.className)],
    color: 'var(--syn-type)',
  },
  { tag: [tags.self, tags.special(tags.variableName)], color: 'var(--syn-keyword)' },
  { tag: tags.invalid, color: 'var(--error)' },
]);

// `extensions`: more CodeMirror extensions from other modules (e.g. editor-extras.js).
export function createEditor(
  parent,
  { code, onChange, onRun, onRunCell, onPaste, extensions = [] },
) {
  const runKey = {
    key: 'Mod-Enter',
    preventDefault: true,
    run: () => {
      onRun();
      return true;
    },
  };
  // Shift+Enter: the cell at the cursor, in the living session (cells.js)
  const runCellKey = {
    key: 'Shift-Enter',
    preventDefault: true,
    run: (v) => {
      if (onRunCell) onRunCell(v.state.selection.main.head);
      return Boolean(onRunCell);
    },
  };
  // A paste that onPaste turns into something else (a notebook into cells) replaces the selection.
  const pasteHandler = EditorView.domEventHandlers({
    paste(event, v) {
      const text = event.clipboardData && event.clipboardData.getData('text/plain');
      const converted = text && onPaste ? onPaste(text) : null;
      if (converted === null || converted === undefined) return false;
      event.preventDefault();
      v.dispatch(v.state.replaceSelection(converted));
      return true;
    },
  });
  const setup = [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    indentOnInput(),
    indentUnit.of('    '),
    bracketMatching(),
    highlightActiveLine(),
    syntaxHighlighting(highlightStyle),
    python(),
    pasteHandler,
    keymap.of([runKey, runCellKey, indentWithTab, ...defaultKeymap, ...historyKeymap]),
    EditorView.contentAttributes.of(() => ({ 'aria-label': t('editor.label') })),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange(update.state.doc.toString());
    }),
    ...extensions,
  ];
  // A document of its own (text, undo history, cursor) for each tab (tabs.js).
  const newDocument = (text) => EditorState.create({ doc: text, extensions: setup });
  const view = new EditorView({ parent, state: newDocument(code) });

  onLanguageChange(() => view.dispatch({}));

  return {
    getCode: () => view.state.doc.toString(),
    setCode(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    focus: () => view.focus(),
    newDocument,
    moveCursor(offset) {
      view.dispatch({ selection: { anchor: offset }, scrollIntoView: true });
    },
    view,
  };
}
