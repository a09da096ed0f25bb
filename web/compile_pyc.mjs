// Precompiles pynn for the playground's Python (Pyodide's 3.14) at build time, so the
// browser does not compile pynn's sources at every start (about 3/4 of pynn's import time
// there). Runs Pyodide in Node, installs the pynn wheel, byte-compiles it with unchecked
// hash-based .pyc files and writes just the __pycache__ folders to a zip, which the worker
// unpacks into site-packages next to the wheel's sources.
//
//   node web/compile_pyc.mjs dist/wheels/pynn-0.1.0-py3-none-any.whl dist/wheels/pynn-pycache.zip
import { loadPyodide } from 'pyodide';
import { readFileSync, writeFileSync } from 'node:fs';

const [wheelPath, outPath] = process.argv.slice(2);
if (!wheelPath || !outPath) throw new Error('usage: node web/compile_pyc.mjs WHEEL OUT.zip');

const pyodide = await loadPyodide({ stdout: () => {}, stderr: (text) => console.error(text) });
pyodide.unpackArchive(new Uint8Array(readFileSync(wheelPath)), 'wheel');
const count = pyodide.runPython(`
import compileall, os, py_compile, zipfile
import pynn
root = os.path.dirname(pynn.__file__)
site = os.path.dirname(root)
ok = compileall.compile_dir(root, quiet=1, workers=1,
                            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
if not ok:
    raise SystemExit("byte-compiling pynn failed")
count = 0
with zipfile.ZipFile("/tmp/pycache.zip", "w", zipfile.ZIP_DEFLATED) as zf:
    for folder, _, files in sorted(os.walk(root)):
        if os.path.basename(folder) != "__pycache__":
            continue
        for name in sorted(files):
            path = os.path.join(folder, name)
            info = zipfile.ZipInfo(os.path.relpath(path, site), date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as f:
                zf.writestr(info, f.read())
            count += 1
count
`);
writeFileSync(outPath, pyodide.FS.readFile('/tmp/pycache.zip'));
console.log(`web/compile_pyc.mjs: ${count} .pyc files for Python ${pyodide.version} -> ${outPath}`);
