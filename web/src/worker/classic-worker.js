// Imported first by worker.js, before Pyodide's module is evaluated. The worker is a classic
// script (Chromium cannot start a module worker from a blob: URL in an opaque origin, see
// ../sandbox-host.js), and Pyodide refuses classic workers by checking whether importScripts
// works; nothing here needs importScripts, so it is taken away.
self.importScripts = undefined;
