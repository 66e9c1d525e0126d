package io.memtile.trainer.decision;

/**
 * When an inference may stop: the readout's leader is ahead of the runner-up by at least
 * {@code margin} (logit units, see {@link RunningReadout#margin()}) on {@code holdSteps}
 * consecutive steps, with the same leader throughout. The decision is the step at which the hold
 * completes; the predicted class is that leader.
 *
 * <p>A circuit implements it with what the readout already needs: for the summed-log-softmax
 * readout the score difference of two classes is sum_t (V_a - V_b) / lossVoltageUnit (the
 * log-sum-exp term is common to all classes and cancels), i.e. the difference of two integrating
 * capacitors fed by the output membranes; a winner-take-all with an offset of {@code margin}
 * flags the lead, and a {@code holdSteps}-bit counter (reset whenever the flag drops or the winner
 * changes) raises "done" and gates the alpha generators and word-line drivers off. For the
 * max-voltage readout the capacitors are peak detectors and the margin is in units of lossVoltageUnit.
 *
 * @param margin    required lead of the best class over the second, in logit units (&gt; 0)
 * @param holdSteps consecutive steps the lead must hold (&gt;= 1); 0 disables early decision
 */
public record EarlyDecisionRule(double margin, int holdSteps) {
    /**
     * Defaults chosen from measurements of the chips with every non-ideality (demo, 500 images; MNIST and Fashion-MNIST,
     * first 2,000 test images; margins 500, 400, 300 and 200 swept with {@code memtile simulate --early-margin M}; a
     * smaller margin decides earlier and so charges less energy, but may lose accuracy). 300 is the smallest of them
     * that lost no accuracy on any of the three; the figures are in README ("Early decision").
     */
    public static final double DEFAULT_MARGIN = 300.0;
    public static final int DEFAULT_HOLD_STEPS = 20;

    public static final EarlyDecisionRule DEFAULT = new EarlyDecisionRule(DEFAULT_MARGIN, DEFAULT_HOLD_STEPS);
    public static final EarlyDecisionRule OFF = new EarlyDecisionRule(0, 0);

    public EarlyDecisionRule {
        if (holdSteps < 0) throw new IllegalArgumentException("holdSteps must be >= 0, got " + holdSteps);
        if (holdSteps > 0 && !(margin > 0 && Double.isFinite(margin))) throw new IllegalArgumentException("margin must be > 0, got " + margin);
    }

    public boolean enabled() { return holdSteps > 0; }

    public String describe() {
        return enabled() ? "margin " + margin + " logit units held " + holdSteps + " steps" : "off";
    }
}
