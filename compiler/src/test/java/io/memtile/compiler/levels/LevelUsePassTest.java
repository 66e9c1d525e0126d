package io.memtile.compiler.levels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.map.DifferentialLayer;
import io.memtile.compiler.map.DifferentialMapping;
import io.memtile.compiler.program.LevelUse;
import io.memtile.compiler.quant.QuantizePass;
import io.memtile.core.MemtileException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LevelUsePassTest {
    static final double G_OFF = 1e-5, G_ON = 1e-3;

    /**
     * A range-mapped layer with heavy-tailed weights (Pareto: |w| ~ u^(-1/alpha) - 1, most weights small and a few large,
     * as trained layers are), the largest weight at fraction {@code headroom} of level N; per-column scales when {@code column}.
     */
    static DifferentialLayer layer(long seed, int in, int out, double p, double headroom, boolean column) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] w = new double[out][in];
        double mx = 0;
        double[] colMax = new double[out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                double u = r.nextDouble();
                w[o][i] = (r.nextBoolean() ? 1 : -1) * 0.01 * (Math.pow(1 - u, -1 / p) - 1);
                if (r.nextInt(10) == 0) w[o][i] = 0; // exact zeros, as pruned or dead inputs
                colMax[o] = Math.max(colMax[o], Math.abs(w[o][i]));
            }
            mx = Math.max(mx, colMax[o]);
        }
        double s = headroom / mx;
        double[] sc = new double[out];
        for (int o = 0; o < out; o++) sc[o] = column && colMax[o] > 0 ? headroom / colMax[o] : s;
        return new DifferentialLayer(0, in, out, G_OFF, G_ON, G_ON - G_OFF, 0.03 / s, "ALPHA", w, s, sc);
    }

    static int p99(DifferentialLayer d, int n) {
        int[] lv = new int[d.inputs() * d.outputs()];
        for (int o = 0; o < d.outputs(); o++) for (int i = 0; i < d.inputs(); i++) lv[o * d.inputs() + i] = Math.abs(QuantizePass.bestDifference(d.mapped(o, i), n));
        java.util.Arrays.sort(lv);
        return lv[(int) Math.ceil(0.99 * lv.length) - 1];
    }

    @Test
    void raisesTheNinetyNinthPercentileToTheTargetWithTheSmallestFactorAndKeepsTheNeuronCurrent() {
        int cases = 0, raised = 0;
        for (long seed = 1; seed <= 30; seed++) {
            for (int n : new int[] {8, 16, 64}) {
                for (double frac : new double[] {0.25, 0.5, 0.75, 1.0}) {
                    DifferentialLayer d = layer(seed, 20 + (int) seed * 7, 3 + (int) (seed % 5), 1 + seed % 4, 0.3 + 0.02 * seed, seed % 2 == 0);
                    int target = LevelUsePass.targetLevel(frac, n);
                    var res = LevelUsePass.run(new DifferentialMapping(List.of(d)), frac, n);
                    DifferentialLayer a = res.mapping().layers().get(0);
                    LevelUse u = res.layers().get(0);
                    cases++;
                    assertEquals(p99(a, n), u.p99Level(), "the record is the layer's 99th percentile");
                    assertTrue(u.p99Level() >= target, "seed " + seed + " N " + n + " fraction " + frac + ": " + u);
                    if (u.factor() > 1) {
                        raised++;
                        assertEquals(target, u.p99Level(), "a raised layer stops on the target: " + u);
                        // the smallest factor: a hair less misses the target
                        assertTrue(p99(LevelUsePass.scaled(d, u.factor() * (1 - 1e-12)), n) < target, "not minimal: " + u);
                    } else {
                        assertSame(d, a, "a layer already at its target is passed through");
                    }
                    // the neuron current per unit weight and the column ratios are unchanged
                    assertEquals(d.currentGain() * d.rangeScale(), a.currentGain() * a.rangeScale(), 1e-12 * d.currentGain() * d.rangeScale());
                    for (int o = 0; o < d.outputs(); o++) assertEquals(d.columnGain(o), a.columnGain(o), 1e-12 * d.columnGain(o));
                }
            }
        }
        assertTrue(raised > cases / 2 && raised < cases, "the cases exercise both branches: " + raised + " of " + cases);
    }

    /**
     * The pass never adds error beyond what it reports: every weight it does not clip is deployed within half a level of
     * the new (finer) grid, hence within half a level of the range pass's grid; every clipped one within the recorded
     * clipMaxError; and the record's count and RMS are those of the deployed weights.
     */
    @Test
    void neverAddsErrorBeyondWhatItReports() {
        int clippedSeen = 0;
        for (long seed = 1; seed <= 40; seed++) {
            int n = seed % 3 == 0 ? 64 : 16;
            DifferentialLayer d = layer(seed, 50, 6, 2 + seed % 3, 1.0, seed % 2 == 1); // full range: raising it must clip
            var res = LevelUsePass.run(new DifferentialMapping(List.of(d)), 0.25 + 0.25 * (seed % 4), n);
            DifferentialLayer a = res.mapping().layers().get(0);
            LevelUse u = res.layers().get(0);
            int clipped = 0;
            double se = 0;
            for (int o = 0; o < d.outputs(); o++) {
                double before = 0.5 / (n * d.scale(o)), after = 0.5 / (n * a.scale(o));
                for (int i = 0; i < d.inputs(); i++) {
                    double w = d.weights()[o][i];
                    double e = Math.abs(QuantizePass.bestDifference(a.mapped(o, i), n) / (n * a.scale(o)) - w);
                    if (Math.abs(a.mapped(o, i)) * n > n + 0.5) {
                        clipped++;
                        se += e * e;
                        assertTrue(e <= u.clipMaxError() * (1 + 1e-12), "clipped weight beyond the reported maximum: " + e + " > " + u);
                    } else {
                        assertTrue(e <= after * (1 + 1e-9) && after <= before * (1 + 1e-12), "unclipped weight off by " + e + " > half a level " + after);
                    }
                }
            }
            clippedSeen += clipped;
            assertEquals(clipped, u.clipped());
            assertEquals(clipped == 0 ? 0 : Math.sqrt(se / clipped), u.clipRmsError(), 1e-12);
            assertTrue(u.clipRmsError() <= u.clipMaxError() + 1e-15);
        }
        assertTrue(clippedSeen > 0, "some cases clip");
    }

    @Test
    void deterministicAndOffIsTheIdentity() {
        DifferentialMapping m = new DifferentialMapping(List.of(layer(3, 80, 5, 3, 0.4, false), layer(4, 5, 2, 2, 0.5, true)));
        var a = LevelUsePass.run(m, 0.5, 64);
        var b = LevelUsePass.run(m, 0.5, 64);
        assertEquals(a.layers(), b.layers());
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(a.mapping().layers().get(l).scale(), b.mapping().layers().get(l).scale());
            assertEquals(a.mapping().layers().get(l).currentGain(), b.mapping().layers().get(l).currentGain());
        }
        var off = LevelUsePass.run(m, 0, 64);
        assertSame(m, off.mapping());
        assertTrue(off.layers().isEmpty());
        for (double bad : new double[] {-0.1, 1.5, Double.NaN}) assertThrows(MemtileException.class, () -> LevelUsePass.run(m, bad, 64));
    }

    @Test
    void allZeroLayerIsLeftAlone() {
        DifferentialLayer z = new DifferentialLayer(0, 4, 2, G_OFF, G_ON, G_ON - G_OFF, 1, "ALPHA", new double[2][4]);
        var res = LevelUsePass.run(new DifferentialMapping(List.of(z)), 0.5, 64);
        assertSame(z, res.mapping().layers().get(0));
        assertEquals(new LevelUse(32, 1.0, 0, 0, 0, 0), res.layers().get(0));
        assertFalse(res.layers().get(0).factor() > 1);
    }
}
