package io.memtile.physics.crossbar;

/** {@link ChunkOps} as plain loops: the fallback when the vector API is absent or switched off. */
final class ScalarChunkOps implements ChunkOps {
    @Override
    public void wordLine(double[] b, int base, int cols, double[] g, double[] wm, double[] wInv, double gw, double[] t) {
        for (int c = 0; c < cols; c++) {
            double gk = g[base + c];
            int o = (base + c) * M, to = c * M;
            for (int j = 0; j < M; j++) t[to + j] = gk * b[o + j];
        }
        for (int c = 1; c < cols; c++) {
            double mu = wm[base + c];
            int to = c * M, tp = to - M;
            for (int j = 0; j < M; j++) t[to + j] = t[to + j] - mu * t[tp + j];
        }
        double il = wInv[base + cols - 1];
        for (int j = 0; j < M; j++) t[(cols - 1) * M + j] = t[(cols - 1) * M + j] * il;
        for (int c = cols - 2; c >= 0; c--) {
            double ic = wInv[base + c];
            int to = c * M, tn = to + M;
            for (int j = 0; j < M; j++) t[to + j] = (t[to + j] + gw * t[tn + j]) * ic;
        }
    }

    @Override
    public void sRow(double[] p, double[] q, double[] t, int base, int cols, boolean up, boolean down, double[] dB, double[] g, double gw,
                     double[] pq) {
        int um = cols * M;
        for (int c = 0; c < cols; c++) {
            int k = base + c, o = k * M, to = c * M;
            double d = dB[k], gk = g[k];
            for (int j = 0; j < M; j++) {
                double v = d * p[o + j];
                if (up) v = v - gw * p[o - um + j];
                if (down) v = v - gw * p[o + um + j];
                v = v - gk * t[to + j];
                q[o + j] = v;
                if (pq != null) pq[j] = pq[j] + p[o + j] * v;
            }
        }
    }

    @Override
    public void updateXR(double[] x, double[] r, double[] p, double[] q, double[] alpha, double[] rr, int from, int count) {
        for (int k = from; k < from + count; k++) {
            int o = k * M;
            for (int j = 0; j < M; j++) {
                x[o + j] = x[o + j] + alpha[j] * p[o + j];
                double v = r[o + j] - alpha[j] * q[o + j];
                r[o + j] = v;
                rr[j] = rr[j] + v * v;
            }
        }
    }

    @Override
    public void precondForwardRow(double[] r, double[] z, double[] bm, int base, int cols) {
        int um = cols * M;
        for (int c = 0; c < cols; c++) {
            int k = base + c, o = k * M;
            double mu = bm[k];
            for (int j = 0; j < M; j++) z[o + j] = r[o + j] - mu * z[o - um + j];
        }
    }

    @Override
    public void precondBackwardRow(double[] r, double[] z, double[] bInv, int base, int cols, boolean last, double gw, double[] rz) {
        int um = cols * M;
        for (int c = 0; c < cols; c++) {
            int k = base + c, o = k * M;
            double ib = bInv[k];
            for (int j = 0; j < M; j++) {
                double v = last ? z[o + j] * ib : (z[o + j] + gw * z[o + um + j]) * ib;
                z[o + j] = v;
                rz[j] = rz[j] + r[o + j] * v;
            }
        }
    }

    @Override
    public void updateP(double[] z, double[] p, double[] beta, int from, int count) {
        for (int k = from; k < from + count; k++) {
            int o = k * M;
            for (int j = 0; j < M; j++) p[o + j] = z[o + j] + beta[j] * p[o + j];
        }
    }
}
