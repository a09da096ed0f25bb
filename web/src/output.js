// The output console: streamed stdout/stderr with terminal semantics for "\r" and "\b"
// (so a Keras progress bar redraws one line in place). Text is only ever inserted as
// text nodes, never as HTML. Redraws are batched to one per animation frame.

const MAX_LINES = 5000;
const CONTROL = /\r\n|\r|\n|\x08/;

export function createConsole(element) {
  let current = null; // { el, text, column, stream } of the line being written
  let dirty = false;
  let lineCount = 0;

  function newLine(stream) {
    const el = document.createElement('div');
    el.className = `line ${stream}`;
    element.appendChild(el);
    lineCount += 1;
    if (lineCount > MAX_LINES) {
      element.firstChild.remove();
      lineCount -= 1;
    }
    current = { el, text: '', column: 0, stream };
  }

  function render() {
    dirty = false;
    if (current) current.el.textContent = current.text;
    element.scrollTop = element.scrollHeight;
  }

  function schedule() {
    if (!dirty) {
      dirty = true;
      requestAnimationFrame(render);
    }
  }

  function commitLine() {
    if (current) current.el.textContent = current.text;
    current = null;
  }

  function put(piece, stream) {
    if (!current) newLine(stream);
    if (current.stream !== stream && current.text !== '') {
      commitLine();
      newLine(stream);
    }
    const { text, column } = current;
    current.text = text.slice(0, column) + piece + text.slice(column + piece.length);
    current.column = column + piece.length;
  }

  function write(stream, text) {
    let rest = String(text);
    while (rest.length) {
      const match = CONTROL.exec(rest);
      const end = match ? match.index : rest.length;
      if (end > 0) put(rest.slice(0, end), stream);
      if (!match) break;
      const control = match[0];
      if (control === '\n' || control === '\r\n') {
        if (!current) newLine(stream);
        commitLine();
      } else if (control === '\r') {
        if (current) current.column = 0;
      } else if (current) {
        current.column = Math.max(0, current.column - 1);
      }
      rest = rest.slice(end + control.length);
    }
    schedule();
  }

  // A line from the playground itself (not from Python): "Stopped.", "Ran in 2.1 s".
  function note(text, kind = 'note') {
    commitLine();
    newLine(kind);
    current.text = text;
    commitLine();
    schedule();
  }

  function clear() {
    element.replaceChildren();
    current = null;
    lineCount = 0;
  }

  return { write, note, clear, text: () => element.textContent };
}
