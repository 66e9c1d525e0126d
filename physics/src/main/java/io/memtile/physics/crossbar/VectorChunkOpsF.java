package io.memtile.physics.crossbar;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ChunkOpsF} on the JDK vector API: each node's M = 16 lanes are one 512-bit vector (or two 256-bit, four
 * 128-bit ones). The lanewise operations, fused multiply-adds included, are those of {@link ScalarChunkOpsF} in the
 * same order, so results are bit-identical.
 */
final class VectorChunkOpsF implements ChunkOpsF {
    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED.length() >= 16 && M >= 16 ? FloatVector.SPECIES_512
            : FloatVector.SPECIES_PREFERRED.length() >= 8 && M >= 8 ? FloatVector.SPECIES_256 : FloatVector.SPECIES_128;
    private static final int VL = SP.length();
    private final float[] acc = new float[M];

    @Override
    public void updateP(float[] z, float[] p, float[] beta, int base, int cols, boolean first) {
        int from = base * M, to = (base + cols) * M;
        if (first) {
            System.arraycopy(z, from, p, from, to - from);
            return;
        }
        for (int h = 0; h < M; h += VL) {
            FloatVector be = FloatVector.fromArray(SP, beta, h);
            for (int o = from + h; o < to; o += M) {
                be.fma(FloatVector.fromArray(SP, p, o), FloatVector.fromArray(SP, z, o)).intoArray(p, o);
            }
        }
    }

    @Override
    public void wordLine(float[] p, int base, int cols, float[] g, float[] nwm, float[] wInv, float[] gwInv, float[] t) {
        for (int h = 0; h < M; h += VL) {
            FloatVector prev = FloatVector.fromArray(SP, p, base * M + h).mul(g[base]);
            prev.intoArray(t, h);
            for (int c = 1; c < cols; c++) {
                int k = base + c;
                FloatVector v = FloatVector.broadcast(SP, nwm[k]).fma(prev, FloatVector.fromArray(SP, p, k * M + h).mul(g[k]));
                v.intoArray(t, c * M + h);
                prev = v;
            }
            int lc = cols - 1;
            FloatVector next = prev.mul(wInv[base + lc]);
            next.intoArray(t, lc * M + h);
            for (int c = cols - 2; c >= 0; c--) {
                int k = base + c;
                FloatVector v = FloatVector.broadcast(SP, gwInv[k]).fma(next, FloatVector.fromArray(SP, t, c * M + h).mul(wInv[k]));
                v.intoArray(t, c * M + h);
                next = v;
            }
        }
    }

    @Override
    public void sRow(float[] p, float[] q, float[] t, int base, int cols, boolean up, boolean down, float[] g, float[] gs, float gw,
                     double[] pq) {
        int um = cols * M;
        FloatVector gwv = FloatVector.broadcast(SP, gw);
        for (int h = 0; h < M; h += VL) {
            FloatVector a = FloatVector.zero(SP);
            if (up && down) {
                for (int c = 0; c < cols; c++) {
                    int k = base + c, o = k * M + h;
                    FloatVector pv = FloatVector.fromArray(SP, p, o);
                    FloatVector v = pv.sub(FloatVector.fromArray(SP, t, c * M + h)).mul(g[k]);
                    v = gwv.fma(pv.sub(FloatVector.fromArray(SP, p, o - um)), v);
                    v = gwv.fma(pv.sub(FloatVector.fromArray(SP, p, o + um)), v);
                    v.intoArray(q, o);
                    a = pv.fma(v, a);
                }
            } else {
                for (int c = 0; c < cols; c++) {
                    int k = base + c, o = k * M + h;
                    FloatVector pv = FloatVector.fromArray(SP, p, o);
                    FloatVector v = pv.sub(FloatVector.fromArray(SP, t, c * M + h)).mul(g[k]);
                    if (up) v = gwv.fma(pv.sub(FloatVector.fromArray(SP, p, o - um)), v);
                    if (down) v = gwv.fma(pv.sub(FloatVector.fromArray(SP, p, o + um)), v);
                    else v = FloatVector.broadcast(SP, gs[c]).fma(pv, v);
                    v.intoArray(q, o);
                    a = pv.fma(v, a);
                }
            }
            a.intoArray(acc, h);
        }
        for (int j = 0; j < M; j++) pq[j] += acc[j];
    }

    @Override
    public void updateRForward(float[] r, float[] w, float[] alpha, float[] nbm, int base, int cols, boolean first, double[] rr) {
        int um = cols * M;
        for (int h = 0; h < M; h += VL) {
            FloatVector al = FloatVector.fromArray(SP, alpha, h), a = FloatVector.zero(SP);
            for (int c = 0; c < cols; c++) {
                int k = base + c, o = k * M + h;
                FloatVector v = al.fma(FloatVector.fromArray(SP, w, o), FloatVector.fromArray(SP, r, o));
                v.intoArray(r, o);
                a = v.fma(v, a);
                (first ? v : FloatVector.broadcast(SP, nbm[k]).fma(FloatVector.fromArray(SP, w, o - um), v)).intoArray(w, o);
            }
            a.intoArray(acc, h);
        }
        for (int j = 0; j < M; j++) rr[j] += acc[j];
    }

    @Override
    public void backward(float[] r, float[] w, float[] bInv, float[] gbInv, int base, int cols, boolean last, double[] rz) {
        int um = cols * M;
        for (int h = 0; h < M; h += VL) {
            FloatVector a = FloatVector.zero(SP);
            for (int c = 0; c < cols; c++) {
                int k = base + c, o = k * M + h;
                FloatVector y = FloatVector.fromArray(SP, w, o).mul(bInv[k]);
                FloatVector v = last ? y : FloatVector.broadcast(SP, gbInv[k]).fma(FloatVector.fromArray(SP, w, o + um), y);
                v.intoArray(w, o);
                a = FloatVector.fromArray(SP, r, o).fma(v, a);
            }
            a.intoArray(acc, h);
        }
        for (int j = 0; j < M; j++) rz[j] += acc[j];
    }
}
