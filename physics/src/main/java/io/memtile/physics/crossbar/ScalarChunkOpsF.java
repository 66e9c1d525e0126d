package io.memtile.physics.crossbar;

/** {@link ChunkOpsF} as plain loops: the fallback when the vector API is absent or switched off. */
final class ScalarChunkOpsF implements ChunkOpsF {
    private final float[] acc = new float[M];

    @Override
    public void updateP(float[] z, float[] p, float[] beta, int base, int cols, boolean first) {
        int from = base * M, to = (base + cols) * M;
        if (first) {
            System.arraycopy(z, from, p, from, to - from);
            return;
        }
        for (int o = from; o < to; o += M) {
            for (int j = 0; j < M; j++) p[o + j] = Math.fma(beta[j], p[o + j], z[o + j]);
        }
    }

    @Override
    public void wordLine(float[] p, int base, int cols, float[] g, float[] nwm, float[] wInv, float[] gwInv, float[] t) {
        for (int j = 0; j < M; j++) t[j] = p[base * M + j] * g[base];
        for (int c = 1; c < cols; c++) {
            int k = base + c, o = k * M, to = c * M;
            float gk = g[k], mu = nwm[k];
            for (int j = 0; j < M; j++) t[to + j] = Math.fma(mu, t[to - M + j], p[o + j] * gk);
        }
        int lc = cols - 1;
        for (int j = 0; j < M; j++) t[lc * M + j] = t[lc * M + j] * wInv[base + lc];
        for (int c = cols - 2; c >= 0; c--) {
            int k = base + c, to = c * M;
            float wi = wInv[k], gi = gwInv[k];
            for (int j = 0; j < M; j++) t[to + j] = Math.fma(gi, t[to + M + j], t[to + j] * wi);
        }
    }

    @Override
    public void sRow(float[] p, float[] q, float[] t, int base, int cols, boolean up, boolean down, float[] g, float[] gs, float gw,
                     double[] pq) {
        int um = cols * M;
        java.util.Arrays.fill(acc, 0f);
        for (int c = 0; c < cols; c++) {
            int k = base + c, o = k * M, to = c * M;
            float gk = g[k], sk = down ? 0f : gs[c];
            for (int j = 0; j < M; j++) {
                float pv = p[o + j];
                float v = (pv - t[to + j]) * gk;
                if (up) v = Math.fma(gw, pv - p[o - um + j], v);
                if (down) v = Math.fma(gw, pv - p[o + um + j], v);
                else v = Math.fma(sk, pv, v);
                q[o + j] = v;
                acc[j] = Math.fma(pv, v, acc[j]);
            }
        }
        for (int j = 0; j < M; j++) pq[j] += acc[j];
    }

    @Override
    public void updateRForward(float[] r, float[] w, float[] alpha, float[] nbm, int base, int cols, boolean first, double[] rr) {
        int um = cols * M;
        java.util.Arrays.fill(acc, 0f);
        for (int c = 0; c < cols; c++) {
            int k = base + c, o = k * M;
            float mu = nbm[k];
            for (int j = 0; j < M; j++) {
                float v = Math.fma(alpha[j], w[o + j], r[o + j]);
                r[o + j] = v;
                acc[j] = Math.fma(v, v, acc[j]);
                w[o + j] = first ? v : Math.fma(mu, w[o - um + j], v);
            }
        }
        for (int j = 0; j < M; j++) rr[j] += acc[j];
    }

    @Override
    public void backward(float[] r, float[] w, float[] bInv, float[] gbInv, int base, int cols, boolean last, double[] rz) {
        int um = cols * M;
        java.util.Arrays.fill(acc, 0f);
        for (int c = 0; c < cols; c++) {
            int k = base + c, o = k * M;
            float bi = bInv[k], gi = gbInv[k];
            for (int j = 0; j < M; j++) {
                float v = last ? w[o + j] * bi : Math.fma(gi, w[o + um + j], w[o + j] * bi);
                w[o + j] = v;
                acc[j] = Math.fma(r[o + j], v, acc[j]);
            }
        }
        for (int j = 0; j < M; j++) rz[j] += acc[j];
    }
}
