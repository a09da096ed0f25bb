// The output console: streamed stdout/stderr with terminal semantics for "\r" and "\b"
// (so a Keras progress bar redraws one line in place). Text is only ever inserted as
// text nodes, never as HTML.
//
// It cannot flood the page: writes only change lists in memory; the DOM is updated once per
// animation frame, finished lines go in as blocks (one element per run of up to BLOCK_LINES
// lines of one stream), and only about the newest MAX_LINES lines are kept, under a visible
// "N earlier lines hidden". Other modules may add a whole element as one line (`block`, e.g.
// an error report). The view follows new output unless the reader has scrolled up.
import { t } from './i18n.js';

export const MAX_LINES = 5000;
const BLOCK_LINES = 250;
// eslint-disable-next-line no-control-regex -- backspace (\b) is a control the console interprets
const CONTROL = /\r\n|\r|\n|\x08/g;
const STICK_PX = 24; // this close to the bottom counts as "at the bottom"

export function createConsole(element) {
  let blocks = []; // { stream, lines: [text], el } or { node, lines: null, el }, oldest first
  let lineCount = 0; // lines in `blocks`
  let current = null; // the open line { text, column, stream }, shown in openEl
  let hidden = 0; // lines dropped from the front
  let unrendered = 0; // index in `blocks` of the first block without an element
  let scheduled = false;

  const hiddenNote = document.createElement('div');
  hiddenNote.className = 'hidden-lines';
  hiddenNote.hidden = true;
  const openEl = document.createElement('div');
  openEl.hidden = true;
  element.append(hiddenNote, openEl);

  const size = (block) => (block.lines ? block.lines.length : 1);

  // Drops whole blocks from the front while more than MAX_LINES lines are kept; a block not
  // on the page yet is cut to fit exactly.
  function trim() {
    let excess = lineCount + (current ? 1 : 0) - MAX_LINES;
    let drop = 0;
    while (excess > 0 && drop < blocks.length) {
      const block = blocks[drop];
      if (!block.el && block.lines && block.lines.length > excess) {
        block.lines = block.lines.slice(excess);
        lineCount -= excess;
        hidden += excess;
        break;
      }
      if (block.el) block.el.remove();
      excess -= size(block);
      lineCount -= size(block);
      hidden += size(block);
      drop += 1;
    }
    if (drop) {
      blocks = blocks.slice(drop);
      unrendered = Math.max(0, unrendered - drop);
    }
  }

  function blockText(lines) {
    const text = lines.join('\n');
    return lines[lines.length - 1] === '' ? `${text}\n` : text;
  }

  function render() {
    scheduled = false;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight <= STICK_PX;
    trim();
    const fresh = document.createDocumentFragment();
    for (let i = unrendered; i < blocks.length; i += 1) {
      const block = blocks[i];
      if (block.node) {
        block.el = block.node;
      } else {
        block.el = document.createElement('div');
        block.el.className = `line ${block.stream}`;
        block.el.textContent = blockText(block.lines);
      }
      fresh.appendChild(block.el);
    }
    unrendered = blocks.length;
    element.insertBefore(fresh, openEl);
    openEl.hidden = !current;
    openEl.className = current ? `line ${current.stream}` : '';
    openEl.textContent = current ? current.text : '';
    hiddenNote.hidden = hidden === 0;
    if (hidden)
      hiddenNote.textContent = t('output.hiddenLines', { count: hidden.toLocaleString() });
    if (atBottom) element.scrollTop = element.scrollHeight;
  }

  function schedule() {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(render);
    }
  }

  // The open line is finished: it joins the last block (if that is not on the page yet).
  function commit() {
    if (!current) return;
    const last = blocks[blocks.length - 1];
    if (
      last &&
      !last.el &&
      last.lines &&
      last.stream === current.stream &&
      last.lines.length < BLOCK_LINES
    ) {
      last.lines.push(current.text);
    } else {
      blocks.push({ stream: current.stream, lines: [current.text], el: null });
    }
    lineCount += 1;
    current = null;
    if (lineCount > 2 * MAX_LINES) trim();
  }

  function put(piece, stream) {
    if (current && current.stream !== stream && current.text !== '') commit();
    if (!current) current = { text: '', column: 0, stream };
    const { text, column } = current;
    current.text =
      column === text.length
        ? text + piece
        : text.slice(0, column) + piece + text.slice(column + piece.length);
    current.column = column + piece.length;
  }

  function write(stream, text) {
    const source = String(text);
    let at = 0;
    CONTROL.lastIndex = 0;
    for (;;) {
      const match = CONTROL.exec(source);
      const end = match ? match.index : source.length;
      if (end > at) put(source.slice(at, end), stream);
      if (!match) break;
      const control = match[0];
      if (control === '\n' || control === '\r\n') {
        if (!current) current = { text: '', column: 0, stream };
        commit();
      } else if (control === '\r') {
        if (current) current.column = 0;
      } else if (current) {
        current.column = Math.max(0, current.column - 1);
      }
      at = end + control.length;
    }
    schedule();
  }

  // A line from the playground itself (not from Python): "Stopped.", "Finished in 2.1 s".
  function note(text, kind = 'note') {
    commit();
    blocks.push({ stream: kind, lines: [text], el: null });
    lineCount += 1;
    schedule();
  }

  // A whole element as one line (never parsed: the caller builds it from text nodes).
  function block(node) {
    commit();
    blocks.push({ node, lines: null, el: null });
    lineCount += 1;
    schedule();
    return node;
  }

  function clear() {
    for (const b of blocks) if (b.el) b.el.remove();
    blocks = [];
    lineCount = 0;
    current = null;
    hidden = 0;
    unrendered = 0;
    hiddenNote.hidden = true;
    openEl.hidden = true;
    openEl.textContent = '';
  }

  // Everything kept so far (rendered or not), as text.
  function text() {
    const parts = blocks.map((b) => (b.node ? b.node.textContent : b.lines.join('\n')));
    if (current) parts.push(current.text);
    return parts.join('\n');
  }

  function scrollIntoView() {
    element.scrollIntoView({ block: 'nearest' });
  }

  return { write, note, block, clear, text, scrollIntoView, flush: render };
}
