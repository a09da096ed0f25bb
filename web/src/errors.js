// A program's error as a student reads it: their own frames and the full message first
// (wrapped, never cut off), a hint in the UI language for the usual classroom mistakes, and
// the complete traceback with pynn's frames folded behind "details". Built from the runner's
// error message (pynn_runner/tracebacks.py) with text nodes only, never HTML.
import { t, has } from './i18n.js';

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// The hint's text for an error message, or '' (hint names come from tracebacks.py).
export function hintText({ hint, hintArg }) {
  const key = `hint.${hint}`;
  if (!hint || !has(key)) return '';
  return t(key, { name: hintArg ?? '', line: hintArg ?? '' });
}

// -> an element for the console (output.block), or null when the message carries no report.
export function errorReport(message) {
  if (typeof message.trace !== 'string') return null;
  const box = el('div', 'error-report');
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', t('error.label'));
  box.appendChild(el('pre', 'trace', message.trace.replace(/\n$/, '')));
  const hint = hintText(message);
  if (hint) {
    const line = el('p', 'hint');
    line.append(el('strong', '', `${t('error.hintLabel')} `), hint);
    box.appendChild(line);
  }
  if (message.internal) {
    const details = el('details', 'internal');
    details.appendChild(el('summary', '', t('error.details')));
    details.appendChild(el('pre', '', message.internal.replace(/\n$/, '')));
    box.appendChild(details);
  }
  return box;
}
