/* float32 GEMM for the playground: C = A @ B (or C += A @ B), WebAssembly SIMD.
 *
 * A (M x K) and B (K x N) are read through element strides, so transposed and
 * non-contiguous numpy views need no copy; C (M x N) is row-major with row stride ldc.
 * Blocking as in GotoBLAS, with one difference: A is not packed (its MR rows are read in
 * place, they stay in L1 across a block of B), only B is packed, KC x NC at a time, into
 * NR-wide panels. `work` is scratch memory supplied by the caller (pynn_sgemm_work_floats()
 * floats); the kernel itself uses no static data and no stack, so one compiled module can
 * run on several threads over one shared memory.
 */
typedef float v4 __attribute__((vector_size(16)));
/* Unaligned 4-float loads and stores (numpy's data is only 4-byte aligned). */
typedef float v4u __attribute__((vector_size(16), aligned(4), may_alias));
#define LOAD(p) (*(const v4u *)(p))
#define STORE(p, v) (*(v4u *)(p) = (v))
#define SPLAT(x) ((v4){(x), (x), (x), (x)})

#ifndef MR
#define MR 4
#endif
#ifndef NV
#define NV 2
#endif
#define NR (4 * NV)
#ifndef KC
#define KC 256
#endif
#ifndef NC
#define NC 512
#endif

#ifdef __wasm_relaxed_simd__ /* fused where the machine has FMA: one rounding instead of two */
#define MADD(a, b, c) __builtin_wasm_relaxed_madd_f32x4(a, b, c)
#else
#define MADD(a, b, c) ((c) + (a) * (b))
#endif

typedef struct { float v[MR * NR]; } tile_t;

int pynn_sgemm_work_floats(void) { return KC * NC + MR * KC + MR * NR; }

/* Packs B[k0:k0+kc, j0:j0+nc] into NR-wide panels, each kc x NR row-major, zero-padded. */
static void pack_b(int kc, int nc, const float *b, int rsb, int csb, float *bp) {
    for (int j = 0; j < nc; j += NR) {
        int w = nc - j < NR ? nc - j : NR;
        const float *col = b + j * csb;
        if (w == NR && csb == 1) {
            for (int k = 0; k < kc; k++) {
                const float *row = col + k * rsb;
                for (int v = 0; v < NV; v++)
                    STORE(bp + 4 * v, LOAD(row + 4 * v));
                bp += NR;
            }
        } else {
            for (int k = 0; k < kc; k++) {
                const float *row = col + k * rsb;
                int jj = 0;
                for (; jj < w; jj++) bp[jj] = row[jj * csb];
                for (; jj < NR; jj++) bp[jj] = 0.0f;
                bp += NR;
            }
        }
    }
}

/* acc = A[0:MR, 0:kc] @ panel; then C (= or +=) acc, only the first mr x nr of it. */
static inline void micro(int kc, const float *a, int rsa, int csa, const float *bp,
                         float *c, int ldc, int mr, int nr, int add, tile_t *tile) {
    v4 acc[MR][NV];
    for (int i = 0; i < MR; i++)
        for (int v = 0; v < NV; v++) acc[i][v] = SPLAT(0.0f);
    const float *ar[MR];
    for (int i = 0; i < MR; i++) ar[i] = a + i * rsa;
    for (int k = 0; k < kc; k++) {
        v4 b[NV];
        for (int v = 0; v < NV; v++) b[v] = LOAD(bp + 4 * v);
        bp += NR;
        for (int i = 0; i < MR; i++) {
            v4 x = SPLAT(*ar[i]);
            ar[i] += csa;
            for (int v = 0; v < NV; v++) acc[i][v] = MADD(x, b[v], acc[i][v]);
        }
    }
    if (mr == MR && nr == NR) {
        for (int i = 0; i < MR; i++)
            for (int v = 0; v < NV; v++) {
                float *p = c + i * ldc + 4 * v;
                STORE(p, add ? LOAD(p) + acc[i][v] : acc[i][v]);
            }
        return;
    }
    for (int i = 0; i < MR; i++)
        for (int v = 0; v < NV; v++) STORE(tile->v + i * NR + 4 * v, acc[i][v]);
    for (int i = 0; i < mr; i++)
        for (int j = 0; j < nr; j++) {
            float s = tile->v[i * NR + j];
            c[i * ldc + j] = add ? c[i * ldc + j] + s : s;
        }
}

void pynn_sgemm(int m, int n, int k, const float *a, int rsa, int csa, const float *b, int rsb,
                int csb, float *c, int ldc, int accumulate, float *work) {
    float *bp = work, *apad = work + KC * NC;
    tile_t *tile = (tile_t *)(apad + MR * KC);
    if (k == 0) {
        if (!accumulate)
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++) c[i * ldc + j] = 0.0f;
        return;
    }
    for (int j0 = 0; j0 < n; j0 += NC) {
        int nc = n - j0 < NC ? n - j0 : NC;
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = k - p0 < KC ? k - p0 : KC;
            int add = accumulate || p0 > 0;
            pack_b(kc, nc, b + p0 * rsb + j0 * csb, rsb, csb, bp);
            for (int i0 = 0; i0 < m; i0 += MR) {
                int mr = m - i0 < MR ? m - i0 : MR;
                const float *ai = a + i0 * rsa + p0 * csa;
                int ra = rsa, ca = csa;
                if (mr < MR) { /* the last rows, zero-padded to MR rows of kc */
                    for (int i = 0; i < MR; i++)
                        for (int p = 0; p < kc; p++)
                            apad[i * kc + p] = i < mr ? ai[i * rsa + p * csa] : 0.0f;
                    ai = apad, ra = kc, ca = 1;
                }
                for (int j = 0; j < nc; j += NR)
                    micro(kc, ai, ra, ca, bp + j * kc, c + i0 * ldc + j0 + j, ldc, mr,
                          nc - j < NR ? nc - j : NR, add, tile);
            }
        }
    }
}
