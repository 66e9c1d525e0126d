package io.memtile.trainer.decision;

import io.memtile.trainer.engine.Readout;
import java.util.Arrays;

/**
 * The readout's running class scores, one step at a time, exactly as the trainer's forward pass and
 * the simulator accumulate them (same operations in the same order, so the final argmax is the
 * same class): SUM_LOG_SOFTMAX adds log_softmax(V/unit) per step, MAX_VOLTAGE keeps max_t V.
 * Allocation-free after construction; not thread-safe.
 */
public final class RunningReadout {
    private final Readout readout;
    private final double unit;
    private final double[] score;
    private final double[] z;

    public RunningReadout(Readout readout, double lossVoltageUnit, int classes) {
        this.readout = readout;
        this.unit = lossVoltageUnit;
        this.score = new double[classes];
        this.z = new double[classes];
        reset();
    }

    public void reset() { Arrays.fill(score, readout == Readout.SUM_LOG_SOFTMAX ? 0 : Double.NEGATIVE_INFINITY); }

    /** Adds one step of output membrane voltages vo[0..classes). */
    public void step(double[] vo) {
        int classes = score.length;
        if (readout == Readout.SUM_LOG_SOFTMAX) {
            double zMax = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                z[k] = vo[k] / unit;
                if (z[k] > zMax) zMax = z[k];
            }
            double se = 0;
            for (int k = 0; k < classes; k++) se += Math.exp(z[k] - zMax);
            double lse = zMax + Math.log(se);
            for (int k = 0; k < classes; k++) score[k] += z[k] - lse;
        } else {
            for (int k = 0; k < classes; k++) if (vo[k] > score[k]) score[k] = vo[k];
        }
    }

    /** Current best class (lowest index on ties). */
    public int leader() {
        int best = 0;
        for (int k = 1; k < score.length; k++) if (score[k] > score[best]) best = k;
        return best;
    }

    /** Lead of the best class over the second best, in logit units (MAX_VOLTAGE: volts / lossVoltageUnit). */
    public double margin() {
        if (score.length < 2) return Double.POSITIVE_INFINITY;
        double a = Double.NEGATIVE_INFINITY, b = Double.NEGATIVE_INFINITY;
        for (double s : score) {
            if (s > a) { b = a; a = s; } else if (s > b) b = s;
        }
        double m = a - b;
        if (Double.isNaN(m)) return 0; // both still -inf (no step yet)
        return readout == Readout.SUM_LOG_SOFTMAX ? m : m / unit;
    }

    public double[] scores() { return score; }
}
