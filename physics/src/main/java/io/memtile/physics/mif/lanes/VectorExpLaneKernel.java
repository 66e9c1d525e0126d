package io.memtile.physics.mif.lanes;

import io.memtile.core.target.NeuronParams;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ExpLaneKernel} on the JDK Vector API: the same operations in the same order on
 * {@code species.length()} elements at a time (8 doubles with AVX-512), the tail by the scalar
 * code, so results are bit-identical to the scalar kernel (LaneKernelTest). Only loaded when the
 * {@code jdk.incubator.vector} module is present (see {@link LaneKernels}).
 */
final class VectorExpLaneKernel extends ExpLaneKernel {
    private final VectorSpecies<Double> sp;

    VectorExpLaneKernel(NeuronParams p, double dt, VectorSpecies<Double> species) {
        super(p, dt);
        this.sp = species;
    }

    static VectorSpecies<Double> preferred() { return DoubleVector.SPECIES_PREFERRED; }

    @Override
    public String describe() { return "exponential, SIMD " + sp.length() + " x double (jdk.incubator.vector)"; }

    /** {@link ExpPoly#exp} lane-wise, operation for operation. */
    static DoubleVector exp(DoubleVector x) {
        x = x.max(ExpPoly.LO).min(ExpPoly.HI);
        DoubleVector shifted = x.mul(ExpPoly.LOG2E).add(ExpPoly.SHIFTER);
        DoubleVector n = shifted.sub(ExpPoly.SHIFTER);
        DoubleVector r = n.fma(x.broadcast(-ExpPoly.LN2_HI), x);
        r = n.fma(x.broadcast(-ExpPoly.LN2_LO), r);
        double[] c = ExpPoly.C;
        DoubleVector p = DoubleVector.broadcast(x.species(), c[0]);
        for (int k = 1; k < c.length; k++) p = p.fma(r, x.broadcast(c[k]));
        DoubleVector one = x.broadcast(1.0);
        p = p.fma(r, one);
        p = p.fma(r, one);
        DoubleVector scale = shifted.reinterpretAsLongs().add(1023L).lanewise(VectorOperators.LSHL, 52L).reinterpretAsDoubles();
        return p.mul(scale);
    }

    private static DoubleVector clampZ(DoubleVector u) { return u.max(-Z_CLAMP).min(Z_CLAMP); }

    @Override
    public void forward(int n, double[] v, double[] x1, double[] x2, double[] cur, double[] vo, double[] x1o, double[] x2o) {
        final VectorSpecies<Double> s = sp;
        final int upper = s.loopBound(n);
        for (int i = 0; i < upper; i += s.length()) {
            DoubleVector V = DoubleVector.fromArray(s, v, i), a = DoubleVector.fromArray(s, x1, i), b = DoubleVector.fromArray(s, x2, i);
            DoubleVector g1 = DoubleVector.broadcast(s, dG1).fma(a, DoubleVector.broadcast(s, gOff1));
            DoubleVector g2 = DoubleVector.broadcast(s, dG2).fma(b, DoubleVector.broadcast(s, gOff2));
            DoubleVector sum = g1.add(g2);
            DoubleVector invS = DoubleVector.broadcast(s, 1.0).div(sum);
            DoubleVector vinf = g2.fma(DoubleVector.broadcast(s, e2), g1.fma(DoubleVector.broadcast(s, e1), DoubleVector.fromArray(s, cur, i))).mul(invS);
            DoubleVector ev = exp(sum.mul(negLam));
            DoubleVector vn = V.sub(vinf).fma(ev, vinf);
            DoubleVector z1 = exp(clampZ(vn.sub(e1).mul(invK1)));
            DoubleVector z2 = exp(clampZ(vn.sub(e2).mul(invK2)));
            DoubleVector d1 = z1.add(aOn1), h1 = z1.fma(bOff1, 1.0), i1 = DoubleVector.broadcast(s, 1.0).div(d1.mul(h1));
            DoubleVector d2 = z2.add(aOn2), h2 = z2.fma(bOff2, 1.0), i2 = DoubleVector.broadcast(s, 1.0).div(d2.mul(h2));
            DoubleVector p1 = z1.mul(h1).mul(i1), q1 = d1.mul(i1);
            DoubleVector p2 = z2.mul(h2).mul(i2), q2 = d2.mul(i2);
            DoubleVector r1 = p1.add(q1), r2 = p2.add(q2);
            DoubleVector f1 = exp(r1.mul(negC1)), f2 = exp(r2.mul(negC2));
            DoubleVector cr1 = r1.mul(c1), cr2 = r2.mul(c2);
            DoubleVector gf1 = gFun(s, c1, cr1, f1, r1), gf2 = gFun(s, c2, cr2, f2, r2);
            vn.intoArray(vo, i);
            a.neg().fma(r1, p1).fma(gf1, a).intoArray(x1o, i);
            b.neg().fma(r2, p2).fma(gf2, b).intoArray(x2o, i);
        }
        forwardRange(upper, n, v, x1, x2, cur, vo, x1o, x2o);
    }

    /** g(r) = (1 - f)/r, or c (1 - cr/2) below the series threshold (scalar: the same two expressions). */
    private static DoubleVector gFun(VectorSpecies<Double> s, double c, DoubleVector cr, DoubleVector f, DoubleVector r) {
        DoubleVector ir = DoubleVector.broadcast(s, 1.0).div(r);
        DoubleVector full = DoubleVector.broadcast(s, 1.0).sub(f).mul(ir);
        VectorMask<Double> small = cr.compare(VectorOperators.LT, G_SERIES);
        if (!small.anyTrue()) return full;
        DoubleVector series = cr.fma(-0.5, 1.0).mul(c);
        return full.blend(series, small);
    }

    @Override
    public void forwardTaped(int n, double[] v, double[] x1, double[] x2, double[] cur, double[] vo, double[] x1o,
                             double[] x2o, double[] tape, int off) {
        final VectorSpecies<Double> s = sp;
        final int upper = s.loopBound(n);
        final DoubleVector one = DoubleVector.broadcast(s, 1.0);
        for (int i = 0; i < upper; i += s.length()) {
            DoubleVector V = DoubleVector.fromArray(s, v, i), a = DoubleVector.fromArray(s, x1, i), b = DoubleVector.fromArray(s, x2, i);
            DoubleVector g1 = DoubleVector.broadcast(s, dG1).fma(a, DoubleVector.broadcast(s, gOff1));
            DoubleVector g2 = DoubleVector.broadcast(s, dG2).fma(b, DoubleVector.broadcast(s, gOff2));
            DoubleVector sum = g1.add(g2);
            DoubleVector invS = one.div(sum);
            DoubleVector vinf = g2.fma(DoubleVector.broadcast(s, e2), g1.fma(DoubleVector.broadcast(s, e1), DoubleVector.fromArray(s, cur, i))).mul(invS);
            DoubleVector ev = exp(sum.mul(negLam));
            DoubleVector vn = V.sub(vinf).fma(ev, vinf);
            DoubleVector z1 = exp(clampZ(vn.sub(e1).mul(invK1)));
            DoubleVector z2 = exp(clampZ(vn.sub(e2).mul(invK2)));
            DoubleVector d1 = z1.add(aOn1), h1 = z1.fma(bOff1, 1.0), i1 = one.div(d1.mul(h1));
            DoubleVector d2 = z2.add(aOn2), h2 = z2.fma(bOff2, 1.0), i2 = one.div(d2.mul(h2));
            DoubleVector p1 = z1.mul(h1).mul(i1), q1 = d1.mul(i1);
            DoubleVector p2 = z2.mul(h2).mul(i2), q2 = d2.mul(i2);
            DoubleVector r1 = p1.add(q1), r2 = p2.add(q2);
            DoubleVector f1 = exp(r1.mul(negC1)), f2 = exp(r2.mul(negC2));
            DoubleVector ir1 = one.div(r1), ir2 = one.div(r2);
            DoubleVector cr1 = r1.mul(c1), cr2 = r2.mul(c2);
            DoubleVector gf1 = one.sub(f1).mul(ir1), gf2 = one.sub(f2).mul(ir2);
            DoubleVector gp1 = cr1.fma(f1, f1.sub(1.0)).mul(ir1).mul(ir1);
            DoubleVector gp2 = cr2.fma(f2, f2.sub(1.0)).mul(ir2).mul(ir2);
            VectorMask<Double> s1 = cr1.compare(VectorOperators.LT, GP_SERIES), s2 = cr2.compare(VectorOperators.LT, GP_SERIES);
            if (s1.anyTrue()) {
                gp1 = gp1.blend(gPrimeSeries(c1, cr1), s1);
                gf1 = gf1.blend(cr1.fma(-0.5, 1.0).mul(c1), cr1.compare(VectorOperators.LT, G_SERIES));
            }
            if (s2.anyTrue()) {
                gp2 = gp2.blend(gPrimeSeries(c2, cr2), s2);
                gf2 = gf2.blend(cr2.fma(-0.5, 1.0).mul(c2), cr2.compare(VectorOperators.LT, G_SERIES));
            }
            DoubleVector m1 = a.neg().fma(r1, p1), m2 = b.neg().fma(r2, p2);
            vn.intoArray(vo, i);
            m1.fma(gf1, a).intoArray(x1o, i);
            m2.fma(gf2, b).intoArray(x2o, i);
            DoubleVector dp1 = p1.mul(one.sub(p1)).mul(invK1), dq1 = q1.mul(one.sub(q1)).mul(invK1).neg();
            DoubleVector dp2 = p2.mul(one.sub(p2)).mul(invK2), dq2 = q2.mul(one.sub(q2)).mul(invK2).neg();
            DoubleVector dr1 = dp1.add(dq1), dr2 = dp2.add(dq2);
            a.neg().fma(dr1, dp1).fma(gf1, m1.mul(gp1).mul(dr1)).intoArray(tape, off + i);
            b.neg().fma(dr2, dp2).fma(gf2, m2.mul(gp2).mul(dr2)).intoArray(tape, off + n + i);
            ev.intoArray(tape, off + 2 * n + i);
            vinf.intoArray(tape, off + 3 * n + i);
            invS.intoArray(tape, off + 4 * n + i);
            f1.intoArray(tape, off + 5 * n + i);
            f2.intoArray(tape, off + 6 * n + i);
            vinf.sub(V).mul(ev).mul(lam).intoArray(tape, off + 7 * n + i);
        }
        forwardTapedRange(upper, n, n, v, x1, x2, cur, vo, x1o, x2o, tape, off);
    }

    private static DoubleVector gPrimeSeries(double c, DoubleVector cr) {
        return cr.fma(1.0 / 30, -1.0 / 8).fma(cr, cr.broadcast(1.0 / 3)).fma(cr, cr.broadcast(-0.5)).mul(c * c);
    }

    @Override
    public void backwardTaped(int n, double[] tape, int off, double[] gV, double[] gX1, double[] gX2, double[] gI) {
        final VectorSpecies<Double> s = sp;
        final int upper = s.loopBound(n);
        final DoubleVector one = DoubleVector.broadcast(s, 1.0);
        for (int i = 0; i < upper; i += s.length()) {
            DoubleVector dxa = DoubleVector.fromArray(s, tape, off + i), dxb = DoubleVector.fromArray(s, tape, off + n + i);
            DoubleVector ev = DoubleVector.fromArray(s, tape, off + 2 * n + i);
            DoubleVector vinf = DoubleVector.fromArray(s, tape, off + 3 * n + i), invS = DoubleVector.fromArray(s, tape, off + 4 * n + i);
            DoubleVector f1 = DoubleVector.fromArray(s, tape, off + 5 * n + i), f2 = DoubleVector.fromArray(s, tape, off + 6 * n + i);
            DoubleVector dvnDs = DoubleVector.fromArray(s, tape, off + 7 * n + i);
            DoubleVector ga = DoubleVector.fromArray(s, gX1, i), gb = DoubleVector.fromArray(s, gX2, i);
            DoubleVector gvn = gb.fma(dxb, ga.fma(dxa, DoubleVector.fromArray(s, gV, i)));
            DoubleVector gvinf = gvn.mul(one.sub(ev));
            DoubleVector gs = gvinf.mul(invS);
            DoubleVector t = gvn.mul(dvnDs);
            gvn.mul(ev).intoArray(gV, i);
            gs.intoArray(gI, i);
            DoubleVector gG1 = gs.fma(vinf.neg().add(e1), t), gG2 = gs.fma(vinf.neg().add(e2), t);
            ga.fma(f1, gG1.mul(dG1)).intoArray(gX1, i);
            gb.fma(f2, gG2.mul(dG2)).intoArray(gX2, i);
        }
        backwardRange(upper, n, n, tape, off, gV, gX1, gX2, gI);
    }
}
