package io.memtile.physics.mif.lanes;

import io.memtile.core.target.NeuronParams;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ExpLaneKernel} on the JDK Vector API: the same operations in the same order on
 * {@code SP.length()} elements at a time (8 doubles with AVX-512), the tail by the scalar code, so
 * results are bit-identical to the scalar kernel (LaneKernelTest). Only loaded when the
 * {@code jdk.incubator.vector} module is present (see {@link LaneKernels}).
 */
final class VectorExpLaneKernel extends ExpLaneKernel {
    /** Must be a static final constant: C2 only intrinsifies vector operations whose species it can constant-fold. */
    static final VectorSpecies<Double> SP = DoubleVector.SPECIES_PREFERRED;

    VectorExpLaneKernel(NeuronParams p, double dt) {
        super(p, dt);
    }

    static VectorSpecies<Double> preferred() { return SP; }

    @Override
    public String describe() { return "exponential, SIMD " + SP.length() + " x double (jdk.incubator.vector)"; }

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

    /** {@link ExpPoly#expSmall} lane-wise. */
    static DoubleVector expSmall(DoubleVector y) {
        DoubleVector p = y.broadcast(1.0 / 5040);
        double[] c = ExpPoly.SMALL_C;
        for (int k = 0; k < c.length; k++) p = p.fma(y, y.broadcast(c[k]));
        return p;
    }

    private static DoubleVector clampZ(DoubleVector u) { return u.max(-Z_CLAMP).min(Z_CLAMP); }

    /*
     * Why five passes (membrane; per device: rates, then state) instead of one loop: C2 only keeps
     * vectors in registers when everything the loop body calls is inlined. A body with more than one
     * exp exceeds its inlining node budget (NodeCountInliningCutoff), and a helper method above
     * FreqInlineSize (325 bytecodes) is not inlined either; in both cases vectors get boxed (slower
     * than scalar; measured). So each pass is one loop with at most one exp, and the rates pass hands
     * p, q, 1/r to the state pass through per-thread scratch rows. The passes are element-wise, so
     * outputs may still alias inputs: the membrane pass reads x1, x2 before the state passes write.
     * With equal k, M2's rates pass reuses M1's exp(clamp((vn - E1)/k)) and scales it by
     * exp((E1 - E2)/k): the same operations as the scalar kernel's z2.
     */

    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[4][0]);

    private static double[][] scratch(int n) {
        double[][] s = SCRATCH.get();
        if (s[0].length < n) for (int k = 0; k < 4; k++) s[k] = new double[n];
        return s;
    }

    @Override
    public void forward(int n, double[] v, double[] x1, double[] x2, double[] cur, double[] vo, double[] x1o, double[] x2o) {
        final int upper = SP.loopBound(n);
        forwardTaped(upper, v, x1, x2, cur, vo, x1o, x2o, null, 0);
        if (upper == n) return;
        // the tail (e.g. neurons 96..99 of a 100-neuron layer in the simulator) through one padded
        // vector: the scalar loop costs ~6x more per element, and the results are the same bits
        final int len = SP.length(), rest = n - upper;
        double[][] t = tail();
        java.util.Arrays.fill(t[0], 0, len, 0);
        java.util.Arrays.fill(t[1], 0, len, 0);
        java.util.Arrays.fill(t[2], 0, len, 0);
        java.util.Arrays.fill(t[3], 0, len, 0);
        System.arraycopy(v, upper, t[0], 0, rest);
        System.arraycopy(x1, upper, t[1], 0, rest);
        System.arraycopy(x2, upper, t[2], 0, rest);
        System.arraycopy(cur, upper, t[3], 0, rest);
        forwardTaped(len, t[0], t[1], t[2], t[3], t[0], t[1], t[2], null, 0);
        System.arraycopy(t[0], 0, vo, upper, rest);
        System.arraycopy(t[1], 0, x1o, upper, rest);
        System.arraycopy(t[2], 0, x2o, upper, rest);
    }

    private static final ThreadLocal<double[][]> TAIL = ThreadLocal.withInitial(() -> new double[4][SP.length()]);

    private static double[][] tail() { return TAIL.get(); }

    @Override
    public void forwardTaped(int n, double[] v, double[] x1, double[] x2, double[] cur, double[] vo, double[] x1o,
                             double[] x2o, double[] tape, int off) {
        final int upper = SP.loopBound(n);
        if (upper > 0) {
            double[][] sc = scratch(upper);
            for (Pass p : PASSES) p.run(this, upper, n, v, x1, x2, cur, vo, x1o, x2o, sc, tape, off);
        }
        forwardTapedRange(upper, n, n, v, x1, x2, cur, vo, x1o, x2o, tape, off);
    }

    /**
     * The five passes of a step (membrane; rates and state of M1, then of M2), called through one call
     * site that sees three classes. Why: C2 inlines a hot callee under 325 bytecodes (membrane and rates
     * are), so forwardTaped compiled as one unit took in membrane, then rates, and ran out of its inlining
     * node budget (NodeCountInliningCutoff) inside rates: exp and clampZ stayed calls and their vectors were
     * boxed, so `memtile bench sim` spent much of its time allocating and collecting them (JFR allocation
     * samples; -XX:+PrintInlining; README "Speed"). A megamorphic call is never inlined, so each pass is
     * compiled as its own root with all it calls inlined, whatever the caller.
     */
    private abstract static class Pass {
        abstract void run(VectorExpLaneKernel k, int upper, int n, double[] v, double[] x1, double[] x2, double[] cur,
                          double[] vo, double[] x1o, double[] x2o, double[][] sc, double[] tape, int off);
    }

    private static final class MembranePass extends Pass {
        @Override
        void run(VectorExpLaneKernel k, int upper, int n, double[] v, double[] x1, double[] x2, double[] cur,
                 double[] vo, double[] x1o, double[] x2o, double[][] sc, double[] tape, int off) {
            k.membrane(upper, v, x1, x2, cur, vo, tape, off, n);
        }
    }

    private static final class RatesPass extends Pass {
        private final boolean m2;

        RatesPass(boolean m2) { this.m2 = m2; }

        @Override
        void run(VectorExpLaneKernel k, int upper, int n, double[] v, double[] x1, double[] x2, double[] cur,
                 double[] vo, double[] x1o, double[] x2o, double[][] sc, double[] tape, int off) {
            if (m2) rates(upper, vo, sc, k.e2, k.invK2, k.sharedK ? k.ratio21 : 1.0, k.aOn2, k.bOff2, k.sharedK);
            else rates(upper, vo, sc, k.e1, k.invK1, 1.0, k.aOn1, k.bOff1, false);
        }
    }

    private static final class StatePass extends Pass {
        private final boolean m2;

        StatePass(boolean m2) { this.m2 = m2; }

        @Override
        void run(VectorExpLaneKernel k, int upper, int n, double[] v, double[] x1, double[] x2, double[] cur,
                 double[] vo, double[] x1o, double[] x2o, double[][] sc, double[] tape, int off) {
            if (m2) state(upper, x2, x2o, sc, tape, off + n, off + 6 * n, k.c2, k.negC2, k.invK2, k.small2);
            else state(upper, x1, x1o, sc, tape, off, off + 5 * n, k.c1, k.negC1, k.invK1, k.small1);
        }
    }

    /** In the order of the step: the membrane pass reads x1, x2 before the state passes write them. */
    private static final Pass[] PASSES = {new MembranePass(), new RatesPass(false), new StatePass(false), new RatesPass(true), new StatePass(true)};

    /** vn = vinf + (V - vinf) exp(-lam s); with a tape also ev, vinf, 1/s, dvn/ds (planes 2, 3, 4, 7). */
    private void membrane(int upper, double[] v, double[] x1, double[] x2, double[] cur, double[] vo,
                          double[] tape, int off, int n) {
        final VectorSpecies<Double> s = SP;
        final DoubleVector one = DoubleVector.broadcast(s, 1.0);
        final DoubleVector vdG1 = DoubleVector.broadcast(s, dG1), vdG2 = DoubleVector.broadcast(s, dG2);
        final DoubleVector vgOff1 = DoubleVector.broadcast(s, gOff1), vgOff2 = DoubleVector.broadcast(s, gOff2);
        final DoubleVector ve1 = DoubleVector.broadcast(s, e1), ve2 = DoubleVector.broadcast(s, e2);
        for (int i = 0; i < upper; i += s.length()) {
            DoubleVector V = DoubleVector.fromArray(s, v, i);
            DoubleVector g1 = vdG1.fma(DoubleVector.fromArray(s, x1, i), vgOff1);
            DoubleVector g2 = vdG2.fma(DoubleVector.fromArray(s, x2, i), vgOff2);
            DoubleVector sum = g1.add(g2);
            DoubleVector invS = one.div(sum);
            DoubleVector vinf = g2.fma(ve2, g1.fma(ve1, DoubleVector.fromArray(s, cur, i))).mul(invS);
            DoubleVector ev = exp(sum.mul(negLam));
            V.sub(vinf).fma(ev, vinf).intoArray(vo, i);
            if (tape != null) {
                ev.intoArray(tape, off + 2 * n + i);
                vinf.intoArray(tape, off + 3 * n + i);
                invS.intoArray(tape, off + 4 * n + i);
                vinf.sub(V).mul(ev).mul(lam).intoArray(tape, off + 7 * n + i);
            }
        }
    }

    /**
     * A device's rates at the new voltage: p, q and 1/r into sc[0..2], from z = E zMul where
     * E = exp(clamp((vn - eZ) kZ)) is computed and saved in sc[3], or with {@code saved} read back
     * from sc[3] (M2 with equal k: the scalar kernel's z2 = exp(clamp((vn - E1)/k)) * ratio).
     */
    private static void rates(int upper, double[] vn, double[][] sc, double eZ, double kZ, double zMul, double aOn, double bOff,
                              boolean saved) {
        final VectorSpecies<Double> s = SP;
        final DoubleVector one = DoubleVector.broadcast(s, 1.0), vbOff = DoubleVector.broadcast(s, bOff);
        final double[] ps = sc[0], qs = sc[1], irs = sc[2], es = sc[3];
        for (int i = 0; i < upper; i += s.length()) {
            DoubleVector e;
            if (saved) {
                e = DoubleVector.fromArray(s, es, i);
            } else {
                e = exp(clampZ(DoubleVector.fromArray(s, vn, i).sub(eZ).mul(kZ)));
                e.intoArray(es, i);
            }
            DoubleVector z = e.mul(zMul);
            DoubleVector d = z.add(aOn), h = z.fma(vbOff, one);
            DoubleVector dd = d.mul(h), nn = z.fma(h, d);
            DoubleVector w = one.div(dd.mul(nn));
            DoubleVector inv = nn.mul(w);
            z.mul(h).mul(inv).intoArray(ps, i);
            d.mul(inv).intoArray(qs, i);
            dd.mul(dd).mul(w).intoArray(irs, i);
        }
    }

    /**
     * A device's state update x' = x + (p - x r) g(r) from the rates in sc; with a tape also dx'/dvn
     * (at tape[dxOff + i]) and exp(-c r) (at tape[fOff + i]).
     */
    private static void state(int upper, double[] x, double[] xo, double[][] sc, double[] tape, int dxOff, int fOff,
                              double c, double negC, double invK, boolean smallArg) {
        final VectorSpecies<Double> s = SP;
        final DoubleVector one = DoubleVector.broadcast(s, 1.0);
        final boolean taped = tape != null;
        final double[] ps = sc[0], qs = sc[1], irs = sc[2];
        for (int i = 0; i < upper; i += s.length()) {
            DoubleVector a = DoubleVector.fromArray(s, x, i);
            DoubleVector p = DoubleVector.fromArray(s, ps, i), q = DoubleVector.fromArray(s, qs, i);
            DoubleVector ir = DoubleVector.fromArray(s, irs, i);
            DoubleVector r = p.add(q);
            DoubleVector f = smallArg ? expSmall(r.mul(negC)) : exp(r.mul(negC));
            DoubleVector cr = r.mul(c);
            DoubleVector gf = one.sub(f).mul(ir);
            VectorMask<Double> small = cr.compare(VectorOperators.LT, GP_SERIES);
            boolean anySmall = small.anyTrue();
            if (anySmall) gf = gf.blend(cr.fma(-0.5, 1.0).mul(c), cr.compare(VectorOperators.LT, G_SERIES));
            DoubleVector m = a.neg().fma(r, p);
            m.fma(gf, a).intoArray(xo, i);
            if (taped) {
                DoubleVector gp = cr.fma(f, f.sub(1.0)).mul(ir).mul(ir);
                if (anySmall) gp = gp.blend(gPrimeSeries(c, cr), small);
                DoubleVector dp = p.mul(one.sub(p)).mul(invK), dq = q.mul(one.sub(q)).mul(invK).neg();
                DoubleVector dr = dp.add(dq);
                a.neg().fma(dr, dp).fma(gf, m.mul(gp).mul(dr)).intoArray(tape, dxOff + i);
                f.intoArray(tape, fOff + i);
            }
        }
    }

    private static DoubleVector gPrimeSeries(double c, DoubleVector cr) {
        return cr.fma(1.0 / 30, -1.0 / 8).fma(cr, cr.broadcast(1.0 / 3)).fma(cr, cr.broadcast(-0.5)).mul(c * c);
    }

    @Override
    public void backwardTaped(int n, double[] tape, int off, double[] gV, double[] gX1, double[] gX2, double[] gI) {
        final VectorSpecies<Double> s = SP;
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
