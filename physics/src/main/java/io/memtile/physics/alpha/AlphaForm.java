package io.memtile.physics.alpha;

/** Discretisations of the alpha input current (spec section 2, Table II). */
public enum AlphaForm {
    /**
     * The Table II recurrence a[t+1] = (1-h) a[t] + S[t], I[t+1] = I[t] + h (a[t] - I[t]),
     * h = dt/tauAlpha: the paper's forward-Euler form.
     */
    FORWARD_EULER,
    /**
     * The exact continuous alpha current I(t) = sum_k ((t-t_k)/tau) exp(-(t-t_k)/tau), averaged over
     * each step [t, t+dt): the charge delivered in every step is exact, which is what a
     * piecewise-constant-input integrator should see (and what the SPICE cross-check drives).
     */
    STEP_AVERAGE;

    public static AlphaForm parse(String s) {
        String u = s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        return switch (u) {
            case "FORWARD_EULER", "EULER", "EXPLICIT" -> FORWARD_EULER;
            case "STEP_AVERAGE", "EXACT", "AVERAGE" -> STEP_AVERAGE;
            default -> throw new IllegalArgumentException("unknown alpha form '" + s + "' (forward-euler, step-average)");
        };
    }
}
