package io.memtile.physics.mif;

import java.util.ArrayList;
import java.util.List;

/**
 * When a MIF neuron "spikes" in a sampled trace: the membrane crosses {@code threshold} upwards.
 * The crossing time is interpolated linearly between the two samples that bracket it (so it is
 * resolved below one step), and a new spike is only counted after V has fallen back below
 * {@code rearm} &lt; threshold, so noise or a shallow ripple at the threshold is not a burst.
 *
 * <p>The default threshold is half-way from rest to M1's switching voltage E1 + V_on,1. The MIF
 * spike is the excursion that starts switching M1 on, which then pulls the membrane towards E1
 * (spec 1.1); but M1 stays partly ON for ~tau after a strong event (the neuron adapts), so later
 * events in a train peak well below V_on (e.g. 131 mV, then 91, 83, 80 mV for a 30 uA alpha train
 * every 2 ms on paper-65nm). A threshold at V_on itself would see only the first of them; half-way
 * counts every excursion while still ignoring sub-threshold ripple. The re-arm level is half-way
 * between rest and the threshold.
 */
public record SpikeDetector(double threshold, double rearm) {
    public SpikeDetector {
        if (!(rearm < threshold)) throw new IllegalArgumentException("rearm level must be below the threshold");
    }

    /** Threshold half-way from rest to E1 + V_on,1, re-arm half-way from rest to the threshold. */
    public static SpikeDetector forNeuron(io.memtile.core.target.NeuronParams p, double vRest) {
        double th = 0.5 * (vRest + p.e1() + p.m1().vOn());
        return new SpikeDetector(th, 0.5 * (th + vRest));
    }

    /** Spike times (s) in a trace sampled at arbitrary increasing times t. */
    public double[] spikeTimes(double[] t, double[] v) {
        List<Double> out = new ArrayList<>();
        boolean armed = v.length == 0 || v[0] < threshold;
        for (int k = 1; k < v.length; k++) {
            if (armed && v[k - 1] < threshold && v[k] >= threshold) {
                double frac = (threshold - v[k - 1]) / (v[k] - v[k - 1]);
                out.add(t[k - 1] + frac * (t[k] - t[k - 1]));
                armed = false;
            } else if (!armed && v[k] < rearm) {
                armed = true;
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Spike times (s) in a trace sampled every dt from t = 0. */
    public double[] spikeTimes(double[] v, double dt) {
        double[] t = new double[v.length];
        for (int k = 0; k < t.length; k++) t[k] = k * dt;
        return spikeTimes(t, v);
    }
}
