package io.memtile.physics.mif;

import io.memtile.core.target.NeuronParams;

/**
 * The figures a device researcher reads off a single-neuron run (the paper's Fig. 4): resting
 * voltage, the peak, the trough after the peak (the reset towards E1) and the spike times.
 *
 * @param restV      initial (resting) membrane voltage (V)
 * @param peakV      largest membrane voltage (V)
 * @param peakTime   time of the peak (s)
 * @param troughV    lowest voltage after the peak (V): how far the reset pulled the membrane
 * @param troughTime time of the trough (s)
 * @param finalV     voltage at the end of the run (V): how far it has recovered
 * @param spikeTimes threshold crossings, see {@link SpikeDetector} (s)
 * @param threshold  the spike threshold used (V)
 */
public record TraceSummary(double restV, double peakV, double peakTime, double troughV, double troughTime,
                           double finalV, double[] spikeTimes, double threshold) {

    public static TraceSummary of(NeuronTrace tr, NeuronParams p) {
        double[] v = tr.v();
        int peak = 0;
        for (int k = 1; k < v.length; k++) if (v[k] > v[peak]) peak = k;
        int trough = peak;
        for (int k = peak; k < v.length; k++) if (v[k] < v[trough]) trough = k;
        SpikeDetector det = SpikeDetector.forNeuron(p, v[0]);
        return new TraceSummary(v[0], v[peak], tr.time(peak), v[trough], tr.time(trough), v[v.length - 1],
                det.spikeTimes(v, tr.dt()), det.threshold());
    }
}
