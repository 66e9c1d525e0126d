package io.memtile.trainer.decision;

/**
 * Applies an {@link EarlyDecisionRule} to a {@link RunningReadout} step by step: the one
 * implementation shared by {@code eval} and the simulator. Allocation-free; not thread-safe.
 */
public final class DecisionTracker {
    private final EarlyDecisionRule rule;
    private final RunningReadout readout;
    private int held;
    private int heldLeader;
    private int decidedStep;
    private int decidedClass;

    public DecisionTracker(EarlyDecisionRule rule, RunningReadout readout) {
        this.rule = rule;
        this.readout = readout;
        reset();
    }

    /** Starts a new sample (also resets the readout). */
    public void reset() {
        readout.reset();
        held = 0;
        heldLeader = -1;
        decidedStep = -1;
        decidedClass = -1;
    }

    /**
     * Feeds step t's output voltages; returns true exactly once, at the step where the rule decides.
     * The readout keeps running after the decision (for the full-run prediction).
     */
    public boolean step(int t, double[] vo) {
        readout.step(vo);
        if (decidedStep >= 0 || !rule.enabled()) return false;
        int lead = readout.leader();
        if (readout.margin() >= rule.margin()) {
            held = lead == heldLeader ? held + 1 : 1;
            heldLeader = lead;
        } else {
            held = 0;
            heldLeader = -1;
        }
        if (held >= rule.holdSteps()) {
            decidedStep = t;
            decidedClass = lead;
            return true;
        }
        return false;
    }

    public boolean decided() { return decidedStep >= 0; }

    /** Step of the decision, or -1 if the rule never fired (then the inference runs to the end). */
    public int decidedStep() { return decidedStep; }

    /** Class decided early, or the running leader when the rule has not fired. */
    public int prediction() { return decidedStep >= 0 ? decidedClass : readout.leader(); }

    /** Prediction of the full run (the readout's leader after all steps fed so far). */
    public int fullPrediction() { return readout.leader(); }

    public RunningReadout readout() { return readout; }

    public EarlyDecisionRule rule() { return rule; }
}
