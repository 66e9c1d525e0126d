package io.memtile.physics.mss;

import io.memtile.core.target.MssParams;

/**
 * Switching rates and probabilities of one metastable switch (spec 3.1/3.2).
 *
 * <p>Per unit of tau, an OFF switch turns ON at rate sigma((v - vOn)/k) and an ON switch turns OFF
 * at rate sigma((offCentre - v)/k). Knowm's stochastic model uses the first-order per-step
 * probability alpha*rate with alpha = dt/tau (clipped to [0, 1]); for programming pulses that can be
 * longer than tau we use the exact two-state Markov solution instead, which equals Knowm's for
 * dt &lt;&lt; tau and stays a probability for any width.
 */
public final class MssRates {
    private MssRates() {}

    static double sigmoid(double z) { return 1 / (1 + Math.exp(-z)); }

    /** OFF-to-ON rate per tau at device voltage v (dimensionless, in [0, 1]). */
    public static double onRate(MssParams p, double v) { return sigmoid((v - p.vOn()) / p.k()); }

    /** ON-to-OFF rate per tau at device voltage v (dimensionless, in [0, 1]). */
    public static double offRate(MssParams p, double v) { return sigmoid((p.offCentre() - v) / p.k()); }

    /** Knowm's per-step probability (dt/tau) * onRate, clipped to [0, 1]. */
    public static double knowmPOn(MssParams p, double v, double dt) { return Math.min(1, dt / p.tau() * onRate(p, v)); }

    /** Knowm's per-step probability (dt/tau) * offRate, clipped to [0, 1]. */
    public static double knowmPOff(MssParams p, double v, double dt) { return Math.min(1, dt / p.tau() * offRate(p, v)); }

    /**
     * Exact probabilities that a switch which starts OFF is ON after a pulse of {@code width}
     * seconds at constant v (out[0]), and that one which starts ON is OFF (out[1]).
     */
    public static void pulseProbabilities(MssParams p, double v, double width, double[] out) {
        double a = onRate(p, v), b = offRate(p, v);
        double r = a + b;
        double decay = -Math.expm1(-r * width / p.tau());
        out[0] = r > 0 ? a / r * decay : 0;
        out[1] = r > 0 ? b / r * decay : 0;
    }

    /** Equilibrium fraction ON at constant v: detailed balance (1-x) a = x b. */
    public static double xEq(MssParams p, double v) {
        double a = onRate(p, v), b = offRate(p, v);
        return a / (a + b);
    }

    /** Mean-field state after a pulse: x(w) = xEq + (x0 - xEq) exp(-(a+b) w / tau). */
    public static double meanFieldAfter(MssParams p, double x0, double v, double width) {
        double a = onRate(p, v), b = offRate(p, v);
        double xe = a / (a + b);
        return xe + (x0 - xe) * Math.exp(-(a + b) * width / p.tau());
    }
}
