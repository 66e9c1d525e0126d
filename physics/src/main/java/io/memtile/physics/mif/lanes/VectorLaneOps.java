package io.memtile.physics.mif.lanes;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link LaneOps} on the JDK Vector API: one vector = one row across a group of lanes. */
final class VectorLaneOps extends LaneOps {
    /** A static final constant, so that C2 can intrinsify (see VectorExpLaneKernel.SP). */
    private static final VectorSpecies<Double> sp = DoubleVector.SPECIES_PREFERRED;
    private static final VectorLaneOps INSTANCE = new VectorLaneOps();

    private VectorLaneOps() {}

    static VectorLaneOps preferred() { return INSTANCE; }

    @Override
    public int vectorLanes() { return sp.length(); }

    @Override
    public void gemv(double[][] w, int n, int m, double[] x, int xOff, int lanes, double c, double[] out, int outOff) {
        final int vl = sp.length();
        for (int lb = 0; lb < lanes; lb += vl) {
            int j = 0;
            // four rows at a time: four independent FMA chains hide the FMA latency
            for (; j + 3 < n; j += 4) {
                double[] r0 = w[j], r1 = w[j + 1], r2 = w[j + 2], r3 = w[j + 3];
                DoubleVector a0 = DoubleVector.zero(sp), a1 = a0, a2 = a0, a3 = a0;
                for (int i = 0; i < m; i++) {
                    DoubleVector xi = DoubleVector.fromArray(sp, x, xOff + i * lanes + lb);
                    a0 = DoubleVector.broadcast(sp, r0[i]).fma(xi, a0);
                    a1 = DoubleVector.broadcast(sp, r1[i]).fma(xi, a1);
                    a2 = DoubleVector.broadcast(sp, r2[i]).fma(xi, a2);
                    a3 = DoubleVector.broadcast(sp, r3[i]).fma(xi, a3);
                }
                a0.mul(c).intoArray(out, outOff + j * lanes + lb);
                a1.mul(c).intoArray(out, outOff + (j + 1) * lanes + lb);
                a2.mul(c).intoArray(out, outOff + (j + 2) * lanes + lb);
                a3.mul(c).intoArray(out, outOff + (j + 3) * lanes + lb);
            }
            for (; j < n; j++) {
                double[] r0 = w[j];
                DoubleVector a0 = DoubleVector.zero(sp);
                for (int i = 0; i < m; i++) a0 = DoubleVector.broadcast(sp, r0[i]).fma(DoubleVector.fromArray(sp, x, xOff + i * lanes + lb), a0);
                a0.mul(c).intoArray(out, outOff + j * lanes + lb);
            }
        }
    }

    @Override
    public void gemvBackward(double[][] w, int n, int m, double[] g, double[] x, int xOff, int lanes,
                             double[][] gW, double[] gx) {
        final int vl = sp.length();
        for (int j = 0; j < n; j++) {
            double[] row = w[j], grow = gW[j];
            for (int lb = 0; lb < lanes; lb += vl) {
                DoubleVector gj = DoubleVector.fromArray(sp, g, j * lanes + lb);
                for (int i = 0; i < m; i++) {
                    int xb = xOff + i * lanes + lb, gb = i * lanes + lb;
                    gj.fma(DoubleVector.fromArray(sp, x, xb), DoubleVector.fromArray(sp, grow, gb)).intoArray(grow, gb);
                    gj.fma(DoubleVector.broadcast(sp, row[i]), DoubleVector.fromArray(sp, gx, gb)).intoArray(gx, gb);
                }
            }
        }
    }

    @Override
    public void softmax(int classes, int lanes, double[] v, int vOff, double unit, double[] sm, int smOff,
                        double[] lsm, double[] lse) {
        final int vl = sp.length();
        for (int lb = 0; lb < lanes; lb += vl) {
            DoubleVector zMax = DoubleVector.broadcast(sp, Double.NEGATIVE_INFINITY);
            for (int k = 0; k < classes; k++) zMax = zMax.max(DoubleVector.fromArray(sp, v, vOff + k * lanes + lb).div(unit));
            DoubleVector se = DoubleVector.zero(sp);
            for (int k = 0; k < classes; k++) {
                DoubleVector e = VectorExpLaneKernel.exp(DoubleVector.fromArray(sp, v, vOff + k * lanes + lb).div(unit).sub(zMax));
                e.intoArray(sm, smOff + k * lanes + lb);
                se = se.add(e);
            }
            for (int b = 0; b < vl; b++) lse[lb + b] = zMax.lane(b) + Math.log(se.lane(b));
            DoubleVector l = DoubleVector.fromArray(sp, lse, lb);
            for (int k = 0; k < classes; k++) {
                int o = k * lanes + lb;
                DoubleVector.fromArray(sp, sm, smOff + o).div(se).intoArray(sm, smOff + o);
                DoubleVector.fromArray(sp, v, vOff + o).div(unit).sub(l).add(DoubleVector.fromArray(sp, lsm, o)).intoArray(lsm, o);
            }
        }
    }
}
