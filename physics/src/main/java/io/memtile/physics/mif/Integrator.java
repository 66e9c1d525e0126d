package io.memtile.physics.mif;

/**
 * Time discretisations of the MIF ODEs (spec 1.2/1.3). All three are differentiable maps of the
 * state, so BPTT through any of them is exact; they differ in stability and accuracy.
 *
 * <p>Why EXPONENTIAL is the default: with Table III in SI units the membrane is stiff
 * (dt*G_on/C = 100, and even at rest dt*(G1+G2)/C = 2.8 &gt; 2), so the paper's forward Euler
 * diverges at dt = 0.01 ms. The exponential integrator solves the membrane equation exactly for the
 * conductances frozen over a step (and the state equation exactly for the voltage frozen), so it is
 * unconditionally stable AND reaches the correct quasi-static limit V = V_inf when the RC time is
 * far below dt. Against ngspice it is the most accurate of the three (see the README's SPICE
 * table); SEMI_IMPLICIT is cheaper (one exp per neuron-step instead of four) but first-order.
 */
public enum Integrator {
    /** The paper's Table I: every right-hand side at time t. Unstable for stiff targets. */
    EXPLICIT_EULER,
    /** Backward Euler for V (linear in V, as in the later third-party code) and linearly-implicit Euler for x, both using the new V. */
    SEMI_IMPLICIT,
    /** Exponential Euler: V and x each integrated exactly with the other frozen over the step. */
    EXPONENTIAL;

    public static Integrator parse(String s) {
        String u = s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        return switch (u) {
            case "EXPLICIT", "EULER", "FORWARD_EULER", "EXPLICIT_EULER" -> EXPLICIT_EULER;
            case "SEMI", "SEMI_IMPLICIT", "IMPLICIT", "BACKWARD_EULER" -> SEMI_IMPLICIT;
            case "EXP", "EXPONENTIAL" -> EXPONENTIAL;
            default -> throw new IllegalArgumentException("unknown integrator '" + s + "' (explicit, semi-implicit, exponential)");
        };
    }
}
