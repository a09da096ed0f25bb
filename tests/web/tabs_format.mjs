// Checks of web/src/tabs-format.js, run by tests/web/test_tabs_format.py under Node:
//   node tests/web/tabs_format.mjs CHECK [ARG] -> prints one JSON line.
import { readFileSync } from 'node:fs';
import {
  nameProblem,
  splitFiles,
  joinFiles,
  checkSession,
  freshName,
} from '../../web/src/tabs-format.js';

const [check, arg] = process.argv.slice(2);
let output;
if (check === 'names') {
  const names = JSON.parse(arg);
  output = Object.fromEntries(names.map((n) => [n, nameProblem(n, ['MLP.py'])?.key ?? null]));
} else if (check === 'split') {
  output = splitFiles(readFileSync(arg, 'utf8'));
} else if (check === 'split-text') {
  try {
    output = splitFiles(JSON.parse(arg));
  } catch (err) {
    output = { error: err.message };
  }
} else if (check === 'roundtrip') {
  const session = JSON.parse(arg);
  const text = joinFiles(session);
  output = { text, back: splitFiles(text) };
} else if (check === 'check-session') {
  output = checkSession(JSON.parse(arg));
} else if (check === 'fresh') {
  output = freshName(JSON.parse(arg));
}
console.log(JSON.stringify(output));
