// The files of keras.datasets (mnist.npz, fashion_mnist.npz: site.config.json `datasets`) are
// not part of the page's first download. They are files of the build like any other, but lazy
// (web/build.mjs): before a program runs, every dataset its text names (`mnist`,
// `fashion_mnist`, as a whole word) is fetched through the page, once, and written where pynn
// reads its bundled files. The service worker keeps what was fetched, so a dataset used once
// also works offline. A program that builds the name at run time gets pynn's message that
// the file is missing (pynn/keras/datasets/_bundled.py).
import { SITE } from 'virtual:site';
import { buildFile } from './files.js';

const loaded = new Map(); // name -> Promise (written into Python's file system)

// The datasets of this build whose name the program's text contains as a word.
export function datasetsNamedIn(code) {
  return SITE.datasets.filter((name) => new RegExp(`\\b${name}\\b`).test(code));
}

function load(pyodide, name) {
  if (!loaded.has(name)) {
    const loading = (async () => {
      const bytes = await buildFile(`datasets/${name}.npz`); // through the page's allow-list
      const bundled = pyodide.pyimport('pynn.keras.datasets._bundled');
      const folder = bundled.DATA_DIR;
      bundled.destroy();
      pyodide.FS.mkdirTree(folder);
      pyodide.FS.writeFile(`${folder}/${name}.npz`, bytes);
    })();
    loading.catch(() => loaded.delete(name)); // try again with the next program
    loaded.set(name, loading);
  }
  return loaded.get(name);
}

// Fetches the datasets `code` names that are not here yet. Never throws: a file that cannot
// be fetched is reported on `report(text)` and the program runs (pynn then says what is missing).
export async function loadDatasetsFor(pyodide, code, report) {
  await Promise.all(
    datasetsNamedIn(code).map((name) =>
      load(pyodide, name).catch((err) => {
        report(`The ${name} dataset could not be loaded: ${(err && err.message) || err}\n`);
      }),
    ),
  );
}
