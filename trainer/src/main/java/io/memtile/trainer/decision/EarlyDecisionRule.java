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
     * Defaults chosen from measurements on the demo and full-MNIST models (margins swept with {@code memtile eval
     * --early-margin M --early-hold 20}; a smaller margin decides earlier but loses accuracy). On the release build,
     * {@code memtile eval --model mnist.json --dataset mnist} decides with no loss (95.91 %) after 145.0 of 1,000
     * steps on average, and the demo's chip (every non-ideality) with no loss (87.00 %) at a mean 2.586 ms.
     */
    public static final double DEFAULT_MARGIN = 500.0;
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
