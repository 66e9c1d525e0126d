package io.memtile.sim.monitor;

/**
 * Per-sample outputs of {@link SampleMonitor}, written at each sample's own slots (no locking, no
 * dependence on which thread ran which sample) and reduced in sample order by the result assembly.
 */
public final class MonitorArrays {
    public final int n;
    public final int depth;
    public final int energySlots;
    /** actionPotentials[i * depth + l]: action potentials begun in neuron layer l+1 during sample i. */
    public final long[] actionPotentials;
    /** apSteps[i * depth + l]: neuron-steps of layer l+1 spent inside an action potential in sample i. */
    public final long[] apSteps;
    /** earlyStep[i]: step at which the early-decision rule fired in sample i, or -1. */
    public final int[] earlyStep;
    /** earlyPredicted[i]: class decided early (the full-run leader when the rule never fired). */
    public final int[] earlyPredicted;
    /** energyAtDecision[i * energySlots + k]: sample i's energy record at its decision (the full record if it never fired). */
    public final double[] energyAtDecision;

    public MonitorArrays(int n, int depth, int energySlots) {
        this.n = n;
        this.depth = depth;
        this.energySlots = energySlots;
        actionPotentials = new long[n * depth];
        apSteps = new long[n * depth];
        earlyStep = new int[n];
        earlyPredicted = new int[n];
        energyAtDecision = new double[n * energySlots];
    }
}
