package io.memtile.compiler.quant;

import io.memtile.compiler.map.DifferentialLayer;
import io.memtile.compiler.map.DifferentialMapping;
import io.memtile.core.MemtileException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pass 3: conductance pairs to reachable MSS levels (N+1 levels, step gUnit/N).
 *
 * <p>The pair (l+, l-) is chosen jointly to minimise |(G+ - G-) - gUnit*w|, i.e. |(l+ - l-) - N*w|
 * in level units: only the difference k = l+ - l- matters for the error, so the optimum is the
 * integer k nearest to N*w (clamped to [-N, N]); among the pairs realising k the one with the
 * smallest total conductance (less read power) is (max(k,0), max(-k,0)). Exact ties between two
 * values of k (N*w at a half-integer) also go to the smaller |k|, i.e. the smaller total.
 */
public final class QuantizePass {
    public static final String NAME = "quantize";

    private QuantizePass() {}

    /** The jointly optimal level difference for normalised weight w with N switches. */
    public static int bestDifference(double w, int n) {
        double d = w * n;
        double fl = Math.floor(d);
        double frac = d - fl;
        long k;
        if (frac > 0.5) k = (long) fl + 1;
        else if (frac < 0.5) k = (long) fl;
        else k = Math.abs(fl) < Math.abs(fl + 1) ? (long) fl : (long) fl + 1; // tie: smaller total conductance
        return (int) Math.max(-n, Math.min(n, k));
    }

    public static QuantizedNetwork run(DifferentialMapping m, int switches, boolean quantize) {
        if (switches < 1) throw new MemtileException("--switches", null, "must be >= 1, got " + switches);
        List<QuantizedLayer> out = new ArrayList<>();
        for (DifferentialLayer d : m.layers()) out.add(layer(d, switches, quantize));
        return new QuantizedNetwork(switches, !quantize, List.copyOf(out));
    }

    static QuantizedLayer layer(DifferentialLayer d, int n, boolean quantize) {
        int in = d.inputs(), outs = d.outputs();
        int[] plus = new int[in * outs];
        int[] minus = new int[in * outs];
        double se = 0, maxErr = 0;
        for (int o = 0; o < outs; o++) {
            double[] row = d.weights()[o];
            double s = d.scale(o);
            int base = o * in;
            for (int i = 0; i < in; i++) {
                int k = bestDifference(s * row[i], n);
                plus[base + i] = Math.max(k, 0);
                minus[base + i] = Math.max(-k, 0);
                double e = k / (n * s) - row[i]; // in trained-weight units, whatever the range scale
                se += e * e;
                if (Math.abs(e) > maxErr) maxErr = Math.abs(e);
            }
        }
        double rms = Math.sqrt(se / ((double) in * outs));
        return quantize ? new QuantizedLayer(d, n, false, plus, minus, rms, maxErr)
                : new QuantizedLayer(d, n, true, plus, minus, 0, 0);
    }
}
