#!/usr/bin/env bash
# Compiles the playground's WebAssembly kernels (gemm.c) with Debian's clang and lld:
#
#   gemm-simd128.so   Emscripten-style side module (dylink.0), WebAssembly SIMD; Pyodide's
#                     dynamic linker loads it and pynn calls it with ctypes (pynn/ops/gemm.py)
#   gemm-relaxed.so   the same with relaxed SIMD (fused multiply-add where the CPU has it);
#                     the worker uses it where the browser validates it
#
#   bash web/kernels/build.sh OUT_DIR
#
# Needs clang and wasm-ld (any version >= 16 with the WebAssembly target; Debian's packages
# have it). If they are missing and we are root, installs clang-19 and lld-19 with apt-get
# (CI); otherwise says what to install. Nothing is downloaded but Debian packages.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:?usage: web/kernels/build.sh OUT_DIR}
mkdir -p "$OUT"

find_tools() {
    CLANG=""
    WASM_LD=""
    for version in 21 20 19 18 17 16 ""; do
        suffix=${version:+-$version}
        if command -v "clang$suffix" >/dev/null && command -v "wasm-ld$suffix" >/dev/null; then
            CLANG=clang$suffix
            WASM_LD=wasm-ld$suffix
            return 0
        fi
    done
    return 1
}

if ! find_tools; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "== web/kernels: installing clang-19 and lld-19 (Debian packages)"
        apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q clang-19 lld-19 >/dev/null \
            || DEBIAN_FRONTEND=noninteractive apt-get install -y -q clang lld >/dev/null
    fi
    find_tools || {
        echo "web/kernels/build.sh: clang and wasm-ld are needed (Debian: apt-get install clang-19 lld-19)" >&2
        exit 1
    }
fi

# -ffreestanding -nostdlib: the kernel uses no C library, no static data and no stack.
FLAGS=(--target=wasm32-unknown-emscripten -ffreestanding -nostdlib -O3 -fPIC -msimd128
       -Wall -Wextra -Werror)
side_module() {  # side_module NAME [extra clang flags]
    local name=$1
    shift
    "$CLANG" "${FLAGS[@]}" "$@" -c "$HERE/gemm.c" -o "$OUT/$name.o"
    "$WASM_LD" -shared --experimental-pic --export=pynn_sgemm --export=pynn_sgemm_work_floats \
        -o "$OUT/$name.so" "$OUT/$name.o"
    rm -f "$OUT/$name.o"
}
side_module gemm-simd128
side_module gemm-relaxed -mrelaxed-simd
echo "== web/kernels: $("$CLANG" --version | head -1): $(cd "$OUT" && ls -- *.so | tr '\n' ' ')"
