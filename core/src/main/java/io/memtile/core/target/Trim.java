package io.memtile.core.target;

import io.memtile.core.json.Fields;
import io.memtile.core.json.Validatable;

/**
 * The per-neuron trim a target offers for calibration after programming: a gain DAC in each neuron's
 * input current mirror with {@code bits} bits. Codes c = -(2^(bits-1) - 1) .. 2^(bits-1) - 1 give the gain
 * maxGain^(c / (2^(bits-1) - 1)): log-spaced, symmetric in [1/maxGain, maxGain], with code 0 exactly unity (so
 * a chip that needs no correction gets none). Calibration drives {@code testVectors} random input vectors
 * through every output, fits the measured against the designed response (gain and offset) and sets the code
 * nearest to 1/gain. There is no offset trim: offsets are measured and reported.
 *
 * @param bits        DAC resolution (2..16)
 * @param maxGain     gain of the top code (&gt; 1); the bottom code gives 1/maxGain
 * @param testVectors calibration input vectors per layer (&gt;= 2)
 */
public record Trim(int bits, double maxGain, int testVectors) implements Validatable {
    @Override
    public void validate(Fields f) {
        f.range("bits", bits, 2, 16);
        f.check(maxGain > 1 && Double.isFinite(maxGain), "maxGain", "must be > 1, got " + maxGain);
        f.range("testVectors", testVectors, 2, 1_000_000);
    }

    private int top() { return (1 << (bits - 1)) - 1; }

    /** The DAC code nearest (in log gain) to {@code gain}, clamped to the DAC's range. */
    public int code(double gain) {
        int top = top();
        if (!(gain > 0)) return top;
        double u = Math.log(gain) / Math.log(maxGain) * top;
        return (int) Math.max(-top, Math.min(top, Math.round(u)));
    }

    /** The gain of DAC code c. */
    public double gain(int c) { return Math.pow(maxGain, c / (double) top()); }

    public double minGain() { return 1.0 / maxGain; }
}
