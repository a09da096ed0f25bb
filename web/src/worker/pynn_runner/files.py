"""The program's working folder, mirrored by the page's Files panel.

Programs run with the working folder as their current directory, so `model.save('m.h5')`,
`CSVLogger('log.csv')` and `open('data.csv')` use it. After each run the worker sends the page
every file that is new or changed (`workdir_file`) and every one that disappeared
(`workdir_removed`); the page keeps them, so they survive a restart of Python and go back in
(`workdir_put`) when a new worker starts. Uploads arrive the same way; deleting in the panel
sends `workdir_delete`.

Names come from user code and from the page: only relative paths made of ordinary parts are
accepted here (no `..`, no absolute paths, no control characters).
"""

import os

WORKDIR = "/home/pyodide"
MAX_FILE_BYTES = 50 * 1024 * 1024  # larger files stay in the worker, not sent to the page
MAX_RUN_BYTES = 200 * 1024 * 1024  # after a run, at most this much is sent in all
MAX_FILES = 500  # a program that writes more: the rest stay in the worker, unlisted


class FileNameError(ValueError):
    pass


def checked_name(name):
    """`name` as a safe relative path inside the working folder, or FileNameError."""
    if not isinstance(name, str) or not name or len(name) > 255:
        raise FileNameError("A file name must have 1 to 255 characters.")
    parts = name.replace("\\", "/").split("/")
    if any(part in ("", ".", "..") for part in parts) or any(
        ord(c) < 32 or c == "\x7f" for c in name
    ):
        raise FileNameError(f"Not a file name the working folder accepts: {name!r}")
    return "/".join(parts)


class WorkingFolder:
    def __init__(self, root=WORKDIR):
        self.root = root
        os.makedirs(root, exist_ok=True)
        os.chdir(root)
        self._seen = self._scan()  # what was there before any program (nothing to send)

    def _scan(self):
        found = {}
        for folder, dirs, names in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in names:
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                rel = os.path.relpath(path, self.root).replace(os.sep, "/")
                found[rel] = (stat.st_size, stat.st_mtime_ns)
        return found

    def changes(self):
        """([(name, size, path or None)], [removed names]) since the last call; path is None
        for a file too large to send."""
        now = self._scan()
        if len(now) > MAX_FILES:  # keep the first names; the page lists no more than that
            now = dict(sorted(now.items())[:MAX_FILES])
        changed, budget = [], MAX_RUN_BYTES
        for name, (size, mtime) in sorted(now.items()):
            if self._seen.get(name) != (size, mtime):
                sent = size <= MAX_FILE_BYTES and size <= budget
                budget -= size if sent else 0
                changed.append((name, size, os.path.join(self.root, name) if sent else None))
        removed = sorted(set(self._seen) - set(now))
        self._seen = now
        return changed, removed

    def put(self, name, data):
        name = checked_name(name)
        path = os.path.join(self.root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        stat = os.stat(path)
        self._seen[name] = (stat.st_size, stat.st_mtime_ns)

    def delete(self, name):
        name = checked_name(name)
        path = os.path.join(self.root, name)
        if os.path.isfile(path):
            os.remove(path)
        self._seen.pop(name, None)
