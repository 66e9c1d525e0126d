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
    /**
     * rowStats[i * ROW_STATS * depth + ROW_STATS * l + k], per sample i and weight layer l: k = 0, 1: sums over rows and
     * steps of |V| and V^2 on layer l's word lines; k = 2: the (input, step) pairs of a membrane-driven layer whose cell
     * voltage exceeds the tile's read limit (readVoltageMax), counted by the engines (0 for the alpha-driven layer 0,
     * whose bound is static: see Results).
     */
    public final double[] rowStats;
    /** Slots per sample and layer in {@link #rowStats}. */
    public static final int ROW_STATS = 3;
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
        rowStats = new double[n * ROW_STATS * s.depth];
        spikeCounts = new long[s.depth][s.steps];
        monitor = new io.memtile.sim.monitor.MonitorArrays(n, s.depth, energySlots);
    }
}
