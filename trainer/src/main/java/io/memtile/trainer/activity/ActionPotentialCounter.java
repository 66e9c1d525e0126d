package io.memtile.trainer.activity;

/**
 * Counts action potentials ({@link ActionPotentialCriterion}) of one neuron layer, one time step at
 * a time, and the neuron-steps spent inside one. A neuron enters an action potential when V_m
 * crosses the firing level from below while armed, and leaves it (re-arms) when V_m falls below the
 * re-arm level. Allocation-free after construction; one instance per layer and thread.
 *
 * <p>Step semantics match {@link io.memtile.trainer.engine.SpikeCriterion}: {@code v} is the
 * membrane voltage after the step; a neuron at rest starts armed (V_rest is below the re-arm level).
 */
public final class ActionPotentialCounter {
    private final ActionPotentialCriterion c;
    private final boolean[] firing;
    private long actionPotentials;
    private long stepsInAp;

    public ActionPotentialCounter(ActionPotentialCriterion c, int width) {
        this.c = c;
        this.firing = new boolean[width];
    }

    /** Starts a new sample: every neuron armed, counts zero. */
    public void reset() {
        java.util.Arrays.fill(firing, false);
        actionPotentials = 0;
        stepsInAp = 0;
    }

    /** Advances by one step with post-step voltages v[0..width); returns the action potentials that began in it. */
    public int step(double[] v) {
        final double on = c.onVolts(), rearm = c.rearmVolts();
        int began = 0, inside = 0;
        for (int j = 0; j < firing.length; j++) {
            double x = v[j];
            if (firing[j]) {
                if (x < rearm) firing[j] = false;
            } else if (x > on) {
                firing[j] = true;
                began++;
            }
            if (firing[j]) inside++;
        }
        actionPotentials += began;
        stepsInAp += inside;
        return began;
    }

    /** Action potentials begun since {@link #reset()}. */
    public long actionPotentials() { return actionPotentials; }

    /** Neuron-steps spent inside an action potential since {@link #reset()}. */
    public long stepsInActionPotential() { return stepsInAp; }

    public int width() { return firing.length; }
}
