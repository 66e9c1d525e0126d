package io.memtile.physics.mif.lanes;

import io.memtile.core.target.MssParams;
import io.memtile.core.target.NeuronParams;

/**
 * The exponential-Euler MIF step (the same map as {@code MifKernel} with {@code Integrator.EXPONENTIAL})
 * written as a fixed sequence of IEEE operations that {@link VectorExpLaneKernel} repeats lane by
 * lane, so the scalar and SIMD paths give bit-identical results (LaneKernelTest), whatever the JIT
 * has or has not compiled yet. This class is the scalar fallback and the vector kernel's tail loop.
 *
 * <p>Differences from {@code MifKernel} (below 1e-12 relative per step): exp is {@link ExpPoly}
 * (the Vector API's EXP operator is faster but rounds differently from Math.exp, and its Java
 * fallback, which runs until C2 compiles the loop, is Math.exp: results would depend on JIT timing);
 * reciprocals are shared (one division per device gives p_i, q_i and 1/r_i); FMAs are used; the
 * sigmoid exponent is clamped to +-{@link #Z_CLAMP}, where p and q are already 1 or below 1e-63.
 * {@link #backwardTaped} is the exact vector-Jacobian product of exactly this forward map.
 *
 * <p>Tape (structure of arrays, plane k at off + k*n): dxa, dxb, ev, vinf, 1/s, f1, f2, dvnDs.
 */
public class ExpLaneKernel implements LaneKernel {
    public static final int STRIDE = 8;
    /*
     * Work per element, counted from the code (VectorExpLaneKernel; blends and loads/stores not
     * counted): used by `memtile bench train` to estimate the machine's limit for this work.
     */
    /**
     * Lane operations (add, mul, fma, min, max, compare, neg) of one taped forward step, full exps
     * excluded, with both exp(-c r) by the 7-FMA {@link ExpPoly#expSmall} (the case for dt/tau &lt;= 0.015).
     */
    public static final int FORWARD_OPS = 110;
    /** Full polynomial exps ({@link ExpPoly#exp}) of one forward step: exp(-lam s) and the shared sigmoid exp (equal k). */
    public static final int FORWARD_EXPS = 2;
    /** Divisions of one forward step. */
    public static final int FORWARD_DIVS = 3;
    /** Lane operations of one taped backward step. */
    public static final int BACKWARD_OPS = 17;
    /** Lane operations of one {@link ExpPoly#exp}. */
    public static final int EXP_OPS = 22;
    /** Clamp of the sigmoid exponent (V - E)/k (|V - E| &gt; 2 V here): keeps D N below 1e300 (see forwardTapedRange). */
    static final double Z_CLAMP = 150;
    /** g(r) switches to its series below c r = 1e-8, g'(r) below 1e-3 (as MifKernel). */
    static final double G_SERIES = 1e-8;
    static final double GP_SERIES = 1e-3;

    final double lam, negLam, e1, e2, gOff1, gOff2, dG1, dG2, c1, c2, negC1, negC2, invK1, invK2;
    final double aOn1, aOn2, bOff1, bOff2;
    /** Equal k for both devices: z2 = exp((V - E2)/k) = z1 * exp((E1 - E2)/k), one exp fewer. */
    final boolean sharedK;
    /** exp(-c_i r_i) by {@link ExpPoly#expSmall} when its argument stays within ExpPoly.SMALL (2 c_i &lt;= SMALL). */
    final boolean small1, small2;
    final double ratio21;

    public ExpLaneKernel(NeuronParams p, double dt) {
        MssParams m1 = p.m1(), m2 = p.m2();
        lam = dt / p.cMem();
        negLam = -lam;
        e1 = p.e1();
        e2 = p.e2();
        gOff1 = m1.gOff();
        gOff2 = m2.gOff();
        dG1 = m1.gOn() - m1.gOff();
        dG2 = m2.gOn() - m2.gOff();
        c1 = dt / m1.tau();
        c2 = dt / m2.tau();
        negC1 = -c1;
        negC2 = -c2;
        invK1 = 1 / m1.k();
        invK2 = 1 / m2.k();
        aOn1 = Math.exp(m1.vOn() / m1.k());
        aOn2 = Math.exp(m2.vOn() / m2.k());
        bOff1 = Math.exp(-m1.offCentre() / m1.k());
        bOff2 = Math.exp(-m2.offCentre() / m2.k());
        sharedK = m1.k() == m2.k();
        small1 = 2 * c1 <= ExpPoly.SMALL;
        small2 = 2 * c2 <= ExpPoly.SMALL;
        ratio21 = Math.exp((e1 - e2) / m1.k());
    }

    @Override
    public int tapeStride() { return STRIDE; }

    @Override
    public String describe() { return "exponential, scalar lane kernel"; }

    @Override
    public void forward(int n, double[] v, double[] x1, double[] x2, double[] cur, double[] vo, double[] x1o, double[] x2o) {
        forwardRange(0, n, v, x1, x2, cur, vo, x1o, x2o);
    }

    @Override
    public void forwardTaped(int n, double[] v, double[] x1, double[] x2, double[] cur, double[] vo, double[] x1o,
                             double[] x2o, double[] tape, int off) {
        forwardTapedRange(0, n, n, v, x1, x2, cur, vo, x1o, x2o, tape, off);
    }

    @Override
    public void backwardTaped(int n, double[] tape, int off, double[] gV, double[] gX1, double[] gX2, double[] gI) {
        backwardRange(0, n, n, tape, off, gV, gX1, gX2, gI);
    }

    static double clampZ(double u) { return Math.min(Math.max(u, -Z_CLAMP), Z_CLAMP); }

    final void forwardRange(int from, int to, double[] v, double[] x1, double[] x2, double[] cur,
                            double[] vo, double[] x1o, double[] x2o) {
        forwardTapedRange(from, to, 0, v, x1, x2, cur, vo, x1o, x2o, null, 0);
    }

    /**
     * The step of elements [from, to); with a tape (planes of length n at off) also its records.
     * Per device: d = z + aOn, h = 1 + z bOff, p = z h / (d h), q = d / (d h), and with
     * D = d h, N = z h + d (so r = p + q = N / D) a single division w = 1/(D N) gives both
     * 1/D = N w and 1/r = D^2 w (the clamp at +-Z_CLAMP keeps D N below 1e300).
     */
    final void forwardTapedRange(int from, int to, int n, double[] v, double[] x1, double[] x2, double[] cur,
                                 double[] vo, double[] x1o, double[] x2o, double[] tape, int off) {
        final boolean taped = tape != null;
        for (int i = from; i < to; i++) {
            double V = v[i], a = x1[i], b = x2[i];
            double g1 = Math.fma(dG1, a, gOff1), g2 = Math.fma(dG2, b, gOff2);
            double s = g1 + g2;
            double invS = 1 / s;
            double vinf = Math.fma(g2, e2, Math.fma(g1, e1, cur[i])) * invS;
            double ev = ExpPoly.exp(s * negLam);
            double vn = Math.fma(V - vinf, ev, vinf);
            double ez1 = ExpPoly.exp(clampZ((vn - e1) * invK1));
            double z1 = ez1 * 1.0;
            double z2 = sharedK ? ez1 * ratio21 : ExpPoly.exp(clampZ((vn - e2) * invK2)) * 1.0;
            double d1 = z1 + aOn1, h1 = Math.fma(z1, bOff1, 1.0), D1 = d1 * h1, N1 = Math.fma(z1, h1, d1), w1 = 1 / (D1 * N1);
            double d2 = z2 + aOn2, h2 = Math.fma(z2, bOff2, 1.0), D2 = d2 * h2, N2 = Math.fma(z2, h2, d2), w2 = 1 / (D2 * N2);
            double i1 = N1 * w1, i2 = N2 * w2;
            double p1 = z1 * h1 * i1, q1 = d1 * i1;
            double p2 = z2 * h2 * i2, q2 = d2 * i2;
            double r1 = p1 + q1, r2 = p2 + q2;
            double ir1 = D1 * D1 * w1, ir2 = D2 * D2 * w2;
            double f1 = small1 ? ExpPoly.expSmall(r1 * negC1) : ExpPoly.exp(r1 * negC1);
            double f2 = small2 ? ExpPoly.expSmall(r2 * negC2) : ExpPoly.exp(r2 * negC2);
            double cr1 = r1 * c1, cr2 = r2 * c2;
            double gf1 = cr1 < G_SERIES ? Math.fma(cr1, -0.5, 1.0) * c1 : (1 - f1) * ir1;
            double gf2 = cr2 < G_SERIES ? Math.fma(cr2, -0.5, 1.0) * c2 : (1 - f2) * ir2;
            double m1 = Math.fma(-a, r1, p1), m2 = Math.fma(-b, r2, p2);
            vo[i] = vn;
            x1o[i] = Math.fma(m1, gf1, a);
            x2o[i] = Math.fma(m2, gf2, b);
            if (!taped) continue;
            // derivatives of the rates w.r.t. vn: p' = p(1-p)/k, q' = -q(1-q)/k
            double dp1 = p1 * (1 - p1) * invK1, dq1 = -(q1 * (1 - q1) * invK1);
            double dp2 = p2 * (1 - p2) * invK2, dq2 = -(q2 * (1 - q2) * invK2);
            double dr1 = dp1 + dq1, dr2 = dp2 + dq2;
            double gp1 = cr1 < GP_SERIES ? gPrimeSeries(c1, cr1) : Math.fma(cr1, f1, f1 - 1) * ir1 * ir1;
            double gp2 = cr2 < GP_SERIES ? gPrimeSeries(c2, cr2) : Math.fma(cr2, f2, f2 - 1) * ir2 * ir2;
            // d x'/d vn = (p' - x r') g + (p - x r) g'(r) r'
            tape[off + i] = Math.fma(Math.fma(-a, dr1, dp1), gf1, m1 * gp1 * dr1);
            tape[off + n + i] = Math.fma(Math.fma(-b, dr2, dp2), gf2, m2 * gp2 * dr2);
            tape[off + 2 * n + i] = ev;
            tape[off + 3 * n + i] = vinf;
            tape[off + 4 * n + i] = invS;
            tape[off + 5 * n + i] = f1;
            tape[off + 6 * n + i] = f2;
            tape[off + 7 * n + i] = (vinf - V) * ev * lam;
        }
    }

    /** g'(r) for small c r: c^2 (-1/2 + cr/3 - cr^2/8 + cr^3/30), Horner form. */
    static double gPrimeSeries(double c, double cr) {
        double p = Math.fma(Math.fma(Math.fma(cr, 1.0 / 30, -1.0 / 8), cr, 1.0 / 3), cr, -0.5);
        return c * c * p;
    }

    final void backwardRange(int from, int to, int n, double[] tape, int off,
                             double[] gV, double[] gX1, double[] gX2, double[] gI) {
        for (int i = from; i < to; i++) {
            double dxa = tape[off + i], dxb = tape[off + n + i], ev = tape[off + 2 * n + i];
            double vinf = tape[off + 3 * n + i], invS = tape[off + 4 * n + i];
            double f1 = tape[off + 5 * n + i], f2 = tape[off + 6 * n + i], dvnDs = tape[off + 7 * n + i];
            double ga = gX1[i], gb = gX2[i];
            double gvn = Math.fma(gb, dxb, Math.fma(ga, dxa, gV[i]));
            double gvinf = gvn * (1 - ev);
            double gs = gvinf * invS;
            double t = gvn * dvnDs;
            gV[i] = gvn * ev;
            gI[i] = gs;
            // vinf = (I + g1 E1 + g2 E2)/s: d vinf/d g_i = (E_i - vinf)/s; the exponent adds dvn/ds
            double gG1 = Math.fma(gs, e1 - vinf, t), gG2 = Math.fma(gs, e2 - vinf, t);
            gX1[i] = Math.fma(ga, f1, gG1 * dG1);
            gX2[i] = Math.fma(gb, f2, gG2 * dG2);
        }
    }
}
