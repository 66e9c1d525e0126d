package io.memtile.physics.mif.lanes;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link FloatLaneOps} on the JDK Vector API: one vector = one row across a group of lanes. */
final class VectorFloatLaneOps extends FloatLaneOps {
    /** A static final constant, so that C2 can intrinsify (see VectorExpLaneKernel.SP). */
    private static final VectorSpecies<Float> sp = FloatVector.SPECIES_PREFERRED;
    /** Ints of the same shape (as many lanes as sp), for the labels. */
    private static final VectorSpecies<Integer> isp = IntVector.SPECIES_PREFERRED;
    private static final VectorFloatLaneOps INSTANCE = new VectorFloatLaneOps();

    private VectorFloatLaneOps() {}

    static VectorFloatLaneOps preferred() { return INSTANCE; }

    @Override
    public int vectorLanes() { return sp.length(); }

    @Override
    public void gemv(float[][] w, int n, int m, float[] x, int xOff, int lanes, float c, float[] out, int outOff) {
        final int vl = sp.length();
        for (int lb = 0; lb < lanes; lb += vl) {
            int j = 0;
            // four rows at a time: four independent FMA chains hide the FMA latency
            for (; j + 3 < n; j += 4) {
                float[] r0 = w[j], r1 = w[j + 1], r2 = w[j + 2], r3 = w[j + 3];
                FloatVector a0 = FloatVector.zero(sp), a1 = a0, a2 = a0, a3 = a0;
                for (int i = 0; i < m; i++) {
                    FloatVector xi = FloatVector.fromArray(sp, x, xOff + i * lanes + lb);
                    a0 = FloatVector.broadcast(sp, r0[i]).fma(xi, a0);
                    a1 = FloatVector.broadcast(sp, r1[i]).fma(xi, a1);
                    a2 = FloatVector.broadcast(sp, r2[i]).fma(xi, a2);
                    a3 = FloatVector.broadcast(sp, r3[i]).fma(xi, a3);
                }
                a0.mul(c).intoArray(out, outOff + j * lanes + lb);
                a1.mul(c).intoArray(out, outOff + (j + 1) * lanes + lb);
                a2.mul(c).intoArray(out, outOff + (j + 2) * lanes + lb);
                a3.mul(c).intoArray(out, outOff + (j + 3) * lanes + lb);
            }
            for (; j < n; j++) {
                float[] r0 = w[j];
                FloatVector a0 = FloatVector.zero(sp);
                for (int i = 0; i < m; i++) a0 = FloatVector.broadcast(sp, r0[i]).fma(FloatVector.fromArray(sp, x, xOff + i * lanes + lb), a0);
                a0.mul(c).intoArray(out, outOff + j * lanes + lb);
            }
        }
    }

    /**
     * Input-major: for each input i the gx accumulator stays in a register while the output rows j
     * pass in increasing order, so gx[i] receives the same FMAs in the same order as in the scalar
     * form (and each gW[j][i] one FMA), with a quarter of the memory traffic of the row-major loop.
     * Rows are taken eight at a time, their g vectors held in registers.
     */
    @Override
    public void gemvBackward(float[][] w, int n, int m, float[] g, float[] x, int xOff, int lanes,
                             float[][] gW, float[] gx) {
        final int vl = sp.length();
        for (int lb = 0; lb < lanes; lb += vl) {
            int j = 0;
            for (; j + 7 < n; j += 8) {
                FloatVector g0 = FloatVector.fromArray(sp, g, j * lanes + lb), g1 = FloatVector.fromArray(sp, g, (j + 1) * lanes + lb);
                FloatVector g2 = FloatVector.fromArray(sp, g, (j + 2) * lanes + lb), g3 = FloatVector.fromArray(sp, g, (j + 3) * lanes + lb);
                FloatVector g4 = FloatVector.fromArray(sp, g, (j + 4) * lanes + lb), g5 = FloatVector.fromArray(sp, g, (j + 5) * lanes + lb);
                FloatVector g6 = FloatVector.fromArray(sp, g, (j + 6) * lanes + lb), g7 = FloatVector.fromArray(sp, g, (j + 7) * lanes + lb);
                float[] w0 = w[j], w1 = w[j + 1], w2 = w[j + 2], w3 = w[j + 3], w4 = w[j + 4], w5 = w[j + 5], w6 = w[j + 6], w7 = w[j + 7];
                float[] h0 = gW[j], h1 = gW[j + 1], h2 = gW[j + 2], h3 = gW[j + 3], h4 = gW[j + 4], h5 = gW[j + 5], h6 = gW[j + 6], h7 = gW[j + 7];
                for (int i = 0; i < m; i++) {
                    int xb = xOff + i * lanes + lb, gb = i * lanes + lb;
                    FloatVector xi = FloatVector.fromArray(sp, x, xb);
                    g0.fma(xi, FloatVector.fromArray(sp, h0, gb)).intoArray(h0, gb);
                    g1.fma(xi, FloatVector.fromArray(sp, h1, gb)).intoArray(h1, gb);
                    g2.fma(xi, FloatVector.fromArray(sp, h2, gb)).intoArray(h2, gb);
                    g3.fma(xi, FloatVector.fromArray(sp, h3, gb)).intoArray(h3, gb);
                    g4.fma(xi, FloatVector.fromArray(sp, h4, gb)).intoArray(h4, gb);
                    g5.fma(xi, FloatVector.fromArray(sp, h5, gb)).intoArray(h5, gb);
                    g6.fma(xi, FloatVector.fromArray(sp, h6, gb)).intoArray(h6, gb);
                    g7.fma(xi, FloatVector.fromArray(sp, h7, gb)).intoArray(h7, gb);
                    FloatVector a = FloatVector.fromArray(sp, gx, gb);
                    a = g0.fma(FloatVector.broadcast(sp, w0[i]), a);
                    a = g1.fma(FloatVector.broadcast(sp, w1[i]), a);
                    a = g2.fma(FloatVector.broadcast(sp, w2[i]), a);
                    a = g3.fma(FloatVector.broadcast(sp, w3[i]), a);
                    a = g4.fma(FloatVector.broadcast(sp, w4[i]), a);
                    a = g5.fma(FloatVector.broadcast(sp, w5[i]), a);
                    a = g6.fma(FloatVector.broadcast(sp, w6[i]), a);
                    a = g7.fma(FloatVector.broadcast(sp, w7[i]), a);
                    a.intoArray(gx, gb);
                }
            }
            for (; j < n; j++) {
                FloatVector gj = FloatVector.fromArray(sp, g, j * lanes + lb);
                float[] row = w[j], grow = gW[j];
                for (int i = 0; i < m; i++) {
                    int xb = xOff + i * lanes + lb, gb = i * lanes + lb;
                    gj.fma(FloatVector.fromArray(sp, x, xb), FloatVector.fromArray(sp, grow, gb)).intoArray(grow, gb);
                    gj.fma(FloatVector.broadcast(sp, row[i]), FloatVector.fromArray(sp, gx, gb)).intoArray(gx, gb);
                }
            }
        }
    }

    @Override
    public void softmaxAdjoint(int classes, int lanes, float[] sm, int smOff, int[] labels, float[] scale, float unit, float[] gV) {
        final int vl = sp.length();
        final FloatVector one = FloatVector.broadcast(sp, 1f), zero = FloatVector.zero(sp);
        for (int lb = 0; lb < lanes; lb += vl) {
            IntVector lab = IntVector.fromArray(isp, labels, lb);
            FloatVector sc = FloatVector.fromArray(sp, scale, lb);
            for (int k = 0; k < classes; k++) {
                int o = k * lanes + lb;
                VectorMask<Float> hot = lab.compare(VectorOperators.EQ, k).cast(sp);
                FloatVector d = FloatVector.fromArray(sp, sm, smOff + o).sub(zero.blend(one, hot));
                FloatVector.fromArray(sp, gV, o).add(sc.mul(d).div(unit)).intoArray(gV, o);
            }
        }
    }

    @Override
    public void softmax(int classes, int lanes, float[] v, int vOff, float unit, float[] sm, int smOff,
                        float[] lsm, float[] lse) {
        final int vl = sp.length();
        for (int lb = 0; lb < lanes; lb += vl) {
            FloatVector zMax = FloatVector.broadcast(sp, Float.NEGATIVE_INFINITY);
            for (int k = 0; k < classes; k++) zMax = zMax.max(FloatVector.fromArray(sp, v, vOff + k * lanes + lb).div(unit));
            FloatVector se = FloatVector.zero(sp);
            for (int k = 0; k < classes; k++) {
                FloatVector e = VectorExpLaneKernelF.exp(FloatVector.fromArray(sp, v, vOff + k * lanes + lb).div(unit).sub(zMax));
                e.intoArray(sm, smOff + k * lanes + lb);
                se = se.add(e);
            }
            for (int b = 0; b < vl; b++) lse[lb + b] = zMax.lane(b) + (float) Math.log(se.lane(b));
            FloatVector l = FloatVector.fromArray(sp, lse, lb);
            for (int k = 0; k < classes; k++) {
                int o = k * lanes + lb;
                FloatVector.fromArray(sp, sm, smOff + o).div(se).intoArray(sm, smOff + o);
                FloatVector.fromArray(sp, v, vOff + o).div(unit).sub(l).add(FloatVector.fromArray(sp, lsm, o)).intoArray(lsm, o);
            }
        }
    }

    @Override
    public void sigmoidRise(int n, float[] v, float fire, float invWidth, float[] prev, float[] s, float[] count) {
        final int vl = sp.length();
        final FloatVector one = FloatVector.broadcast(sp, 1f);
        int k = 0;
        for (; k + vl <= n; k += vl) {
            FloatVector z = FloatVector.fromArray(sp, v, k).sub(fire).mul(invWidth).neg();
            FloatVector x = one.div(one.add(VectorExpLaneKernelF.exp(z)));
            x.intoArray(s, k);
            FloatVector d = x.sub(FloatVector.fromArray(sp, prev, k)).max(0f);
            FloatVector.fromArray(sp, count, k).add(d).intoArray(count, k);
        }
        if (k < n) super.sigmoidRiseTail(k, n, v, fire, invWidth, prev, s, count);
    }

    @Override
    public void sigmoidAdjoint(int n, int lanes, float[] prev, float[] s, float[] next, float[] c, float invWidth, float[] gV) {
        final int vl = sp.length();
        if (lanes % vl != 0) {
            super.sigmoidAdjoint(n, lanes, prev, s, next, c, invWidth, gV);
            return;
        }
        final FloatVector one = FloatVector.broadcast(sp, 1f), zero = FloatVector.zero(sp);
        for (int lb = 0; lb < lanes; lb += vl) {
            FloatVector cb = FloatVector.fromArray(sp, c, lb);
            for (int j = 0; j < n; j++) {
                int k = j * lanes + lb;
                FloatVector x = FloatVector.fromArray(sp, s, k);
                VectorMask<Float> up = x.sub(FloatVector.fromArray(sp, prev, k)).compare(VectorOperators.GT, 0f);
                FloatVector h = zero.blend(one, up);
                if (next != null) {
                    VectorMask<Float> down = FloatVector.fromArray(sp, next, k).sub(x).compare(VectorOperators.GT, 0f);
                    h = h.sub(zero.blend(one, down));
                }
                FloatVector g = cb.mul(h).mul(x).mul(one.sub(x)).mul(invWidth);
                FloatVector.fromArray(sp, gV, k).add(g).intoArray(gV, k);
            }
        }
    }
}
