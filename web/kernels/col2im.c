/* col2im for the playground: the input gradient of an im2col convolution, scattered back.
 *
 *   dxp (N, Hp, Wp, C), zeroed here, then for every kernel tap (i, j) in order:
 *   dxp[n, y*sh + i*dh, x*sw + j*dw, :] += cols[n, y, x, i, j, :]
 *
 * cols is (N*OH*OW, KH*KW*C), row-major.  The taps are added in the same order as pynn's
 * numpy code (pynn/ops/conv.py, _conv_input_grad: one strided += per tap), so the result is
 * bit for bit the same; it only skips numpy's per-tap passes over strided views.
 */
void pynn_col2im(int n, int oh, int ow, int kh, int kw, int c, int sh, int sw, int dh, int dw,
                 int hp, int wp, const float *restrict cols, float *restrict dxp) {
    long total = (long)n * hp * wp * c;
    for (long t = 0; t < total; t++) dxp[t] = 0.0f;
    long row = (long)kh * kw * c;
    for (int i = 0; i < kh; i++)
        for (int j = 0; j < kw; j++)
            for (int b = 0; b < n; b++)
                for (int y = 0; y < oh; y++) {
                    float *out = dxp + (((long)b * hp + y * sh + i * dh) * wp + j * dw) * c;
                    const float *in = cols + ((long)b * oh + y) * ow * row + (i * kw + j) * c;
                    for (int x = 0; x < ow; x++, out += (long)sw * c, in += row)
                        for (int k = 0; k < c; k++) out[k] += in[k];
                }
}
