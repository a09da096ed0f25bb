// web/src/notebook-text.js under Node (for tests/web/test_notebook_text.py and tests/seeds/):
//   node tests/web/notebook_text.mjs FILE...  -> one JSON object {FILE: program or null}
//   node tests/web/notebook_text.mjs --json   -> stdin: a JSON list of texts; out: their programs
import { readFileSync } from 'node:fs';
import { notebookTextToProgram } from '../../web/src/notebook-text.js';

const args = process.argv.slice(2);
if (args[0] === '--json') {
  const texts = JSON.parse(readFileSync(0, 'utf8'));
  process.stdout.write(JSON.stringify(texts.map(notebookTextToProgram)));
} else {
  const programs = {};
  for (const file of args) programs[file] = notebookTextToProgram(readFileSync(file, 'utf8'));
  process.stdout.write(JSON.stringify(programs));
}
