package io.memtile.physics.crossbar;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ChunkOps} on the JDK vector API: each node's M lanes are one 512-bit vector (or two 256-bit ones).
 * Multiplies and adds are separate lanewise operations in the scalar order, so results are bit-identical
 * to {@link ScalarChunkOps}.
 */
final class VectorChunkOps implements ChunkOps {
    private static final VectorSpecies<Double> SP = DoubleVector.SPECIES_PREFERRED.length() >= M ? DoubleVector.SPECIES_512
            : DoubleVector.SPECIES_256;
    private static final int VL = SP.length();

    static int lanes() { return DoubleVector.SPECIES_PREFERRED.length(); }

    @Override
    public void wordLine(double[] b, int base, int cols, double[] g, double[] wm, double[] wInv, double gw, double[] t) {
        for (int h = 0; h < M; h += VL) {
            // forward: t_c = g_c b_c - mu_c t_{c-1}, kept in a register along the line
            DoubleVector prev = DoubleVector.fromArray(SP, b, base * M + h).mul(g[base]);
            prev.intoArray(t, h);
            for (int c = 1; c < cols; c++) {
                DoubleVector v = DoubleVector.fromArray(SP, b, (base + c) * M + h).mul(g[base + c]);
                v = v.sub(prev.mul(wm[base + c]));
                v.intoArray(t, c * M + h);
                prev = v;
            }
            DoubleVector next = prev.mul(wInv[base + cols - 1]);
            next.intoArray(t, (cols - 1) * M + h);
            for (int c = cols - 2; c >= 0; c--) {
                DoubleVector v = DoubleVector.fromArray(SP, t, c * M + h).add(next.mul(gw)).mul(wInv[base + c]);
                v.intoArray(t, c * M + h);
                next = v;
            }
        }
    }

    @Override
    public void sRow(double[] p, double[] q, double[] t, int base, int cols, boolean up, boolean down, double[] dB, double[] g, double gw,
                     double[] pq) {
        int um = cols * M;
        double[] acc = pq != null ? pq : new double[M];
        for (int h = 0; h < M; h += VL) {
            DoubleVector a = DoubleVector.fromArray(SP, acc, h);
            if (up && down) {
                for (int c = 0; c < cols; c++) {
                    int k = base + c, o = k * M + h;
                    DoubleVector pv = DoubleVector.fromArray(SP, p, o);
                    DoubleVector v = pv.mul(dB[k]).sub(DoubleVector.fromArray(SP, p, o - um).mul(gw))
                            .sub(DoubleVector.fromArray(SP, p, o + um).mul(gw)).sub(DoubleVector.fromArray(SP, t, c * M + h).mul(g[k]));
                    v.intoArray(q, o);
                    a = a.add(pv.mul(v));
                }
            } else {
                for (int c = 0; c < cols; c++) {
                    int k = base + c, o = k * M + h;
                    DoubleVector pv = DoubleVector.fromArray(SP, p, o);
                    DoubleVector v = pv.mul(dB[k]);
                    if (up) v = v.sub(DoubleVector.fromArray(SP, p, o - um).mul(gw));
                    if (down) v = v.sub(DoubleVector.fromArray(SP, p, o + um).mul(gw));
                    v = v.sub(DoubleVector.fromArray(SP, t, c * M + h).mul(g[k]));
                    v.intoArray(q, o);
                    a = a.add(pv.mul(v));
                }
            }
            a.intoArray(acc, h);
        }
    }

    @Override
    public void updateXR(double[] x, double[] r, double[] p, double[] q, double[] alpha, double[] rr, int from, int count) {
        for (int h = 0; h < M; h += VL) {
            DoubleVector al = DoubleVector.fromArray(SP, alpha, h), acc = DoubleVector.fromArray(SP, rr, h);
            for (int k = from; k < from + count; k++) {
                int o = k * M + h;
                DoubleVector.fromArray(SP, x, o).add(al.mul(DoubleVector.fromArray(SP, p, o))).intoArray(x, o);
                DoubleVector v = DoubleVector.fromArray(SP, r, o).sub(al.mul(DoubleVector.fromArray(SP, q, o)));
                v.intoArray(r, o);
                acc = acc.add(v.mul(v));
            }
            acc.intoArray(rr, h);
        }
    }

    @Override
    public void precondForwardRow(double[] r, double[] z, double[] bm, int base, int cols) {
        int um = cols * M;
        for (int h = 0; h < M; h += VL) {
            for (int c = 0; c < cols; c++) {
                int k = base + c, o = k * M + h;
                DoubleVector.fromArray(SP, r, o).sub(DoubleVector.fromArray(SP, z, o - um).mul(bm[k])).intoArray(z, o);
            }
        }
    }

    @Override
    public void precondBackwardRow(double[] r, double[] z, double[] bInv, int base, int cols, boolean last, double gw, double[] rz) {
        int um = cols * M;
        for (int h = 0; h < M; h += VL) {
            DoubleVector acc = DoubleVector.fromArray(SP, rz, h);
            if (last) {
                for (int c = 0; c < cols; c++) {
                    int k = base + c, o = k * M + h;
                    DoubleVector v = DoubleVector.fromArray(SP, z, o).mul(bInv[k]);
                    v.intoArray(z, o);
                    acc = acc.add(DoubleVector.fromArray(SP, r, o).mul(v));
                }
            } else {
                for (int c = 0; c < cols; c++) {
                    int k = base + c, o = k * M + h;
                    DoubleVector v = DoubleVector.fromArray(SP, z, o).add(DoubleVector.fromArray(SP, z, o + um).mul(gw)).mul(bInv[k]);
                    v.intoArray(z, o);
                    acc = acc.add(DoubleVector.fromArray(SP, r, o).mul(v));
                }
            }
            acc.intoArray(rz, h);
        }
    }

    @Override
    public void updateP(double[] z, double[] p, double[] beta, int from, int count) {
        for (int h = 0; h < M; h += VL) {
            DoubleVector be = DoubleVector.fromArray(SP, beta, h);
            for (int k = from; k < from + count; k++) {
                int o = k * M + h;
                DoubleVector.fromArray(SP, z, o).add(be.mul(DoubleVector.fromArray(SP, p, o))).intoArray(p, o);
            }
        }
    }
}
