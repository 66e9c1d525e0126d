package io.memtile.physics.mif.lanes;

import io.memtile.core.target.NeuronParams;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ExpLaneKernelF} on the JDK Vector API: the same float operations in the same order on
 * {@code SP.length()} elements at a time (16 floats with AVX-512), the tail by the scalar code, so
 * results are bit-identical to the scalar float kernel (LaneKernelFTest). The pass structure
 * (membrane; per device rates, then state) is that of {@link VectorExpLaneKernel}, for the same C2
 * inlining reasons (see there). Only loaded when {@code jdk.incubator.vector} is present.
 */
final class VectorExpLaneKernelF extends ExpLaneKernelF {
    /** Must be a static final constant (see VectorExpLaneKernel.SP). */
    static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;

    VectorExpLaneKernelF(NeuronParams p, double dt) {
        super(p, dt);
    }

    static VectorSpecies<Float> preferred() { return SP; }

    @Override
    public String describe() { return "exponential float32, SIMD " + SP.length() + " x float (jdk.incubator.vector)"; }

    /** {@link ExpPolyF#exp} lane-wise, operation for operation. */
    static FloatVector exp(FloatVector x) {
        x = x.max(ExpPolyF.LO).min(ExpPolyF.HI);
        FloatVector shifted = x.mul(ExpPolyF.LOG2E).add(ExpPolyF.SHIFTER);
        FloatVector n = shifted.sub(ExpPolyF.SHIFTER);
        FloatVector r = n.fma(x.broadcast(-ExpPolyF.LN2_HI), x);
        r = n.fma(x.broadcast(-ExpPolyF.LN2_LO), r);
        float[] c = ExpPolyF.C;
        FloatVector p = FloatVector.broadcast(x.species(), c[0]);
        for (int k = 1; k < c.length; k++) p = p.fma(r, x.broadcast(c[k]));
        FloatVector one = x.broadcast(1f);
        p = p.fma(r, one);
        p = p.fma(r, one);
        FloatVector scale = shifted.reinterpretAsInts().add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(scale);
    }

    /** {@link ExpPolyF#oneMinusExpNeg} lane-wise. */
    static FloatVector oneMinusExpNeg(FloatVector y) {
        FloatVector u = y.neg();
        FloatVector p = u.fma(1f / 120, 1f / 24);
        p = p.fma(u, y.broadcast(1f / 6));
        p = p.fma(u, y.broadcast(0.5f));
        p = p.fma(u, y.broadcast(1f));
        return p.mul(y);
    }

    /** {@link ExpLaneKernelF#sSeries} lane-wise. */
    static FloatVector sSeries(FloatVector y) {
        FloatVector u = y.neg();
        FloatVector p = u.fma(1f / 120, 1f / 24);
        p = p.fma(u, y.broadcast(1f / 6));
        p = p.fma(u, y.broadcast(0.5f));
        return p.fma(u, y.broadcast(1f));
    }

    private static FloatVector gPrimeSeries(float cc, FloatVector cr) {
        FloatVector p = cr.fma(-1f / 144, 1f / 30);
        p = p.fma(cr, cr.broadcast(-1f / 8));
        p = p.fma(cr, cr.broadcast(1f / 3));
        p = p.fma(cr, cr.broadcast(-0.5f));
        return p.mul(cc);
    }

    private static FloatVector clampZ(FloatVector u) { return u.max(-Z_CLAMP).min(Z_CLAMP); }

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[5][0]);

    private static float[][] scratch(int n) {
        float[][] s = SCRATCH.get();
        if (s[0].length < n) for (int k = 0; k < 5; k++) s[k] = new float[n];
        return s;
    }

    private static final ThreadLocal<float[][]> TAIL = ThreadLocal.withInitial(() -> new float[4][SP.length()]);

    @Override
    public void forward(int n, float[] v, float[] x1, float[] x2, float[] cur, float[] vo, float[] x1o, float[] x2o) {
        final int upper = SP.loopBound(n);
        forwardTaped(upper, v, x1, x2, cur, vo, x1o, x2o, null, 0);
        if (upper == n) return;
        // the tail through one padded vector (same bits as the scalar loop, see VectorExpLaneKernel)
        final int len = SP.length(), rest = n - upper;
        float[][] t = TAIL.get();
        for (int k = 0; k < 4; k++) java.util.Arrays.fill(t[k], 0, len, 0f);
        System.arraycopy(v, upper, t[0], 0, rest);
        System.arraycopy(x1, upper, t[1], 0, rest);
        System.arraycopy(x2, upper, t[2], 0, rest);
        System.arraycopy(cur, upper, t[3], 0, rest);
        forwardTaped(len, t[0], t[1], t[2], t[3], t[0], t[1], t[2], null, 0);
        System.arraycopy(t[0], 0, vo, upper, rest);
        System.arraycopy(t[1], 0, x1o, upper, rest);
        System.arraycopy(t[2], 0, x2o, upper, rest);
    }

    @Override
    public void forwardTaped(int n, float[] v, float[] x1, float[] x2, float[] cur, float[] vo, float[] x1o,
                             float[] x2o, float[] tape, int off) {
        final int upper = SP.loopBound(n);
        if (upper > 0) {
            float[][] sc = scratch(upper);
            membrane(upper, v, x1, x2, cur, vo, tape, off, n);
            rates(upper, vo, sc, e1, invK1, 1f, aOn1, bOff1, false);
            state(upper, x1, x1o, sc, tape, off, off + 5 * n, c1, negC1, cc1, invK1, small1);
            rates(upper, vo, sc, e2, invK2, sharedK ? ratio21 : 1f, aOn2, bOff2, sharedK);
            state(upper, x2, x2o, sc, tape, off + n, off + 6 * n, c2, negC2, cc2, invK2, small2);
        }
        forwardTapedRange(upper, n, n, v, x1, x2, cur, vo, x1o, x2o, tape, off);
    }

    private void membrane(int upper, float[] v, float[] x1, float[] x2, float[] cur, float[] vo,
                          float[] tape, int off, int n) {
        final VectorSpecies<Float> s = SP;
        final FloatVector one = FloatVector.broadcast(s, 1f);
        final FloatVector vdG1 = FloatVector.broadcast(s, dG1), vdG2 = FloatVector.broadcast(s, dG2);
        final FloatVector vgOff1 = FloatVector.broadcast(s, gOff1), vgOff2 = FloatVector.broadcast(s, gOff2);
        final FloatVector ve1 = FloatVector.broadcast(s, e1), ve2 = FloatVector.broadcast(s, e2);
        for (int i = 0; i < upper; i += s.length()) {
            FloatVector V = FloatVector.fromArray(s, v, i);
            FloatVector g1 = vdG1.fma(FloatVector.fromArray(s, x1, i), vgOff1);
            FloatVector g2 = vdG2.fma(FloatVector.fromArray(s, x2, i), vgOff2);
            FloatVector sum = g1.add(g2);
            FloatVector invS = one.div(sum);
            FloatVector vinf = g2.fma(ve2, g1.fma(ve1, FloatVector.fromArray(s, cur, i))).mul(invS);
            FloatVector ev = exp(sum.mul(negLam));
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
     * A device's rates at the new voltage: p, q, 1 - p, 1 - q into sc[0..3] (ExpLaneKernelF's two
     * divisions), from z = E zMul where E = exp(clamp((vn - eZ) kZ)) is computed and saved in sc[4],
     * or with {@code saved} read back from there (M2 with equal k).
     */
    private static void rates(int upper, float[] vn, float[][] sc, float eZ, float kZ, float zMul, float aOn, float bOff,
                              boolean saved) {
        final VectorSpecies<Float> s = SP;
        final FloatVector one = FloatVector.broadcast(s, 1f), vbOff = FloatVector.broadcast(s, bOff);
        final float[] ps = sc[0], qs = sc[1], ops = sc[2], oqs = sc[3], es = sc[4];
        for (int i = 0; i < upper; i += s.length()) {
            FloatVector e;
            if (saved) {
                e = FloatVector.fromArray(s, es, i);
            } else {
                e = exp(clampZ(FloatVector.fromArray(s, vn, i).sub(eZ).mul(kZ)));
                e.intoArray(es, i);
            }
            FloatVector z = e.mul(zMul);
            FloatVector d = z.add(aOn), h = z.fma(vbOff, one);
            FloatVector id = one.div(d), ih = one.div(h);
            z.mul(id).intoArray(ps, i);
            ih.intoArray(qs, i);
            id.mul(aOn).intoArray(ops, i);
            z.mul(bOff).mul(ih).intoArray(oqs, i);
        }
    }

    /** A device's state update (ExpLaneKernelF.device), lane-wise. */
    private static void state(int upper, float[] x, float[] xo, float[][] sc, float[] tape, int dxOff, int fOff,
                              float c, float negC, float cc, float invK, boolean smallArg) {
        final VectorSpecies<Float> s = SP;
        final FloatVector one = FloatVector.broadcast(s, 1f);
        final boolean taped = tape != null;
        final float[] ps = sc[0], qs = sc[1], ops = sc[2], oqs = sc[3];
        for (int i = 0; i < upper; i += s.length()) {
            FloatVector a = FloatVector.fromArray(s, x, i);
            FloatVector p = FloatVector.fromArray(s, ps, i), q = FloatVector.fromArray(s, qs, i);
            FloatVector r = p.add(q);
            FloatVector cr = r.mul(c);
            FloatVector f, gf, ir = null, em = null;
            VectorMask<Float> series = null;
            boolean anySeries;
            if (smallArg) {
                anySeries = true;
                FloatVector sS = sSeries(cr);
                gf = sS.mul(c);
                f = cr.neg().fma(sS, one);
            } else {
                ir = one.div(r);
                f = exp(r.mul(negC));
                series = cr.compare(VectorOperators.LT, ExpPolyF.SMALL);
                anySeries = series.anyTrue();
                em = one.sub(f);
                if (anySeries) em = em.blend(oneMinusExpNeg(cr), series);
                gf = em.mul(ir);
            }
            FloatVector m = a.neg().fma(r, p);
            m.fma(gf, a).intoArray(xo, i);
            if (taped) {
                FloatVector gp;
                if (smallArg) {
                    gp = gPrimeSeries(cc, cr);
                } else {
                    gp = cr.fma(f, em.neg()).mul(ir).mul(ir);
                    if (anySeries) gp = gp.blend(gPrimeSeries(cc, cr), series);
                }
                FloatVector dp = p.mul(FloatVector.fromArray(s, ops, i)).mul(invK);
                FloatVector dq = q.mul(FloatVector.fromArray(s, oqs, i)).mul(invK).neg();
                FloatVector dr = dp.add(dq);
                a.neg().fma(dr, dp).fma(gf, m.mul(gp).mul(dr)).intoArray(tape, dxOff + i);
                f.intoArray(tape, fOff + i);
            }
        }
    }

    @Override
    public void backwardTaped(int n, float[] tape, int off, float[] gV, float[] gX1, float[] gX2, float[] gI) {
        final VectorSpecies<Float> s = SP;
        final int upper = s.loopBound(n);
        final FloatVector one = FloatVector.broadcast(s, 1f);
        for (int i = 0; i < upper; i += s.length()) {
            FloatVector dxa = FloatVector.fromArray(s, tape, off + i), dxb = FloatVector.fromArray(s, tape, off + n + i);
            FloatVector ev = FloatVector.fromArray(s, tape, off + 2 * n + i);
            FloatVector vinf = FloatVector.fromArray(s, tape, off + 3 * n + i), invS = FloatVector.fromArray(s, tape, off + 4 * n + i);
            FloatVector f1 = FloatVector.fromArray(s, tape, off + 5 * n + i), f2 = FloatVector.fromArray(s, tape, off + 6 * n + i);
            FloatVector dvnDs = FloatVector.fromArray(s, tape, off + 7 * n + i);
            FloatVector ga = FloatVector.fromArray(s, gX1, i), gb = FloatVector.fromArray(s, gX2, i);
            FloatVector gvn = gb.fma(dxb, ga.fma(dxa, FloatVector.fromArray(s, gV, i)));
            FloatVector gvinf = gvn.mul(one.sub(ev));
            FloatVector gs = gvinf.mul(invS);
            FloatVector t = gvn.mul(dvnDs);
            gvn.mul(ev).intoArray(gV, i);
            gs.intoArray(gI, i);
            FloatVector gG1 = gs.fma(vinf.neg().add(e1), t), gG2 = gs.fma(vinf.neg().add(e2), t);
            ga.fma(f1, gG1.mul(dG1)).intoArray(gX1, i);
            gb.fma(f2, gG2.mul(dG2)).intoArray(gX2, i);
        }
        backwardRange(upper, n, n, tape, off, gV, gX1, gX2, gI);
    }
}
