package io.memtile.physics.mif;

import io.memtile.core.target.MssParams;
import io.memtile.core.target.NeuronParams;

/**
 * One time step of a population of MIF neurons, forward and reverse mode, over primitive arrays.
 *
 * <p>State per neuron: membrane voltage v (V) and the normalised states x1, x2 of M1 (to E1) and
 * M2 (to E2). Input: the current injected into the membrane node (A), held constant over the step.
 * The model (spec 1.2): C dV/dt = I - G1 (V-E1) - G2 (V-E2); G_i = gOff + (gOn-gOff) x_i;
 * tau dx/dt = (1-x) p(V-E_i) - x q(V-E_i), p(u) = sig((u-vOn)/k), q(u) = sig((vOffCentre-u)/k).
 *
 * <p>{@link #backward} is the exact derivative (vector-Jacobian product) of {@link #forward} for
 * the chosen integrator: no surrogate, no straight-through estimator. It recomputes the step's
 * intermediates from the pre-step state instead of storing them, trading 2x exps for 3x less
 * memory per time step in BPTT. {@link #forwardTaped} / {@link #backwardTaped} are the other
 * trade: the forward step records {@link #TAPE_STRIDE} doubles per neuron so the reverse step
 * needs no exp; they evaluate the same expressions and give bit-identical results.
 *
 * <p>Both methods are allocation-free; this class is immutable and thread-safe.
 */
public final class MifKernel {
    private final Integrator kind;
    private final double dt;
    private final double c;
    private final double e1;
    private final double e2;
    private final double gOff1;
    private final double gOff2;
    private final double dG1;
    private final double dG2;
    private final double c1;
    private final double c2;
    private final double k1;
    private final double k2;
    private final double vOn1;
    private final double vOn2;
    private final double vOffC1;
    private final double vOffC2;
    /* exp(u/k) = exp(v/k) * exp(-E_i/k): with equal k both devices share one exp per step. */
    private final boolean sharedK;
    private final double expNegE1;
    private final double expNegE2;
    private final double aOn1;
    private final double aOn2;
    private final double bOff1;
    private final double bOff2;
    private final NeuronParams params;

    public MifKernel(NeuronParams p, double dt, Integrator kind) {
        this.params = p;
        this.kind = kind;
        this.dt = dt;
        this.c = p.cMem();
        this.e1 = p.e1();
        this.e2 = p.e2();
        MssParams m1 = p.m1();
        MssParams m2 = p.m2();
        gOff1 = m1.gOff();
        gOff2 = m2.gOff();
        dG1 = m1.gOn() - m1.gOff();
        dG2 = m2.gOn() - m2.gOff();
        c1 = dt / m1.tau();
        c2 = dt / m2.tau();
        k1 = m1.k();
        k2 = m2.k();
        vOn1 = m1.vOn();
        vOn2 = m2.vOn();
        vOffC1 = m1.offCentre();
        vOffC2 = m2.offCentre();
        sharedK = k1 == k2;
        expNegE1 = Math.exp(-e1 / k1);
        expNegE2 = Math.exp(-e2 / k2);
        aOn1 = Math.exp(vOn1 / k1);
        aOn2 = Math.exp(vOn2 / k2);
        bOff1 = Math.exp(-vOffC1 / k1);
        bOff2 = Math.exp(-vOffC2 / k2);
    }

    public Integrator integrator() { return kind; }

    public double dt() { return dt; }

    public NeuronParams params() { return params; }

    public double conductance1(double x1) { return gOff1 + dG1 * x1; }

    public double conductance2(double x2) { return gOff2 + dG2 * x2; }

    /** In-place step of neurons [0, n). */
    public void step(int n, double[] v, double[] x1, double[] x2, double[] current) {
        forward(n, v, x1, x2, current, v, x1, x2);
    }

    /**
     * Advances neurons [0, n) by one step. Outputs may alias inputs (element i is read before it
     * is written).
     */
    public void forward(int n, double[] v, double[] x1, double[] x2, double[] current,
                        double[] vOut, double[] x1Out, double[] x2Out) {
        switch (kind) {
            case EXPLICIT_EULER -> forwardExplicit(n, v, x1, x2, current, vOut, x1Out, x2Out);
            case SEMI_IMPLICIT -> forwardSemi(n, v, x1, x2, current, vOut, x1Out, x2Out);
            case EXPONENTIAL -> forwardExp(n, v, x1, x2, current, vOut, x1Out, x2Out);
            default -> throw new IllegalStateException();
        }
    }

    /**
     * Reverse mode of {@link #forward}. Given the pre-step state (v, x1, x2, current) and the
     * adjoints of the post-step state in gV, gX1, gX2, overwrites gV, gX1, gX2 with the adjoints of
     * the pre-step state and writes the adjoint of the input current into gCurrent.
     */
    public void backward(int n, double[] v, double[] x1, double[] x2, double[] current,
                         double[] gV, double[] gX1, double[] gX2, double[] gCurrent) {
        switch (kind) {
            case EXPLICIT_EULER -> backwardExplicit(n, v, x1, x2, current, gV, gX1, gX2, gCurrent);
            case SEMI_IMPLICIT -> backwardSemi(n, v, x1, x2, current, gV, gX1, gX2, gCurrent);
            case EXPONENTIAL -> backwardExp(n, v, x1, x2, current, gV, gX1, gX2, gCurrent);
            default -> throw new IllegalStateException();
        }
    }

    /** Doubles per neuron stored by {@link #forwardTaped} (same for every integrator). */
    public static final int TAPE_STRIDE = 8;

    /**
     * {@link #forward} that also records, for each neuron i in [0, n), the TAPE_STRIDE doubles
     * {@link #backwardTaped} needs at tape[tapeOffset + TAPE_STRIDE * i ...]. The state outputs are
     * bit-identical to {@link #forward}; outputs may alias inputs as there.
     *
     * <p>The taped loops deliberately repeat the arithmetic of the plain ones instead of sharing it:
     * the simulator and eval call the plain forward ~10^8 times per run, and a branch on "tape or not"
     * inside the per-neuron loop cost ~12% there; MifKernelTapeTest pins the two copies to identical
     * bits, so they cannot drift apart unnoticed.
     */
    public void forwardTaped(int n, double[] v, double[] x1, double[] x2, double[] current,
                             double[] vOut, double[] x1Out, double[] x2Out, double[] tape, int tapeOffset) {
        switch (kind) {
            case EXPLICIT_EULER -> forwardExplicitTaped(n, v, x1, x2, current, vOut, x1Out, x2Out, tape, tapeOffset);
            case SEMI_IMPLICIT -> forwardSemiTaped(n, v, x1, x2, current, vOut, x1Out, x2Out, tape, tapeOffset);
            case EXPONENTIAL -> forwardExpTaped(n, v, x1, x2, current, vOut, x1Out, x2Out, tape, tapeOffset);
            default -> throw new IllegalStateException();
        }
    }

    /**
     * {@link #backward} from the intermediates recorded by {@link #forwardTaped} for the same step
     * (no exp is recomputed). Evaluates exactly the same expressions as {@link #backward}, so
     * the results are bit-identical to it.
     */
    public void backwardTaped(int n, double[] tape, int tapeOffset,
                              double[] gV, double[] gX1, double[] gX2, double[] gCurrent) {
        switch (kind) {
            case EXPLICIT_EULER -> backwardExplicitTaped(n, tape, tapeOffset, gV, gX1, gX2, gCurrent);
            case SEMI_IMPLICIT -> backwardSemiTaped(n, tape, tapeOffset, gV, gX1, gX2, gCurrent);
            case EXPONENTIAL -> backwardExpTaped(n, tape, tapeOffset, gV, gX1, gX2, gCurrent);
            default -> throw new IllegalStateException();
        }
    }

    // ---------------------------------------------------------------- rates

    /* ez_i = exp((v - E_i)/k_i); p = 1/(1 + aOn/ez), q = 1/(1 + ez*bOff). Written this way so that
       ez = +inf or 0 (a diverging explicit run) still gives p, q in [0, 1] rather than NaN. */
    private double ez1(double v) { return sharedK ? Math.exp(v / k1) * expNegE1 : Math.exp((v - e1) / k1); }

    private double ez2(double v, double ez1) {
        return sharedK ? ez1 / expNegE1 * expNegE2 : Math.exp((v - e2) / k2);
    }

    // ---------------------------------------------------------------- explicit Euler

    private void forwardExplicit(int n, double[] v, double[] x1, double[] x2, double[] cur,
                                 double[] vo, double[] x1o, double[] x2o) {
        final double h = dt / c;
        for (int i = 0; i < n; i++) {
            double V = v[i], a = x1[i], b = x2[i];
            double g1 = gOff1 + dG1 * a, g2 = gOff2 + dG2 * b;
            double z1 = ez1(V), z2 = ez2(V, z1);
            double p1 = 1 / (1 + aOn1 / z1), q1 = 1 / (1 + z1 * bOff1);
            double p2 = 1 / (1 + aOn2 / z2), q2 = 1 / (1 + z2 * bOff2);
            vo[i] = V + h * (cur[i] - g1 * (V - e1) - g2 * (V - e2));
            x1o[i] = a + c1 * ((1 - a) * p1 - a * q1);
            x2o[i] = b + c2 * ((1 - b) * p2 - b * q2);
        }
    }

    private void backwardExplicit(int n, double[] v, double[] x1, double[] x2, double[] cur,
                                  double[] gV, double[] gX1, double[] gX2, double[] gI) {
        final double h = dt / c;
        for (int i = 0; i < n; i++) {
            double V = v[i], a = x1[i], b = x2[i];
            double g1 = gOff1 + dG1 * a, g2 = gOff2 + dG2 * b;
            double z1 = ez1(V), z2 = ez2(V, z1);
            double p1 = 1 / (1 + aOn1 / z1), q1 = 1 / (1 + z1 * bOff1);
            double p2 = 1 / (1 + aOn2 / z2), q2 = 1 / (1 + z2 * bOff2);
            double dp1 = p1 * (1 - p1) / k1, dq1 = -q1 * (1 - q1) / k1;
            double dp2 = p2 * (1 - p2) / k2, dq2 = -q2 * (1 - q2) / k2;
            double gv = gV[i], ga = gX1[i], gb = gX2[i];
            gI[i] = gv * h;
            gV[i] = gv * (1 - h * (g1 + g2))
                    + ga * c1 * ((1 - a) * dp1 - a * dq1)
                    + gb * c2 * ((1 - b) * dp2 - b * dq2);
            gX1[i] = ga * (1 - c1 * (p1 + q1)) - gv * h * (V - e1) * dG1;
            gX2[i] = gb * (1 - c2 * (p2 + q2)) - gv * h * (V - e2) * dG2;
        }
    }

    /* tape: 1 - h (g1 + g2), (1-a) dp1 - a dq1, (1-b) dp2 - b dq2, 1 - c1 r1, 1 - c2 r2, V - E1, V - E2 */
    private void forwardExplicitTaped(int n, double[] v, double[] x1, double[] x2, double[] cur,
                                      double[] vo, double[] x1o, double[] x2o, double[] tape, int off) {
        final double h = dt / c;
        for (int i = 0, o = off; i < n; i++, o += TAPE_STRIDE) {
            double V = v[i], a = x1[i], b = x2[i];
            double g1 = gOff1 + dG1 * a, g2 = gOff2 + dG2 * b;
            double z1 = ez1(V), z2 = ez2(V, z1);
            double p1 = 1 / (1 + aOn1 / z1), q1 = 1 / (1 + z1 * bOff1);
            double p2 = 1 / (1 + aOn2 / z2), q2 = 1 / (1 + z2 * bOff2);
            vo[i] = V + h * (cur[i] - g1 * (V - e1) - g2 * (V - e2));
            x1o[i] = a + c1 * ((1 - a) * p1 - a * q1);
            x2o[i] = b + c2 * ((1 - b) * p2 - b * q2);
            double dp1 = p1 * (1 - p1) / k1, dq1 = -q1 * (1 - q1) / k1;
            double dp2 = p2 * (1 - p2) / k2, dq2 = -q2 * (1 - q2) / k2;
            tape[o] = 1 - h * (g1 + g2);
            tape[o + 1] = (1 - a) * dp1 - a * dq1;
            tape[o + 2] = (1 - b) * dp2 - b * dq2;
            tape[o + 3] = 1 - c1 * (p1 + q1);
            tape[o + 4] = 1 - c2 * (p2 + q2);
            tape[o + 5] = V - e1;
            tape[o + 6] = V - e2;
        }
    }

    private void backwardExplicitTaped(int n, double[] tape, int off,
                                       double[] gV, double[] gX1, double[] gX2, double[] gI) {
        final double h = dt / c;
        for (int i = 0, o = off; i < n; i++, o += TAPE_STRIDE) {
            double gv = gV[i], ga = gX1[i], gb = gX2[i];
            gI[i] = gv * h;
            gV[i] = gv * tape[o]
                    + ga * c1 * tape[o + 1]
                    + gb * c2 * tape[o + 2];
            gX1[i] = ga * tape[o + 3] - gv * h * tape[o + 5] * dG1;
            gX2[i] = gb * tape[o + 4] - gv * h * tape[o + 6] * dG2;
        }
    }

    // ---------------------------------------------------------------- semi-implicit Euler

    private void forwardSemi(int n, double[] v, double[] x1, double[] x2, double[] cur,
                             double[] vo, double[] x1o, double[] x2o) {
        for (int i = 0; i < n; i++) {
            double V = v[i], a = x1[i], b = x2[i];
            double g1 = gOff1 + dG1 * a, g2 = gOff2 + dG2 * b;
            double vn = (c * V + dt * (cur[i] + g1 * e1 + g2 * e2)) / (c + dt * (g1 + g2));
            double z1 = ez1(vn), z2 = ez2(vn, z1);
            double p1 = 1 / (1 + aOn1 / z1), q1 = 1 / (1 + z1 * bOff1);
            double p2 = 1 / (1 + aOn2 / z2), q2 = 1 / (1 + z2 * bOff2);
            vo[i] = vn;
            x1o[i] = (a + c1 * p1) / (1 + c1 * (p1 + q1));
            x2o[i] = (b + c2 * p2) / (1 + c2 * (p2 + q2));
        }
    }

    private void backwardSemi(int n, double[] v, double[] x1, double[] x2, double[] cur,
                              double[] gV, double[] gX1, double[] gX2, double[] gI) {
        for (int i = 0; i < n; i++) {
            double V = v[i], a = x1[i], b = x2[i];
            double g1 = gOff1 + dG1 * a, g2 = gOff2 + dG2 * b;
            double den = c + dt * (g1 + g2);
            double vn = (c * V + dt * (cur[i] + g1 * e1 + g2 * e2)) / den;
            double z1 = ez1(vn), z2 = ez2(vn, z1);
            double p1 = 1 / (1 + aOn1 / z1), q1 = 1 / (1 + z1 * bOff1);
            double p2 = 1 / (1 + aOn2 / z2), q2 = 1 / (1 + z2 * bOff2);
            double dp1 = p1 * (1 - p1) / k1, dq1 = -q1 * (1 - q1) / k1;
            double dp2 = p2 * (1 - p2) / k2, dq2 = -q2 * (1 - q2) / k2;
            double d1 = 1 + c1 * (p1 + q1), d2 = 1 + c2 * (p2 + q2);
            double an = (a + c1 * p1) / d1, bn = (b + c2 * p2) / d2;
            double ga = gX1[i], gb = gX2[i];
            // total adjoint of vn: direct plus through the rates of both state updates
            double gvn = gV[i] + ga * c1 * (dp1 - an * (dp1 + dq1)) / d1 + gb * c2 * (dp2 - bn * (dp2 + dq2)) / d2;
            gV[i] = gvn * c / den;
            gI[i] = gvn * dt / den;
            gX1[i] = ga / d1 + gvn * dt * (e1 - vn) / den * dG1;
            gX2[i] = gb / d2 + gvn * dt * (e2 - vn) / den * dG2;
        }
    }

    /* tape: den, vn, d1, d2, c1 (dp1 - an (dp1 + dq1)), c2 (dp2 - bn (dp2 + dq2)) */
    private void forwardSemiTaped(int n, double[] v, double[] x1, double[] x2, double[] cur,
                                  double[] vo, double[] x1o, double[] x2o, double[] tape, int off) {
        for (int i = 0, o = off; i < n; i++, o += TAPE_STRIDE) {
            double V = v[i], a = x1[i], b = x2[i];
            double g1 = gOff1 + dG1 * a, g2 = gOff2 + dG2 * b;
            double den = c + dt * (g1 + g2);
            double vn = (c * V + dt * (cur[i] + g1 * e1 + g2 * e2)) / den;
            double z1 = ez1(vn), z2 = ez2(vn, z1);
            double p1 = 1 / (1 + aOn1 / z1), q1 = 1 / (1 + z1 * bOff1);
            double p2 = 1 / (1 + aOn2 / z2), q2 = 1 / (1 + z2 * bOff2);
            double d1 = 1 + c1 * (p1 + q1), d2 = 1 + c2 * (p2 + q2);
            double an = (a + c1 * p1) / d1, bn = (b + c2 * p2) / d2;
            vo[i] = vn;
            x1o[i] = an;
            x2o[i] = bn;
            double dp1 = p1 * (1 - p1) / k1, dq1 = -q1 * (1 - q1) / k1;
            double dp2 = p2 * (1 - p2) / k2, dq2 = -q2 * (1 - q2) / k2;
            tape[o] = den;
            tape[o + 1] = vn;
            tape[o + 2] = d1;
            tape[o + 3] = d2;
            tape[o + 4] = dp1 - an * (dp1 + dq1);
            tape[o + 5] = dp2 - bn * (dp2 + dq2);
        }
    }

    private void backwardSemiTaped(int n, double[] tape, int off,
                                   double[] gV, double[] gX1, double[] gX2, double[] gI) {
        for (int i = 0, o = off; i < n; i++, o += TAPE_STRIDE) {
            double den = tape[o], vn = tape[o + 1], d1 = tape[o + 2], d2 = tape[o + 3];
            double ga = gX1[i], gb = gX2[i];
            double gvn = gV[i] + ga * c1 * tape[o + 4] / d1 + gb * c2 * tape[o + 5] / d2;
            gV[i] = gvn * c / den;
            gI[i] = gvn * dt / den;
            gX1[i] = ga / d1 + gvn * dt * (e1 - vn) / den * dG1;
            gX2[i] = gb / d2 + gvn * dt * (e2 - vn) / den * dG2;
        }
    }

    // ---------------------------------------------------------------- exponential Euler

    /* x update: x' = x + (p - x r) * g(r), g(r) = (1 - exp(-c r)) / r, the exact solution of
       dx/dt = ((1-x)p - x q)/tau with p, q frozen. Written via g so that r -> 0 is harmless. */
    private static double gFun(double cc, double r, double f) {
        double cr = cc * r;
        return cr < 1e-8 ? cc * (1 - 0.5 * cr) : (1 - f) / r;
    }

    private static double gPrime(double cc, double r, double f) {
        double cr = cc * r;
        if (cr < 1e-3) return cc * cc * (-0.5 + cr / 3 - cr * cr / 8 + cr * cr * cr / 30);
        return (cr * f - (1 - f)) / (r * r);
    }

    private void forwardExp(int n, double[] v, double[] x1, double[] x2, double[] cur,
                            double[] vo, double[] x1o, double[] x2o) {
        final double lam = dt / c;
        for (int i = 0; i < n; i++) {
            double V = v[i], a = x1[i], b = x2[i];
            double g1 = gOff1 + dG1 * a, g2 = gOff2 + dG2 * b;
            double s = g1 + g2;
            double vinf = (cur[i] + g1 * e1 + g2 * e2) / s;
            double ev = Math.exp(-lam * s);
            double vn = vinf + (V - vinf) * ev;
            double z1 = ez1(vn), z2 = ez2(vn, z1);
            double p1 = 1 / (1 + aOn1 / z1), q1 = 1 / (1 + z1 * bOff1);
            double p2 = 1 / (1 + aOn2 / z2), q2 = 1 / (1 + z2 * bOff2);
            double r1 = p1 + q1, r2 = p2 + q2;
            double f1 = Math.exp(-c1 * r1), f2 = Math.exp(-c2 * r2);
            vo[i] = vn;
            x1o[i] = a + (p1 - a * r1) * gFun(c1, r1, f1);
            x2o[i] = b + (p2 - b * r2) * gFun(c2, r2, f2);
        }
    }

    private void backwardExp(int n, double[] v, double[] x1, double[] x2, double[] cur,
                             double[] gV, double[] gX1, double[] gX2, double[] gI) {
        final double lam = dt / c;
        for (int i = 0; i < n; i++) {
            double V = v[i], a = x1[i], b = x2[i];
            double g1 = gOff1 + dG1 * a, g2 = gOff2 + dG2 * b;
            double s = g1 + g2;
            double vinf = (cur[i] + g1 * e1 + g2 * e2) / s;
            double ev = Math.exp(-lam * s);
            double vn = vinf + (V - vinf) * ev;
            double z1 = ez1(vn), z2 = ez2(vn, z1);
            double p1 = 1 / (1 + aOn1 / z1), q1 = 1 / (1 + z1 * bOff1);
            double p2 = 1 / (1 + aOn2 / z2), q2 = 1 / (1 + z2 * bOff2);
            double dp1 = p1 * (1 - p1) / k1, dq1 = -q1 * (1 - q1) / k1;
            double dp2 = p2 * (1 - p2) / k2, dq2 = -q2 * (1 - q2) / k2;
            double r1 = p1 + q1, r2 = p2 + q2;
            double f1 = Math.exp(-c1 * r1), f2 = Math.exp(-c2 * r2);
            double ga = gX1[i], gb = gX2[i];
            // d x'/d vn = (p' - x r') g + (p - x r) g'(r) r'
            double dr1 = dp1 + dq1, dr2 = dp2 + dq2;
            double dxa = (dp1 - a * dr1) * gFun(c1, r1, f1) + (p1 - a * r1) * gPrime(c1, r1, f1) * dr1;
            double dxb = (dp2 - b * dr2) * gFun(c2, r2, f2) + (p2 - b * r2) * gPrime(c2, r2, f2) * dr2;
            double gvn = gV[i] + ga * dxa + gb * dxb;
            // vn = vinf + (V - vinf) e^{-lam s}
            double dvnDs = -(V - vinf) * ev * lam; // through the exponent lam*s; the vinf path is gvinf
            double gvinf = gvn * (1 - ev);
            gV[i] = gvn * ev;
            gI[i] = gvinf / s;
            // d vinf / d g_i = (E_i - vinf)/s ; d vn / d s (exponent) = -(V - vinf) e lam
            double gG1 = gvinf * (e1 - vinf) / s + gvn * dvnDs;
            double gG2 = gvinf * (e2 - vinf) / s + gvn * dvnDs;
            gX1[i] = ga * f1 + gG1 * dG1;
            gX2[i] = gb * f2 + gG2 * dG2;
        }
    }

    /* tape: dxa, dxb, ev, vinf, s, f1, f2, dvnDs */
    private void forwardExpTaped(int n, double[] v, double[] x1, double[] x2, double[] cur,
                                 double[] vo, double[] x1o, double[] x2o, double[] tape, int off) {
        final double lam = dt / c;
        for (int i = 0, o = off; i < n; i++, o += TAPE_STRIDE) {
            double V = v[i], a = x1[i], b = x2[i];
            double g1 = gOff1 + dG1 * a, g2 = gOff2 + dG2 * b;
            double s = g1 + g2;
            double vinf = (cur[i] + g1 * e1 + g2 * e2) / s;
            double ev = Math.exp(-lam * s);
            double vn = vinf + (V - vinf) * ev;
            double z1 = ez1(vn), z2 = ez2(vn, z1);
            double p1 = 1 / (1 + aOn1 / z1), q1 = 1 / (1 + z1 * bOff1);
            double p2 = 1 / (1 + aOn2 / z2), q2 = 1 / (1 + z2 * bOff2);
            double r1 = p1 + q1, r2 = p2 + q2;
            double f1 = Math.exp(-c1 * r1), f2 = Math.exp(-c2 * r2);
            double gf1 = gFun(c1, r1, f1), gf2 = gFun(c2, r2, f2);
            vo[i] = vn;
            x1o[i] = a + (p1 - a * r1) * gf1;
            x2o[i] = b + (p2 - b * r2) * gf2;
            double dp1 = p1 * (1 - p1) / k1, dq1 = -q1 * (1 - q1) / k1;
            double dp2 = p2 * (1 - p2) / k2, dq2 = -q2 * (1 - q2) / k2;
            double dr1 = dp1 + dq1, dr2 = dp2 + dq2;
            tape[o] = (dp1 - a * dr1) * gf1 + (p1 - a * r1) * gPrime(c1, r1, f1) * dr1;
            tape[o + 1] = (dp2 - b * dr2) * gf2 + (p2 - b * r2) * gPrime(c2, r2, f2) * dr2;
            tape[o + 2] = ev;
            tape[o + 3] = vinf;
            tape[o + 4] = s;
            tape[o + 5] = f1;
            tape[o + 6] = f2;
            tape[o + 7] = -(V - vinf) * ev * lam;
        }
    }

    private void backwardExpTaped(int n, double[] tape, int off,
                                  double[] gV, double[] gX1, double[] gX2, double[] gI) {
        for (int i = 0, o = off; i < n; i++, o += TAPE_STRIDE) {
            double ev = tape[o + 2], vinf = tape[o + 3], s = tape[o + 4];
            double ga = gX1[i], gb = gX2[i];
            double gvn = gV[i] + ga * tape[o] + gb * tape[o + 1];
            double dvnDs = tape[o + 7];
            double gvinf = gvn * (1 - ev);
            gV[i] = gvn * ev;
            gI[i] = gvinf / s;
            double gG1 = gvinf * (e1 - vinf) / s + gvn * dvnDs;
            double gG2 = gvinf * (e2 - vinf) / s + gvn * dvnDs;
            gX1[i] = ga * tape[o + 5] + gG1 * dG1;
            gX2[i] = gb * tape[o + 6] + gG2 * dG2;
        }
    }

    // ---------------------------------------------------------------- rest point

    /**
     * The resting state with no input: the V where G1(x1eq)(V-E1) + G2(x2eq)(V-E2) = 0, found by
     * bisection (the residual is monotone in V for the MIF parameters). It is a fixed point of
     * every integrator, so all three start from the same state. Returns {v, x1, x2}.
     */
    public double[] restState() {
        double lo = Math.min(e1, e2), hi = Math.max(e1, e2);
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi);
            if (residual(mid) > 0) hi = mid; else lo = mid;
        }
        double vr = 0.5 * (lo + hi);
        return new double[] {vr, xEq(vr - e1, vOn1, vOffC1, k1), xEq(vr - e2, vOn2, vOffC2, k2)};
    }

    private double residual(double vv) {
        double a = xEq(vv - e1, vOn1, vOffC1, k1), b = xEq(vv - e2, vOn2, vOffC2, k2);
        return (gOff1 + dG1 * a) * (vv - e1) + (gOff2 + dG2 * b) * (vv - e2);
    }

    /** Steady-state x of a device at control voltage u: p/(p+q). */
    public static double xEq(double u, double vOn, double vOffCentre, double k) {
        double p = 1 / (1 + Math.exp(-(u - vOn) / k));
        double q = 1 / (1 + Math.exp(-(vOffCentre - u) / k));
        return p / (p + q);
    }
}
