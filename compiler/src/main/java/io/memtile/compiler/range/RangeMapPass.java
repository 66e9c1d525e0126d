package io.memtile.compiler.range;

import io.memtile.compiler.map.DifferentialLayer;
import io.memtile.compiler.map.DifferentialMapping;
import io.memtile.compiler.quant.QuantizePass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pass "range": chooses the weight-to-conductance scale so the largest weights reach the top MSS levels.
 *
 * <p>Why: the trainer's convention maps weight 1 to the full device span gOn - gOff, but trained weights
 * stay within |w| &lt;~ 0.15, so a 6-bit device is programmed with ~3 bits. Scaling the layer (or each
 * output column) by s = 1/max|w| puts the largest weight on level N; the neuron current is kept exactly by
 * dividing the layer's current gain by s (and, per column, a column gain rangeScale/s_o folded into the
 * sensed current). That is the option that can be compensated with the existing current gain; the
 * alternative — a lower read amplitude with higher conductances, which would also cut read power — needs a
 * per-layer driver amplitude the hidden layers (driven by membrane voltages) do not have. The cost is
 * reported: read power rises by the conductance factor, and IR drop grows with the currents (see the
 * "irdrop" pass, which compensates it). Because the compensation can only follow up to level N, the
 * scale is chosen with headroom when IR compensation is on: a per-layer fraction of the full range from
 * {@link IrHeadroom} (at full range the demo model's chip lost 13 pp to IR drop: 73.8 % against 87.2 %
 * trained; with the headroom it reaches 87.0 %).
 */
public final class RangeMapPass {
    public static final String NAME = "range";

    private RangeMapPass() {}

    public record Result(DifferentialMapping mapping, List<LayerRangeReport> reports) {}

    /** Full range: every layer's (or column's) largest weight reaches level N. */
    public static Result run(DifferentialMapping m, RangeMode mode, int switches) {
        return run(m, mode, switches, full -> null);
    }

    /**
     * Range mapping with headroom: {@code headroom} sees the full-range mapping and returns, per layer, the
     * fraction of the full-range scale to use (null = 1 for all; see {@link IrHeadroom}, which leaves room
     * for the IR-drop compensation).
     */
    public static Result run(DifferentialMapping m, RangeMode mode, int switches,
                             java.util.function.Function<DifferentialMapping, double[]> headroom) {
        List<DifferentialLayer> full = new ArrayList<>();
        for (DifferentialLayer d : m.layers()) full.add(scale(d, mode, 1.0));
        double[] f = mode == RangeMode.OFF ? null : headroom.apply(new DifferentialMapping(List.copyOf(full)));
        List<DifferentialLayer> out = new ArrayList<>();
        List<LayerRangeReport> rep = new ArrayList<>();
        for (int l = 0; l < m.layers().size(); l++) {
            DifferentialLayer d = m.layers().get(l);
            double fl = f == null ? 1.0 : f[l];
            DifferentialLayer r = fl == 1.0 ? full.get(l) : scale(d, mode, fl);
            out.add(r);
            rep.add(report(d, r, mode, switches, fl));
        }
        return new Result(new DifferentialMapping(List.copyOf(out)), List.copyOf(rep));
    }

    static DifferentialLayer scale(DifferentialLayer d, RangeMode mode) { return scale(d, mode, 1.0); }

    /** @param fraction of the full-range scale, in (0, 1]: the largest weight reaches level fraction*N */
    static DifferentialLayer scale(DifferentialLayer d, RangeMode mode, double fraction) {
        if (mode == RangeMode.OFF) return d;
        double[] colMax = new double[d.outputs()];
        double layerMax = 0;
        for (int o = 0; o < d.outputs(); o++) {
            double mx = 0;
            for (double w : d.weights()[o]) mx = Math.max(mx, Math.abs(w));
            colMax[o] = mx;
            layerMax = Math.max(layerMax, mx);
        }
        if (!(layerMax > 0)) return d; // an all-zero layer: nothing to scale
        double s = fraction / layerMax;
        double[] sc = new double[d.outputs()];
        for (int o = 0; o < sc.length; o++) sc[o] = mode == RangeMode.COLUMN && colMax[o] > 0 ? fraction / colMax[o] : s;
        return new DifferentialLayer(d.layer(), d.inputs(), d.outputs(), d.gOff(), d.gOn(), d.gUnit(), d.currentGain() / s, d.drive(),
                d.weights(), s, sc);
    }

    static LayerRangeReport report(DifferentialLayer before, DifferentialLayer after, RangeMode mode, int n) {
        return report(before, after, mode, n, 1.0);
    }

    static LayerRangeReport report(DifferentialLayer before, DifferentialLayer after, RangeMode mode, int n, double fraction) {
        int in = before.inputs(), outs = before.outputs();
        int[] lb = new int[in * outs], la = new int[in * outs];
        double gb = 0, ga = 0, minS = Double.MAX_VALUE, maxS = 0;
        for (int o = 0; o < outs; o++) {
            minS = Math.min(minS, after.scale(o));
            maxS = Math.max(maxS, after.scale(o));
            for (int i = 0; i < in; i++) {
                int k0 = Math.abs(QuantizePass.bestDifference(before.mapped(o, i), n));
                int k1 = Math.abs(QuantizePass.bestDifference(after.mapped(o, i), n));
                lb[o * in + i] = k0;
                la[o * in + i] = k1;
                gb += 2 * before.gOff() + before.gUnit() * k0 / n;
                ga += 2 * after.gOff() + after.gUnit() * k1 / n;
            }
        }
        return new LayerRangeReport(before.layer(), mode.label(), after.rangeScale(), minS, maxS, mean(lb), percentile(lb, 0.99), mean(la),
                percentile(la, 0.99), gb > 0 ? ga / gb : 1, fraction);
    }

    static double mean(int[] a) {
        double s = 0;
        for (int x : a) s += x;
        return a.length == 0 ? 0 : s / a.length;
    }

    /**
     * Nearest-rank percentile. Levels span a few dozen values, so a count per value finds the rank in one pass; sorting a
     * 4096 x 4096 layer's 16.8 M levels took seconds of a large compile. Wide ranges still sort (same result).
     */
    public static double percentile(int[] a, double q) {
        if (a.length == 0) return 0;
        int k = Math.max(0, Math.min(a.length - 1, (int) Math.ceil(q * a.length) - 1));
        int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
        for (int x : a) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        if ((long) hi - lo < 1 << 16) {
            int[] count = new int[hi - lo + 1];
            for (int x : a) count[x - lo]++;
            long seen = 0;
            for (int v = 0; v < count.length; v++) {
                seen += count[v];
                if (seen > k) return lo + v; // the (k+1)-th smallest
            }
        }
        int[] c = a.clone();
        Arrays.sort(c);
        return c[k];
    }
}
