// The compiled WebAssembly kernels (web/kernels/) for pynn in this Pyodide: picks the build
// this browser runs (relaxed SIMD where it validates, plain SIMD otherwise) and installs it
// in pynn.ops.gemm, which loads it on the first big float32 product and checks it against
// numpy before using it. The .so files come with the site files (web/snapshot.mjs puts them
// in site-packages/pynn_kernels/); they are not part of the start-up snapshot's replay.
// When the page is cross-origin isolated, startKernelThreads adds the threads (kernel-pool.js).
import { startKernelPool } from './kernel-pool.js';

export const KERNELS_DIR = 'pynn_kernels';
const BUILDS = ['kernels-relaxed.so', 'kernels-simd128.so']; // best first

// Returns the installed file's path, or null (no kernel in this build or browser: numpy computes).
export function installKernels(pyodide, sitePackages) {
  const dir = `${sitePackages}/${KERNELS_DIR}`;
  const path = BUILDS.map((name) => `${dir}/${name}`).find((file) => {
    try {
      return WebAssembly.validate(pyodide.FS.readFile(file));
    } catch {
      return false; // not in this build
    }
  });
  if (!path) return null;
  const gemm = pyodide.pyimport('pynn.ops.gemm');
  try {
    gemm.install(path);
  } finally {
    gemm.destroy();
  }
  return path;
}

// Starts the kernel threads and hands them to pynn.ops.gemm (install_threads), or tells it why
// there are none. `heap()`: Python's memory as bytes. Resolves when pynn knows either way.
export async function startKernelThreads(pyodide, sitePackages, heap) {
  const dir = `${sitePackages}/${KERNELS_DIR}`;
  const { pool, reason } = await startKernelPool({
    readFile: (name) => pyodide.FS.readFile(`${dir}/${name}`),
    heap,
  });
  const gemm = pyodide.pyimport('pynn.ops.gemm');
  try {
    gemm.install_threads(pool, reason); // the one missing is undefined: Python's None
  } finally {
    gemm.destroy();
  }
  return pool ? `${pool.threads} threads (${pool.build})` : `1 thread: ${reason}`;
}
