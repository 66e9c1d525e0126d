package io.memtile.sim.engine;

/**
 * Per-sample outputs of a run, written by the workers at each sample's own slots (so no locking and
 * no dependence on which thread ran which sample) and reduced in sample order afterwards.
 */
public final class SimArrays {
    public final int n;
    public final int energySlots;
    public final int[] predicted;
    public final int[] firstSpikeStep;
    public final int[] decisionStep;
    /** energy[i * energySlots + k], layout in {@link SampleEngine}. */
    public final double[] energy;
    /** rowStats[i * 2 * depth + 2l (+1)]: sum over rows and steps of |V| (and V^2) on layer l word lines. */
    public final double[] rowStats;
    /** spikeCounts[l][t]: spiking neurons of neuron layer l+1 at step t, summed over samples (exact integers). */
    public final long[][] spikeCounts;
    /** Outputs of the per-step monitor (action potentials, early decision). */
    public final io.memtile.sim.monitor.MonitorArrays monitor;

    public SimArrays(EngineSpec s, int n) {
        this.n = n;
        this.energySlots = SampleEngine.energySlots(s);
        predicted = new int[n];
        firstSpikeStep = new int[n];
        decisionStep = new int[n];
        energy = new double[n * energySlots];
        rowStats = new double[n * 2 * s.depth];
        spikeCounts = new long[s.depth][s.steps];
        monitor = new io.memtile.sim.monitor.MonitorArrays(n, s.depth, energySlots);
    }
}
