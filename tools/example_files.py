"""The playground's multi-file text format on CPython (the same rules as web/src/tabs-format.js).

A line `# %% file: NAME.py` starts a file; its code runs to the next such line; the LAST file is
the one the playground opens and runs. A text without such a line is one file, `main.py`.

    python3 tools/example_files.py split web/examples/xor_mlp.py OUTDIR   # writes the files
    python3 tools/example_files.py run web/examples/xor_mlp.py            # runs it as the page does

`run` writes the files into a temporary folder and runs the last one there with
`python -m pynn run`, so `from MLP import MLP` finds the other file, as in the playground.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

FILE_MARK = re.compile(r"^# %% file: *(.*?)\s*$")
MODULE_FILE = re.compile(r"^[^\W\d]\w*\.py$")
MAIN_FILE = "main.py"


def split_files(text):
    """[(name, code)] of a multi-file text, the file to run last; ValueError on a bad text."""
    lines = text.split("\n")
    if not any(FILE_MARK.match(line) for line in lines):
        return [(MAIN_FILE, text)]
    files = []
    for number, line in enumerate(lines, 1):
        mark = FILE_MARK.match(line)
        if mark:
            name = mark.group(1)
            if not MODULE_FILE.match(name) or name in (n for n, _ in files):
                raise ValueError(f"line {number}: {name!r} cannot be a file name here")
            files.append((name, []))
        elif files:
            files[-1][1].append(line)
        elif line.strip():
            raise ValueError(f'line {number}: code before the first "# %% file: NAME.py" line')
    out = []
    for name, body in files:
        code = "\n".join(body).rstrip()
        out.append((name, code + "\n" if code else ""))
    return out


def write_files(text, folder):
    """Writes the files of `text` into `folder`; returns the path of the file to run."""
    files = split_files(text)
    for name, code in files:
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(code)
    return os.path.join(folder, files[-1][0])


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(path, python=sys.executable, env=None, **kwargs):
    """Runs a (multi-file) example as the playground does (pynn from this checkout unless `env`
    says otherwise); a subprocess.CompletedProcess."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    env = dict(os.environ if env is None else env)
    env.setdefault("PYTHONPATH", ROOT)
    with tempfile.TemporaryDirectory() as folder:
        script = write_files(text, folder)
        return subprocess.run(
            [python, "-m", "pynn", "run", script], cwd=folder, env=env, check=False, **kwargs
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    split = sub.add_parser("split", help="write the files of a multi-file text into a folder")
    split.add_argument("path")
    split.add_argument("folder")
    runner = sub.add_parser("run", help="run a multi-file text as the playground does")
    runner.add_argument("path")
    args = parser.parse_args()
    if args.command == "split":
        os.makedirs(args.folder, exist_ok=True)
        with open(args.path, encoding="utf-8") as f:
            print(write_files(f.read(), args.folder))
        return 0
    return run(args.path).returncode


if __name__ == "__main__":
    sys.exit(main())
