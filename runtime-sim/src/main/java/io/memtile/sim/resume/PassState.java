package io.memtile.sim.resume;

import io.memtile.core.json.Fields;
import io.memtile.sim.engine.SimArrays;
import io.memtile.sim.monitor.MonitorArrays;
import java.util.Arrays;

/**
 * The per-sample outputs of samples [0, done) of one pass, copied out of {@link SimArrays} (only
 * the finished prefix, so the file grows with the work done), plus the pass's spike counts over
 * those samples and the time it has taken so far.
 */
public record PassState(String key, int samples, int done, int[] predicted, int[] firstSpikeStep, int[] decisionStep,
                        double[] energy, double[] rowStats, long[][] spikeCounts, long[] actionPotentials, long[] apSteps,
                        int[] earlyStep, int[] earlyPredicted, double[] energyAtDecision, double wallSeconds, double cpuSeconds) {

    /** Copies samples [0, done) of {@code a}; the caller guarantees no sample at or beyond done has run. */
    public static PassState capture(String key, SimArrays a, int done, double wallSeconds, double cpuSeconds) {
        int slots = a.energySlots, rs = a.rowStats.length / Math.max(1, a.n), depth = a.monitor.depth;
        long[][] spikes = new long[a.spikeCounts.length][];
        for (int l = 0; l < spikes.length; l++) spikes[l] = a.spikeCounts[l].clone();
        MonitorArrays m = a.monitor;
        return new PassState(key, a.n, done, Arrays.copyOf(a.predicted, done), Arrays.copyOf(a.firstSpikeStep, done),
                Arrays.copyOf(a.decisionStep, done), Arrays.copyOf(a.energy, done * slots), Arrays.copyOf(a.rowStats, done * rs),
                spikes, Arrays.copyOf(m.actionPotentials, done * depth), Arrays.copyOf(m.apSteps, done * depth),
                Arrays.copyOf(m.earlyStep, done), Arrays.copyOf(m.earlyPredicted, done), Arrays.copyOf(m.energyAtDecision, done * slots),
                wallSeconds, cpuSeconds);
    }

    /** Writes the saved prefix back into freshly allocated arrays of the same shape. */
    public void restoreInto(SimArrays a, String source) {
        int slots = a.energySlots, rs = a.rowStats.length / Math.max(1, a.n), depth = a.monitor.depth;
        Fields f = Fields.root(source).sub(key);
        f.check(a.n == samples, "samples", "is " + samples + " but this run has " + a.n);
        f.check(energy.length == done * slots && energyAtDecision.length == done * slots, "energy",
                "has " + energy.length + " values, expected " + done * slots + " (a different program?)");
        f.check(rowStats.length == done * rs, "rowStats", "has " + rowStats.length + " values, expected " + done * rs);
        f.check(actionPotentials.length == done * depth && apSteps.length == done * depth, "actionPotentials", "does not match the network depth");
        f.check(spikeCounts.length == a.spikeCounts.length, "spikeCounts", "does not match the network depth");
        for (int l = 0; l < spikeCounts.length; l++) {
            f.check(spikeCounts[l].length == a.spikeCounts[l].length, "spikeCounts", "does not match the step count");
            System.arraycopy(spikeCounts[l], 0, a.spikeCounts[l], 0, spikeCounts[l].length);
        }
        System.arraycopy(predicted, 0, a.predicted, 0, done);
        System.arraycopy(firstSpikeStep, 0, a.firstSpikeStep, 0, done);
        System.arraycopy(decisionStep, 0, a.decisionStep, 0, done);
        System.arraycopy(energy, 0, a.energy, 0, energy.length);
        System.arraycopy(rowStats, 0, a.rowStats, 0, rowStats.length);
        MonitorArrays m = a.monitor;
        System.arraycopy(actionPotentials, 0, m.actionPotentials, 0, actionPotentials.length);
        System.arraycopy(apSteps, 0, m.apSteps, 0, apSteps.length);
        System.arraycopy(earlyStep, 0, m.earlyStep, 0, done);
        System.arraycopy(earlyPredicted, 0, m.earlyPredicted, 0, done);
        System.arraycopy(energyAtDecision, 0, m.energyAtDecision, 0, energyAtDecision.length);
    }

    void validate(Fields f) {
        f.nonBlank("key", key);
        f.check(samples >= 0 && done >= 0 && done <= samples, "done", "must be in [0, samples]");
        f.present("predicted", predicted);
        f.check(predicted.length == done && firstSpikeStep.length == done && decisionStep.length == done
                && earlyStep.length == done && earlyPredicted.length == done, "predicted", "per-sample arrays must hold exactly 'done' values");
        f.present("energy", energy);
        f.present("rowStats", rowStats);
        f.present("spikeCounts", spikeCounts);
        for (double e : energy) if (!Double.isFinite(e)) throw f.error("energy", "holds a non-finite value");
        f.check(Double.isFinite(wallSeconds) && wallSeconds >= 0, "wallSeconds", "must be >= 0");
        f.check(Double.isFinite(cpuSeconds) && cpuSeconds >= 0, "cpuSeconds", "must be >= 0");
    }
}
