/* 2-D convolution for the playground, computed from the layer's INPUT (implicit GEMM).
 *
 * x (N, H, W, C) and the kernel w (KH, KW, C, F), both float32 and C-contiguous, output
 * y (N*OH*OW, F). Instead of one im2col matrix of the whole batch (KH*KW times the input),
 * each call gathers RC output rows' patches at a time into `scratch` and multiplies them with
 * pynn_sgemm (gemm.c), so the rows of one call can be any block: the kernel threads
 * (web/src/worker/kernel-pool.js) each take a block, after only the input (not its im2col
 * matrix) was copied into their shared memory.
 *
 * The results do not depend on how the work is split (so 1 thread and N threads agree bit
 * for bit):
 *   forward       each output row's products are those of pynn_sgemm on the whole im2col
 *                 matrix, bit for bit (its k blocking does not depend on the rows);
 *   filter grad   dw = patches^T @ dy is summed in SLICES fixed row slices, each into its own
 *                 (K x F) buffer; the caller adds the slices in order (pynn/ops/conv_kernels.py);
 *   input grad    by whole images: each image's patch gradients dy @ w^T are scattered into
 *                 its own dx, chunk by chunk, in the same order whoever computes it.
 *
 * A Conv2D layer's bias and relu are applied to each block of output rows while it is in the
 * cache (`bias` null: none; `relu`: max(y, 0) as numpy's np.maximum, NaN kept), and
 * pynn_bias_relu_grad gives the backward pass their part in one pass over dy.
 *
 * g: the geometry, 15 ints: N H W C KH KW SH SW DH DW TOP LEFT OH OW F (TOP/LEFT: the
 * padding before the first row/column; the padding after needs no number).
 */
void pynn_sgemm(int m, int n, int k, const float *a, int rsa, int csa, const float *b, int rsb,
                int csb, float *c, int ldc, int accumulate, float *work);

#define RC 256   /* output rows gathered at a time: a multiple of gemm.c's KC and MR */
#define SLICES 4 /* the filter gradient's fixed partial sums */

enum { N_, H_, W_, C_, KH_, KW_, SH_, SW_, DH_, DW_, TOP_, LEFT_, OH_, OW_, F_ };

/* Scratch floats each caller (thread) supplies, besides pynn_sgemm's work. */
int pynn_conv_scratch_floats(int k, int f) { return RC * k + f * k; }
int pynn_conv_slices(void) { return SLICES; }

/* The patches of output rows [r, r + rows) into dst (rows x KH*KW*C), zeros outside x. */
static void gather(const int *g, const float *x, long r, int rows, float *dst) {
    int h = g[H_], w = g[W_], c = g[C_], kh = g[KH_], kw = g[KW_], ow = g[OW_];
    long plane = (long)g[OH_] * ow;
    for (int q = 0; q < rows; q++, r++) {
        long n = r / plane, rest = r % plane;
        int oy = (int)(rest / ow), ox = (int)(rest % ow);
        for (int i = 0; i < kh; i++) {
            int iy = oy * g[SH_] + i * g[DH_] - g[TOP_];
            for (int j = 0; j < kw; j++, dst += c) {
                int ix = ox * g[SW_] + j * g[DW_] - g[LEFT_];
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                    for (int ch = 0; ch < c; ch++) dst[ch] = 0.0f;
                } else {
                    const float *src = x + ((n * h + iy) * w + ix) * c;
                    for (int ch = 0; ch < c; ch++) dst[ch] = src[ch];
                }
            }
        }
    }
}

/* y[r0:r1] = patches[r0:r1] @ w (+ bias, then relu) */
void pynn_conv_forward(const int *g, const float *x, const float *w, float *y, int r0, int r1,
                       float *scratch, float *work, const float *bias, int relu) {
    int k = g[KH_] * g[KW_] * g[C_], f = g[F_];
    for (long r = r0; r < r1; r += RC) {
        int rows = r1 - r < RC ? (int)(r1 - r) : RC;
        gather(g, x, r, rows, scratch);
        float *out = y + r * f;
        pynn_sgemm(rows, f, k, scratch, k, 1, w, f, 1, out, f, 0, work);
        if (bias)
            for (int q = 0; q < rows; q++, out += f)
                for (int j = 0; j < f; j++) {
                    float v = out[j] + bias[j];
                    out[j] = relu && v < 0.0f ? 0.0f : v;
                }
        else if (relu)
            for (long t = 0; t < (long)rows * f; t++) out[t] = out[t] < 0.0f ? 0.0f : out[t];
    }
}

/* The gradient through a Conv2D layer's relu and bias: out = dy * (y > 0) (relu; else dy,
 * copied), db[j] = the sum of out[:, j] over the rows in order (rows x f, row-major). */
void pynn_bias_relu_grad(int rows, int f, const float *dy, const float *y, int relu, float *out,
                         float *db) {
    for (int j = 0; j < f; j++) db[j] = 0.0f;
    for (long r = 0; r < rows; r++, dy += f, y += f, out += f)
        for (int j = 0; j < f; j++) {
            float v = relu ? dy[j] * (float)(y[j] > 0.0f) : dy[j];
            out[j] = v;
            db[j] += v;
        }
}

/* dw[s] = patches[rows of slice s]^T @ dy[same rows], for the slices [s0, s1). */
static void filter_grad(const int *g, const float *x, const float *dy, float *dw, int s0,
                        int s1, float *scratch, float *work) {
    int k = g[KH_] * g[KW_] * g[C_], f = g[F_];
    long total = (long)g[N_] * g[OH_] * g[OW_];
    for (int s = s0; s < s1; s++) {
        long lo = total * s / SLICES, hi = total * (s + 1) / SLICES;
        float *out = dw + (long)s * k * f;
        if (lo == hi) /* k = 0: pynn_sgemm zeroes its C */
            pynn_sgemm(k, f, 0, scratch, 1, k, dy, f, 1, out, f, 0, work);
        for (long r = lo; r < hi; r += RC) {
            int rows = hi - r < RC ? (int)(hi - r) : RC;
            gather(g, x, r, rows, scratch);
            pynn_sgemm(k, f, rows, scratch, 1, k, dy + r * f, f, 1, out, f, r > lo, work);
        }
    }
}

/* dx[n0:n1] = col2im(dy[those images] @ w^T), dx unpadded (N, H, W, C). */
static void input_grad(const int *g, const float *dy, const float *w, float *dx, int n0, int n1,
                       float *scratch, float *work) {
    int h = g[H_], wd = g[W_], c = g[C_], kh = g[KH_], kw = g[KW_], ow = g[OW_], f = g[F_];
    int k = kh * kw * c;
    long plane = (long)g[OH_] * ow, image = (long)h * wd * c;
    float *wt = scratch + (long)RC * k; /* w^T (F x K), so that pynn_sgemm packs it fast */
    for (int kk = 0; kk < k; kk++)
        for (int q = 0; q < f; q++) wt[(long)q * k + kk] = w[(long)kk * f + q];
    for (long t = n0 * image; t < n1 * image; t++) dx[t] = 0.0f;
    for (long n = n0; n < n1; n++) {
        float *out = dx + n * image;
        for (long p = 0; p < plane; p += RC) {
            int rows = plane - p < RC ? (int)(plane - p) : RC;
            pynn_sgemm(rows, k, f, dy + (n * plane + p) * f, f, 1, wt, k, 1, scratch, k, 0, work);
            const float *col = scratch;
            for (int q = 0; q < rows; q++) {
                int oy = (int)((p + q) / ow), ox = (int)((p + q) % ow);
                for (int i = 0; i < kh; i++) {
                    int iy = oy * g[SH_] + i * g[DH_] - g[TOP_];
                    for (int j = 0; j < kw; j++, col += c) {
                        int ix = ox * g[SW_] + j * g[DW_] - g[LEFT_];
                        if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                        float *to = out + ((long)iy * wd + ix) * c;
                        for (int ch = 0; ch < c; ch++) to[ch] += col[ch];
                    }
                }
            }
        }
    }
}

/* The backward pass's part of one caller: filter-gradient slices [s0, s1) into dw (SLICES
 * buffers of K x F; skipped when dw is null) and the input gradient of images [n0, n1) into
 * dx (skipped when dx is null). */
void pynn_conv_backward(const int *g, const float *x, const float *dy, const float *w, float *dw,
                        float *dx, int s0, int s1, int n0, int n1, float *scratch, float *work) {
    if (dw) filter_grad(g, x, dy, dw, s0, s1, scratch, work);
    if (dx) input_grad(g, dy, w, dx, n0, n1, scratch, work);
}
