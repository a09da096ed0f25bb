// bench/custom_loop.py inside Pyodide, on Node's V8 (the engine of Chromium): the playground's
// Pyodide (web/node_modules, `bash build.sh` installs it) and numpy wheel (the wheelhouse), with
// pynn and bench/ of this working tree mounted read-only. Prints the same table as CPython.
//
//     node bench/browser/pyodide_custom_loop.mjs
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PYODIDE = process.env.PYNN_PYODIDE_DIR || path.join(ROOT, 'web', 'node_modules', 'pyodide');
const config = JSON.parse(readFileSync(path.join(ROOT, 'site.config.json'), 'utf8')).pyodide;
const wheelhouse = (process.env.PYNN_WHEELHOUSE || '~/.cache/pynn/wheelhouse').replace('~', homedir());

const { loadPyodide } = await import(path.join(PYODIDE, 'pyodide.mjs'));
const pyodide = await loadPyodide({ indexURL: PYODIDE + path.sep });
await pyodide.loadPackage(path.join(wheelhouse, config.packages.numpy.file));
pyodide.FS.mkdirTree('/work');
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: ROOT }, '/work');
pyodide.runPython(`
import sys
sys.path[:0] = ['/work', '/work/bench']
import custom_loop
custom_loop.main()
`);
