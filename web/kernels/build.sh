#!/usr/bin/env bash
# Compiles the playground's WebAssembly kernels (gemm.c: matrix products; adam.c: the Adam
# update; col2im.c: a convolution's input gradient; conv.c: convolutions from the layer's input,
# forward and backward) with Debian's clang and lld into one library, built twice:
#
#   kernels-simd128.so   Emscripten-style side module (dylink.0), WebAssembly SIMD; Pyodide's
#                        dynamic linker loads it and pynn calls it with ctypes (pynn/ops/gemm.py)
#   kernels-relaxed.so   the same with relaxed SIMD (the products' multiply-adds fused where the
#                        CPU has FMA); the worker uses it where the browser validates it
#   threads-simd128.wasm, threads-relaxed.wasm
#                        the GEMM and conv.c as a plain module on an imported SHARED memory
#                        (atomics, bulk memory): the kernel threads of a cross-origin isolated
#                        page each instantiate it on one WebAssembly.Memory (kernel-pool.js)
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

# -ffreestanding -nostdlib: the kernels use no C library, no static data and no stack.
# -ffp-contract=off: no multiply-add is fused unless the code asks (adam.c is numpy's bit for bit).
FLAGS=(--target=wasm32-unknown-emscripten -ffreestanding -nostdlib -O3 -fPIC -msimd128
       -fno-builtin -fno-math-errno -ffp-contract=off -Wall -Wextra -Werror)
CONV_EXPORTS="--export=pynn_conv_forward --export=pynn_conv_backward --export=pynn_conv_scratch_floats --export=pynn_conv_slices --export=pynn_bias_relu_grad"
side_module() {  # side_module NAME [extra clang flags]
    local name=$1
    shift
    for source in gemm adam col2im conv; do
        "$CLANG" "${FLAGS[@]}" "$@" -c "$HERE/$source.c" -o "$OUT/$name-$source.o"
    done
    "$WASM_LD" -shared --experimental-pic --export=pynn_sgemm --export=pynn_sgemm_work_floats \
        --export=pynn_adam --export=pynn_col2im $CONV_EXPORTS -o "$OUT/$name.so" "$OUT/$name"-*.o
    rm -f "$OUT/$name"-*.o
}
side_module kernels-simd128
side_module kernels-relaxed -mrelaxed-simd

# The threaded GEMM and convolutions: no C library, no static data; the stack pointer is exported so that each
# thread can give its instance a stack of its own (the code uses none today; nothing relies on it).
# The memory's maximum (1 GiB) must equal the one kernel-pool.js creates.
threads_module() {  # threads_module NAME [extra clang flags]
    local name=$1
    shift
    for source in gemm conv; do
        "$CLANG" --target=wasm32 -ffreestanding -nostdlib -O3 -msimd128 -matomics -mbulk-memory \
            -fno-builtin -fno-math-errno -ffp-contract=off -Wall -Wextra -Werror "$@" \
            -c "$HERE/$source.c" -o "$OUT/$name-$source.o"
    done
    "$WASM_LD" --no-entry --import-memory --shared-memory --max-memory=1073741824 \
        -z stack-size=65536 --export=pynn_sgemm --export=pynn_sgemm_work_floats $CONV_EXPORTS \
        --export=__heap_base --export=__stack_pointer -o "$OUT/$name.wasm" "$OUT/$name"-*.o
    rm -f "$OUT/$name"-*.o
}
threads_module threads-simd128
threads_module threads-relaxed -mrelaxed-simd
echo "== web/kernels: $("$CLANG" --version | head -1): $(cd "$OUT" && ls -- *.so *.wasm | tr '\n' ' ')"
