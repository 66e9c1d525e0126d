package io.memtile.compiler.levels;

import io.memtile.compiler.map.DifferentialLayer;
import io.memtile.compiler.map.DifferentialMapping;
import io.memtile.compiler.program.LevelUse;
import io.memtile.compiler.quant.QuantizePass;
import io.memtile.core.MemtileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pass "levels": a percentile-based floor on the range scale, so the programmed levels use the device's range.
 *
 * <p>Why: the range pass puts a layer's largest weight on level N (times the IR headroom fraction). Trained weights
 * are heavy-tailed (on the shipped MNIST model the 99th percentile of |w| is 0.45 of the largest in layer 0), so even
 * the full range leaves most pairs on low levels. This pass maps the 99th percentile of |s_o w| to a target level
 * T = ceil(fraction * N) instead, whenever the range pass left it lower, and saturates the few larger weights at
 * level N. The pass multiplies the whole layer's scales by one factor m, so the per-column ratios of the range pass
 * stay, and divides the current gain by m: the neuron current is kept exactly for every weight that is not clipped.
 * The clipped weights' error (weight units) is reported and recorded, the only error the pass adds beyond the
 * quantisation on the finer grid.
 *
 * <p>How: the level |k| = round(m x) (clamped to N) of a pair is monotone in m, and scaling preserves the order of
 * x = N |s_o w|, so the 99th percentile of the levels at factor m is the level of the 99th-percentile x at factor m.
 * The smallest m reaching T is therefore (T - 1/2) / x_p99, nudged up by a few ulps past the round-half-down tie and
 * the rounding of the scaled products; no search.
 */
public final class LevelUsePass {
    public static final String NAME = "levels";
    /** The percentile of the active levels the floor applies to (nearest rank, as the range report's p99). */
    public static final double QUANTILE = 0.99;

    private LevelUsePass() {}

    public record Result(DifferentialMapping mapping, List<LevelUse> layers) {}

    /**
     * @param m        range-mapped layers (after the range pass)
     * @param fraction target fraction of N for the 99th percentile of the active levels, in (0, 1]; 0 = off (returns m
     *                 unchanged and no records)
     * @param n        switches N
     */
    public static Result run(DifferentialMapping m, double fraction, int n) {
        check(fraction);
        if (fraction == 0) return new Result(m, List.of());
        int target = targetLevel(fraction, n);
        List<DifferentialLayer> out = new ArrayList<>();
        List<LevelUse> rec = new ArrayList<>();
        for (DifferentialLayer d : m.layers()) {
            double f = factor(d, target, n);
            DifferentialLayer r = f == 1.0 ? d : scaled(d, f);
            out.add(r);
            rec.add(measure(r, target, f, n));
        }
        return new Result(new DifferentialMapping(List.copyOf(out)), List.copyOf(rec));
    }

    /** The option's range: 0 (off) or (0, 1]. */
    public static void check(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) throw new MemtileException("--level-use", null, "must be in [0, 1] (0 = off), got " + fraction);
    }

    /** T = ceil(fraction N), at least 1. */
    public static int targetLevel(double fraction, int n) { return Math.max(1, (int) Math.ceil(fraction * n - 1e-9)); }

    /** The smallest factor >= 1 on the layer's scales at which the 99th percentile of the active levels reaches target. */
    static double factor(DifferentialLayer d, int target, int n) {
        double[] x = magnitudes(d);
        if (x.length == 0) return 1.0;
        double xq = x[rank(x.length)];
        if (!(xq > 0)) return 1.0; // a layer of (mostly) zeros has no level to raise
        if (p99(d, n) >= target) return 1.0;
        // the exact minimum in real arithmetic; the devices see (s_o f) w, rounded differently from f (s_o w), so step up
        // by ulps until the layer as it will be quantised reaches the target (also past the tie at T - 1/2, which rounds down)
        double f = (target - 0.5) / (xq * n);
        while (p99(scaled(d, f), n) < target) f = Math.nextUp(f);
        return Math.max(1.0, f);
    }

    /** Sorted |s_o w| over the layer. */
    private static double[] magnitudes(DifferentialLayer d) {
        double[] x = new double[d.inputs() * d.outputs()];
        for (int o = 0; o < d.outputs(); o++) for (int i = 0; i < d.inputs(); i++) x[o * d.inputs() + i] = Math.abs(d.mapped(o, i));
        Arrays.sort(x);
        return x;
    }

    /** 99th percentile (nearest rank) of the layer's active levels |k| as quantised. */
    static int p99(DifferentialLayer d, int n) {
        int[] lv = new int[d.inputs() * d.outputs()];
        for (int o = 0; o < d.outputs(); o++) for (int i = 0; i < d.inputs(); i++) lv[o * d.inputs() + i] = Math.abs(QuantizePass.bestDifference(d.mapped(o, i), n));
        Arrays.sort(lv);
        return lv.length == 0 ? 0 : lv[rank(lv.length)];
    }

    /** Nearest-rank index of the {@link #QUANTILE} in a sorted array of length len. */
    static int rank(int len) { return Math.max(0, Math.min(len - 1, (int) Math.ceil(QUANTILE * len) - 1)); }

    /** The layer with all its scales multiplied by f and the current gain divided by f (the neuron current is unchanged). */
    static DifferentialLayer scaled(DifferentialLayer d, double f) {
        double[] sc = new double[d.outputs()];
        for (int o = 0; o < sc.length; o++) sc[o] = d.scale(o) * f;
        return new DifferentialLayer(d.layer(), d.inputs(), d.outputs(), d.gOff(), d.gOn(), d.gUnit(), d.currentGain() / f, d.drive(),
                d.weights(), d.rangeScale() * f, sc, d.driveScale());
    }

    /**
     * The record of a layer at its final scales: p99 level, and the clipped weights (|s_o w| beyond level N + 1/2) with
     * their error in trained-weight units. Shared with {@code verify}, which recomputes it from the model.
     */
    public static LevelUse measure(DifferentialLayer d, int target, double factor, int n) {
        int[] lv = new int[d.inputs() * d.outputs()];
        int clipped = 0;
        double se = 0, mx = 0;
        for (int o = 0; o < d.outputs(); o++) {
            double s = d.scale(o);
            for (int i = 0; i < d.inputs(); i++) {
                double sw = d.mapped(o, i);
                int k = QuantizePass.bestDifference(sw, n);
                lv[o * d.inputs() + i] = Math.abs(k);
                if (Math.abs(sw) * n > n + 0.5) {
                    double e = k / (n * s) - d.weights()[o][i];
                    clipped++;
                    se += e * e;
                    mx = Math.max(mx, Math.abs(e));
                }
            }
        }
        Arrays.sort(lv);
        int p99 = lv.length == 0 ? 0 : lv[rank(lv.length)];
        return new LevelUse(target, factor, p99, clipped, clipped == 0 ? 0 : Math.sqrt(se / clipped), mx);
    }
}
