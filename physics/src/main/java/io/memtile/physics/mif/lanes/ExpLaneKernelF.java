package io.memtile.physics.mif.lanes;

import io.memtile.core.target.MssParams;
import io.memtile.core.target.NeuronParams;

/**
 * The exponential-Euler MIF step of {@link ExpLaneKernel} in float32, as a fixed sequence of IEEE
 * float operations that {@link VectorExpLaneKernelF} repeats lane by lane (scalar and SIMD results
 * are bit-identical, LaneKernelFTest). This class is the scalar float fallback and the vector
 * kernel's tail loop. {@link #backwardTaped} is the exact vector-Jacobian product of this float map.
 *
 * <p>What float needs beyond the double kernel:
 * <ul>
 *   <li>exp is {@link ExpPolyF} (degree 7, argument clamped to [-87, 88]).</li>
 *   <li>Rates by two divisions per device, p = z/d and q = 1/h (d = z + aOn, h = 1 + z bOff), instead
 *       of the double kernel's single division by D N: D N ~ z^4 leaves the float range long before
 *       the sigmoids saturate (with the paper's k = 15 mV, aOn = e^7.3, and p is still 1 - 1e-4 at
 *       z = e^20; measured: x2 off by 1e-4 relative per step). The sigmoid exponent is clamped to
 *       +-{@link #Z_CLAMP} = 60, where both sigmoids are saturated far below float resolution;
 *       {@link #unsupported} rejects parameters for which that does not hold, and the trainer then
 *       falls back to float64.</li>
 *   <li>1 - p = aOn/d and 1 - q = z bOff/h are computed directly (no cancellation) for the rate
 *       derivatives p(1-p)/k, q(1-q)/k.</li>
 *   <li>Where c r &lt;= {@link ExpPolyF#SMALL} (always for the MNIST default, c = dt/tau = 0.01):
 *       g(r) = (1 - e^-cr)/r = c S(cr) and g'(r) = c^2 S'(cr) from their series, with no 1/r; in
 *       float, 1 - exp(-c r) would cancel to eps/(c r) relative (6e-6 at c r = 0.01).</li>
 * </ul>
 *
 * <p>Tape (structure of arrays, plane k at off + k*n): dxa, dxb, ev, vinf, 1/s, f1, f2, dvnDs.
 */
public class ExpLaneKernelF implements FloatLaneKernel {
    public static final int STRIDE = 8;
    /*
     * Work per element, counted from the code (VectorExpLaneKernelF, the c r &lt;= SMALL path that the
     * MNIST default takes; blends and loads/stores not counted): used by `memtile bench train` for
     * its estimate of the machine's limit.
     */
    /** Lane operations of one taped forward step, full exps excluded: membrane 12, rates 17, state 2 x 27. */
    public static final int FORWARD_OPS = 83;
    /** Full polynomial exps of one forward step: exp(-lam s) and the shared sigmoid exp (equal k). */
    public static final int FORWARD_EXPS = 2;
    /** Divisions of one forward step: 1/s, and 1/d, 1/h per device. */
    public static final int FORWARD_DIVS = 5;
    /** Lane operations of one taped backward step. */
    public static final int BACKWARD_OPS = 17;
    /** Lane operations of one {@link ExpPolyF#exp}. */
    public static final int EXP_OPS = 17;
    /** Clamp of the sigmoid exponent (V - E)/k in float (see the class comment). */
    static final float Z_CLAMP = 60f;
    /** Largest d or h allowed at the clamp (well inside the float range). */
    static final double MAX_DH = 1e36;
    /** How saturated both sigmoids must be at the clamp (a sixth of float's eps). */
    static final double SATURATION = 1e-8;

    final float lam, negLam, e1, e2, gOff1, gOff2, dG1, dG2, c1, c2, negC1, negC2, cc1, cc2, invK1, invK2;
    final float aOn1, aOn2, bOff1, bOff2, ratio21;
    final boolean sharedK;
    /** 2 c_i &lt;= SMALL: every c r of device i is within the series range (r = p + q &lt;= 2). */
    final boolean small1, small2;

    public ExpLaneKernelF(NeuronParams p, double dt) {
        String why = unsupported(p, dt);
        if (why != null) throw new IllegalArgumentException("float32 MIF kernel: " + why);
        MssParams m1 = p.m1(), m2 = p.m2();
        lam = (float) (dt / p.cMem());
        negLam = -lam;
        e1 = (float) p.e1();
        e2 = (float) p.e2();
        gOff1 = (float) m1.gOff();
        gOff2 = (float) m2.gOff();
        dG1 = (float) (m1.gOn() - m1.gOff());
        dG2 = (float) (m2.gOn() - m2.gOff());
        c1 = (float) (dt / m1.tau());
        c2 = (float) (dt / m2.tau());
        negC1 = -c1;
        negC2 = -c2;
        cc1 = c1 * c1;
        cc2 = c2 * c2;
        invK1 = (float) (1 / m1.k());
        invK2 = (float) (1 / m2.k());
        aOn1 = (float) Math.exp(m1.vOn() / m1.k());
        aOn2 = (float) Math.exp(m2.vOn() / m2.k());
        bOff1 = (float) Math.exp(-m1.offCentre() / m1.k());
        bOff2 = (float) Math.exp(-m2.offCentre() / m2.k());
        sharedK = m1.k() == m2.k();
        small1 = 2 * c1 <= ExpPolyF.SMALL;
        small2 = 2 * c2 <= ExpPolyF.SMALL;
        ratio21 = (float) Math.exp((p.e1() - p.e2()) / m1.k());
    }

    /**
     * Why these neuron parameters cannot run in float32 (null if they can): the rate algebra must stay
     * within the float range at the clamp, and the constants must be normal floats.
     */
    public static String unsupported(NeuronParams p, double dt) {
        double ratio = p.m1().k() == p.m2().k() ? Math.exp((p.e1() - p.e2()) / p.m1().k()) : 1;
        MssParams[] ms = {p.m1(), p.m2()};
        for (int i = 0; i < 2; i++) {
            MssParams m = ms[i];
            double aOn = Math.exp(m.vOn() / m.k()), bOff = Math.exp(-m.offCentre() / m.k());
            double hi = Math.exp(Z_CLAMP) * (i == 1 ? ratio : 1), lo = Math.exp(-Z_CLAMP) * (i == 1 ? ratio : 1);
            boolean inRange = hi + aOn < MAX_DH && 1 + hi * bOff < MAX_DH;
            boolean saturated = aOn / hi < SATURATION && 1 / (hi * bOff) < SATURATION && lo / aOn < SATURATION && lo * bOff < SATURATION;
            if (!inRange || !saturated) {
                return "device " + (i + 1) + "'s sigmoids (aOn " + aOn + ", bOff " + bOff + ") do not saturate within the float range at the clamp +-" + Z_CLAMP;
            }
            if (!(m.gOff() > 1e-30) || !(m.gOn() < 1e30)) return "device conductance outside the float range";
        }
        double lam = dt / p.cMem();
        if (!(lam > 1e-30 && lam < 1e30)) return "dt/cMem outside the float range";
        return null;
    }

    @Override
    public int tapeStride() { return STRIDE; }

    @Override
    public String describe() { return "exponential float32, scalar lane kernel"; }

    @Override
    public void forward(int n, float[] v, float[] x1, float[] x2, float[] cur, float[] vo, float[] x1o, float[] x2o) {
        forwardTapedRange(0, n, 0, v, x1, x2, cur, vo, x1o, x2o, null, 0);
    }

    @Override
    public void forwardTaped(int n, float[] v, float[] x1, float[] x2, float[] cur, float[] vo, float[] x1o,
                             float[] x2o, float[] tape, int off) {
        forwardTapedRange(0, n, n, v, x1, x2, cur, vo, x1o, x2o, tape, off);
    }

    @Override
    public void backwardTaped(int n, float[] tape, int off, float[] gV, float[] gX1, float[] gX2, float[] gI) {
        backwardRange(0, n, n, tape, off, gV, gX1, gX2, gI);
    }

    static float clampZ(float u) { return Math.min(Math.max(u, -Z_CLAMP), Z_CLAMP); }

    /** S(y) = (1 - e^-y)/y = 1 + u (1/2 + u (1/6 + u (1/24 + u/120))), u = -y, for 0 &lt;= y &lt;= SMALL (remainder y^5/720). */
    static float sSeries(float y) {
        float u = -y;
        float p = Math.fma(u, 1f / 120, 1f / 24);
        p = Math.fma(p, u, 1f / 6);
        p = Math.fma(p, u, 0.5f);
        return Math.fma(p, u, 1f);
    }

    /** g'(r) for c r &lt;= SMALL: c^2 (-1/2 + y/3 - y^2/8 + y^3/30 - y^4/144), y = c r (remainder &lt; 3e-11). */
    static float gPrimeSeries(float cc, float cr) {
        float p = Math.fma(cr, -1f / 144, 1f / 30);
        p = Math.fma(p, cr, -1f / 8);
        p = Math.fma(p, cr, 1f / 3);
        p = Math.fma(p, cr, -0.5f);
        return cc * p;
    }

    /** The step of elements [from, to) (see ExpLaneKernel.forwardTapedRange for the rate algebra). */
    final void forwardTapedRange(int from, int to, int n, float[] v, float[] x1, float[] x2, float[] cur,
                                 float[] vo, float[] x1o, float[] x2o, float[] tape, int off) {
        final boolean taped = tape != null;
        for (int i = from; i < to; i++) {
            float V = v[i], a = x1[i], b = x2[i];
            float g1 = Math.fma(dG1, a, gOff1), g2 = Math.fma(dG2, b, gOff2);
            float s = g1 + g2;
            float invS = 1f / s;
            float vinf = Math.fma(g2, e2, Math.fma(g1, e1, cur[i])) * invS;
            float ev = ExpPolyF.exp(s * negLam);
            float vn = Math.fma(V - vinf, ev, vinf);
            float ez1 = ExpPolyF.exp(clampZ((vn - e1) * invK1));
            float z1 = ez1 * 1f;
            float z2 = sharedK ? ez1 * ratio21 : ExpPolyF.exp(clampZ((vn - e2) * invK2)) * 1f;
            float d1 = z1 + aOn1, h1 = Math.fma(z1, bOff1, 1f), id1 = 1f / d1, ih1 = 1f / h1;
            float d2 = z2 + aOn2, h2 = Math.fma(z2, bOff2, 1f), id2 = 1f / d2, ih2 = 1f / h2;
            float p1 = z1 * id1, q1 = ih1, op1 = aOn1 * id1, oq1 = z1 * bOff1 * ih1;
            float p2 = z2 * id2, q2 = ih2, op2 = aOn2 * id2, oq2 = z2 * bOff2 * ih2;
            vo[i] = vn;
            x1o[i] = device(a, p1, q1, op1, oq1, c1, negC1, cc1, invK1, small1, tape, off + i, off + 5 * n + i);
            x2o[i] = device(b, p2, q2, op2, oq2, c2, negC2, cc2, invK2, small2, tape, off + n + i, off + 6 * n + i);
            if (!taped) continue;
            tape[off + 2 * n + i] = ev;
            tape[off + 3 * n + i] = vinf;
            tape[off + 4 * n + i] = invS;
            tape[off + 7 * n + i] = (vinf - V) * ev * lam;
        }
    }

    /**
     * One device's new state x' = x + (p - x r) g(r) from p, q, 1 - p, 1 - q; with a tape also dx'/dvn
     * and f = exp(-c r). The SIMD kernel's {@code state} pass runs these operations lane-wise.
     */
    private static float device(float a, float p, float q, float op, float oq, float c, float negC, float cc, float invK,
                                boolean smallArg, float[] tape, int dxAt, int fAt) {
        float r = p + q;
        float cr = r * c;
        float f, gf, ir = 0f, em = 0f;
        boolean series;
        if (smallArg) {
            series = true;
            float sS = sSeries(cr);
            gf = c * sS;
            f = Math.fma(-cr, sS, 1f);
        } else {
            ir = 1f / r;
            f = ExpPolyF.exp(r * negC);
            series = cr < ExpPolyF.SMALL;
            em = series ? ExpPolyF.oneMinusExpNeg(cr) : 1f - f;
            gf = em * ir;
        }
        float m = Math.fma(-a, r, p);
        float xo = Math.fma(m, gf, a);
        if (tape != null) {
            float gp = series ? gPrimeSeries(cc, cr) : Math.fma(cr, f, -em) * ir * ir;
            float dp = p * op * invK, dq = -(q * oq * invK);
            float dr = dp + dq;
            tape[dxAt] = Math.fma(Math.fma(-a, dr, dp), gf, m * gp * dr);
            tape[fAt] = f;
        }
        return xo;
    }

    final void backwardRange(int from, int to, int n, float[] tape, int off,
                             float[] gV, float[] gX1, float[] gX2, float[] gI) {
        for (int i = from; i < to; i++) {
            float dxa = tape[off + i], dxb = tape[off + n + i], ev = tape[off + 2 * n + i];
            float vinf = tape[off + 3 * n + i], invS = tape[off + 4 * n + i];
            float f1 = tape[off + 5 * n + i], f2 = tape[off + 6 * n + i], dvnDs = tape[off + 7 * n + i];
            float ga = gX1[i], gb = gX2[i];
            float gvn = Math.fma(gb, dxb, Math.fma(ga, dxa, gV[i]));
            float gvinf = gvn * (1f - ev);
            float gs = gvinf * invS;
            float t = gvn * dvnDs;
            gV[i] = gvn * ev;
            gI[i] = gs;
            float gG1 = Math.fma(gs, e1 - vinf, t), gG2 = Math.fma(gs, e2 - vinf, t);
            gX1[i] = Math.fma(ga, f1, gG1 * dG1);
            gX2[i] = Math.fma(gb, f2, gG2 * dG2);
        }
    }
}
