/* The Adam update of pynn's optimizer (pynn/keras/optimizers/adam.py) in one pass over the
 * weights, for the playground: numpy needs 12 passes (one per operation) over arrays that
 * are as large as the model.  The float32 operations and their order are exactly numpy's:
 *   m += (g - m) * (1 - beta_1);  v += (g * g - v) * (1 - beta_2);
 *   w -= (m * alpha) / (sqrt(v) + epsilon)
 * and build.sh compiles with -ffp-contract=off (no fused multiply-add), so the results are
 * bit for bit those of numpy (sqrt and division are correctly rounded in both).  Written as
 * a plain loop: clang vectorizes it with WebAssembly SIMD.
 */
void pynn_adam(int n, float *restrict w, float *restrict m, float *restrict v,
               const float *restrict g, float alpha, float one_minus_beta_1,
               float one_minus_beta_2, float epsilon) {
    for (int i = 0; i < n; i++) {
        float gi = g[i];
        float mi = m[i] + (gi - m[i]) * one_minus_beta_1;
        float vi = v[i] + (gi * gi - v[i]) * one_minus_beta_2;
        m[i] = mi;
        v[i] = vi;
        w[i] -= (mi * alpha) / (__builtin_sqrtf(vi) + epsilon);
    }
}
