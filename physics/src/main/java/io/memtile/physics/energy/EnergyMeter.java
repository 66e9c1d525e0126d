package io.memtile.physics.energy;

import io.memtile.physics.mif.Integrator;

/**
 * Accumulates an {@link EnergyLedger} step by step, integrating the powers over each step with the
 * same assumption the integrator makes about V inside that step (G1, G2 and I are frozen over a
 * step in all three schemes):
 * <ul>
 *   <li>EXPONENTIAL: V(s) = Vinf + (V0 - Vinf) e^{-s/RC} exactly, so the integrals of V and of
 *       (V - E)^2 are closed-form and the balance closes to rounding error;</li>
 *   <li>EXPLICIT_EULER: left rectangle (V = V0 over the step), the scheme's own quadrature;</li>
 *   <li>SEMI_IMPLICIT: right rectangle (V = V1 over the step), likewise.</li>
 * </ul>
 * For the two Euler schemes the balance is off by C/2 (V1 - V0)^2 per step, which is the scheme's
 * own energy error, not a bookkeeping one. Allocation-free; not thread-safe.
 */
public final class EnergyMeter {
    private final Integrator kind;
    private final double c;
    private final double e1;
    private final double e2;
    private double fromE1;
    private double fromE2;
    private double fromInput;
    private double capDelta;
    private double diss1;
    private double diss2;

    public EnergyMeter(Integrator kind, double cMem, double e1, double e2) {
        this.kind = kind;
        this.c = cMem;
        this.e1 = e1;
        this.e2 = e2;
    }

    /**
     * Adds one step of length dt from membrane voltage v0 to v1 with conductances g1, g2 and input
     * current i frozen over the step.
     */
    public void step(double dt, double v0, double v1, double g1, double g2, double i) {
        double iv;   // integral of V
        double q1;   // integral of (V - E1)^2
        double q2;   // integral of (V - E2)^2
        switch (kind) {
            case EXPONENTIAL -> {
                double s = g1 + g2;
                double vinf = (i + g1 * e1 + g2 * e2) / s;
                double tau = c / s;
                double lam = dt / tau;
                double d = v0 - vinf;
                double a = -Math.expm1(-lam) * tau;              // integral of e^{-t/tau}
                double b = -Math.expm1(-2 * lam) * tau / 2;      // integral of e^{-2t/tau}
                iv = vinf * dt + d * a;
                double u1 = vinf - e1, u2 = vinf - e2;
                q1 = u1 * u1 * dt + 2 * u1 * d * a + d * d * b;
                q2 = u2 * u2 * dt + 2 * u2 * d * a + d * d * b;
            }
            case EXPLICIT_EULER -> {
                iv = v0 * dt;
                q1 = (v0 - e1) * (v0 - e1) * dt;
                q2 = (v0 - e2) * (v0 - e2) * dt;
            }
            case SEMI_IMPLICIT -> {
                iv = v1 * dt;
                q1 = (v1 - e1) * (v1 - e1) * dt;
                q2 = (v1 - e2) * (v1 - e2) * dt;
            }
            default -> throw new IllegalStateException();
        }
        // Power a rail delivers = E_i * (current out of the rail) = E_i G_i (E_i - V).
        fromE1 += e1 * g1 * (e1 * dt - iv);
        fromE2 += e2 * g2 * (e2 * dt - iv);
        fromInput += i * iv;
        diss1 += g1 * q1;
        diss2 += g2 * q2;
        capDelta += 0.5 * c * (v1 * v1 - v0 * v0);
    }

    public EnergyLedger ledger() { return new EnergyLedger(fromE1, fromE2, fromInput, capDelta, diss1, diss2); }
}
