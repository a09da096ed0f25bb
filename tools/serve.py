"""Serve the built playground (dist/) on 127.0.0.1.

Any static server works; this one adds what makes the playground best: the right MIME
types for `.wasm` / `.mjs` (streaming WebAssembly compilation) and the cross-origin
isolation headers (COOP/COEP) that let Stop interrupt Python instead of restarting it.

    python3 tools/serve.py                     # dist/ on http://127.0.0.1:8000/
    python3 tools/serve.py --port 0            # any free port; the first line says which
    python3 tools/serve.py --no-isolation      # without COOP/COEP, like a plain static server

The build copies this file into dist/ as serve.py: in a copied dist/ folder (a USB stick in a
classroom), `python3 serve.py` serves the folder it is in.
"""

import argparse
import functools
import http.server
import os
import sys
import time
from typing import ClassVar

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# Next to a built page (dist/serve.py): serve that folder; in the repository: dist/.
DEFAULT_DIR = (
    HERE if os.path.isfile(os.path.join(HERE, "index.html")) else os.path.join(ROOT, "dist")
)

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".css": "text/css",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".py": "text/x-python; charset=utf-8",
    ".bin": "application/octet-stream",
    ".snap": "application/octet-stream",
}

ISOLATION_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "same-origin",
}

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # Revalidate every time: a rebuilt dist/ shows at once (the service worker keeps the
    # offline copy).
    "Cache-Control": "no-cache",
}


class _CountingWriter:
    """The response stream, counting the bytes written to the socket (headers included)."""

    def __init__(self, stream, handler):
        self.stream = stream
        self.handler = handler

    def write(self, data):
        self.handler.sent += len(data)
        rate = self.handler.rate
        if not rate:
            return self.stream.write(data)
        view = memoryview(data)
        for start in range(0, len(view), 64 * 1024):
            chunk = view[start : start + 64 * 1024]
            self.stream.write(chunk)
            time.sleep(len(chunk) / rate)
        return len(data)

    def __getattr__(self, name):
        return getattr(self.stream, name)


class PlaygroundHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        **MIME_TYPES,
    }
    quiet = False
    isolation = True
    rate = 0  # bytes per second per connection; 0: as fast as possible
    access_log = None

    def end_headers(self):
        headers = {**ISOLATION_HEADERS, **HEADERS} if self.isolation else HEADERS
        for name, value in headers.items():
            self.send_header(name, value)
        super().end_headers()

    def setup(self):
        super().setup()
        self.sent = 0
        self.wfile = _CountingWriter(self.wfile, self)

    def handle_one_request(self):
        self.sent = 0
        self.command = None
        super().handle_one_request()
        if self.command:
            # (path, bytes sent) of every request: bench/first_visit.py adds them up
            self.server.sent.append((self.path, self.sent))
            if self.access_log:
                with open(self.access_log, "a", encoding="utf-8") as log:
                    log.write(f"{self.sent} {self.path}\n")

    def log_message(self, format, *args):
        if not self.quiet:
            super().log_message(format, *args)


def make_server(
    directory, host="127.0.0.1", port=8000, quiet=False, isolation=True, rate=0, access_log=None
):
    handler_class = type(
        "Handler",
        (PlaygroundHandler,),
        {"quiet": quiet, "isolation": isolation, "rate": rate, "access_log": access_log},
    )
    handler = functools.partial(handler_class, directory=directory)
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    server.sent = []  # (path, bytes) per request, headers included
    return server


def main(argv=None):
    parser = argparse.ArgumentParser(description="Serve the built playground (dist/).")
    parser.add_argument("--dir", default=DEFAULT_DIR)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument("--quiet", action="store_true", help="do not log requests")
    parser.add_argument(
        "--no-isolation",
        action="store_true",
        help="omit the COOP/COEP headers (Stop then restarts Python)",
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=0,
        help="at most this many MB/s per connection (to try a slow network)",
    )
    parser.add_argument("--access-log", help="append 'bytes path' for every request to this file")
    args = parser.parse_args(argv)

    if not os.path.isfile(os.path.join(args.dir, "index.html")):
        sys.exit(
            f"serve.py: {args.dir} has no index.html; run `bash build.sh` first "
            "(or run serve.py from the playground's folder)"
        )
    server = make_server(
        args.dir,
        args.host,
        args.port,
        args.quiet,
        not args.no_isolation,
        int(args.rate * 1e6),
        args.access_log,
    )
    host, port = server.server_address[:2]
    print(f"Serving {args.dir} at http://{host}:{port}/  (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
