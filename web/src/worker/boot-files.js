// The build's files the worker needs to start, in the order it needs them: Pyodide's module,
// the base snapshot (loadPyodide reads it before it instantiates the wasm), the wasm, the
// standard library, then numpy and pynn. The page starts reading them as soon as it creates
// the sandbox (worker-bridge.js), so they are on their way while the worker itself starts;
// the worker asks for each at once when it boots (files.js).
export function bootFiles({ snapshot }) {
  return [
    'pyodide/pyodide.asm.mjs',
    ...(snapshot ? ['site/base.snap'] : []),
    'pyodide/pyodide.asm.wasm',
    'pyodide/python_stdlib.zip',
    'pyodide/pyodide-lock.json',
    'site/site.json',
    'site/site-packages.bin',
    ...(snapshot ? ['site/site.snap'] : []),
  ];
}
