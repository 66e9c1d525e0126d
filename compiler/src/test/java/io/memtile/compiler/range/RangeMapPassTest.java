package io.memtile.compiler.range;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.CompileResult;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.TestTargets;
import io.memtile.compiler.check.ProgramChecker;
import io.memtile.compiler.program.LayerMapping;
import io.memtile.core.target.Target;
import io.memtile.trainer.model.ModelArtifact;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeMapPassTest {
    final Target t = TestTargets.withTile(TestTargets.paper(), 32, 32, 0);

    CompileResult compile(ModelArtifact m, String range) {
        return Compiler.compile(m, t, new CompileOptions(3, "pack", 64, true, false, false, false, 1, 0, range, false));
    }

    @Test
    void largestWeightReachesTopLevelAndGainCompensatesExactly() {
        ModelArtifact m = RandomModels.create(t, new int[] {40, 12, 4}, 0.15, 5); // trained-like |w| <= 0.15
        CompileResult off = compile(m, "off"), layer = compile(m, "layer"), col = compile(m, "column");
        for (int l = 0; l < 2; l++) {
            LayerRangeReport r = layer.report().ranges().get(l);
            assertEquals(64, topLevel(layer, l), "layer " + l + ": the largest weight sits on level N");
            assertTrue(r.p99Level() > 2 * r.p99LevelBefore(), "levels used: " + r);
            assertTrue(r.readPowerFactor() > 1, "range mapping costs read power: " + r);
            LayerMapping a = off.program().layers().get(l), b = layer.program().layers().get(l);
            // the neuron current per unit weight is the same: gain * gUnit * scale * drive (pass "drive" moves layer 0's into the drive)
            assertEquals(a.currentGain() * a.gUnit(), b.currentGain() * b.gUnit() * b.scale() * b.driveFactor(), 1e-12 * a.currentGain() * a.gUnit());
            // and quantisation got finer: max error within half a level of the scaled grid
            double step = 1.0 / (64 * b.scale());
            assertTrue(layer.quantized().layers().get(l).maxError() <= step / 2 + 1e-12);
            assertTrue(layer.quantized().layers().get(l).rmsError() < off.quantized().layers().get(l).rmsError());
            assertTrue(col.quantized().layers().get(l).rmsError() <= layer.quantized().layers().get(l).rmsError() + 1e-12);
        }
        for (CompileResult r : List.of(off, layer, col)) assertEquals(List.of(), ProgramChecker.check(r.program(), m));
    }

    @Test
    void checkerCatchesAGainThatDoesNotCompensateAndAClippingScale() {
        ModelArtifact m = RandomModels.create(t, new int[] {40, 12, 4}, 0.15, 6);
        CompileResult r = compile(m, "column");
        var p = r.program();
        List<LayerMapping> layers = new java.util.ArrayList<>(p.layers());
        LayerMapping lm = layers.get(0);
        layers.set(0, new LayerMapping(lm.layer(), lm.inputs(), lm.outputs(), lm.gUnit(), lm.gOff(), lm.currentGain() * 1.01, lm.drive(),
                lm.quantRmsError(), lm.rangeScale(), lm.columnScale(), lm.irGain()));
        var bad = new io.memtile.compiler.program.TileProgram(p.schemaVersion(), p.provenance(), p.network(), p.target(), layers, p.tiles(),
                p.neurons(), p.stats());
        assertTrue(String.join("\n", ProgramChecker.check(bad, m)).contains("layers[0].currentGain"));
        double[] cs = lm.columnScale().clone();
        cs[0] *= 2; // output 0's largest weight now maps beyond level N
        layers.set(0, new LayerMapping(lm.layer(), lm.inputs(), lm.outputs(), lm.gUnit(), lm.gOff(), lm.currentGain(), lm.drive(),
                lm.quantRmsError(), lm.rangeScale(), cs, new double[] {1}));
        bad = new io.memtile.compiler.program.TileProgram(p.schemaVersion(), p.provenance(), p.network(), p.target(), layers, p.tiles(),
                p.neurons(), p.stats());
        String v = String.join("\n", ProgramChecker.check(bad, m));
        assertTrue(v.contains("beyond the range scale"), v);
        assertTrue(v.contains("layers[0].irGain: has 1 entries"), v);
    }

    static int topLevel(CompileResult r, int layer) {
        var q = r.quantized().layers().get(layer);
        int mx = 0;
        for (int i = 0; i < q.plus().length; i++) mx = Math.max(mx, Math.max(q.plus()[i], q.minus()[i]));
        return mx;
    }

    /** The counting percentile is the sort-based nearest rank, for narrow (counted) and wide (sorted) value ranges. */
    @Test
    void percentileIsTheNearestRankOfTheSortedValues() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(9);
        for (int c = 0; c < 200; c++) {
            int n = 1 + r.nextInt(300), span = c % 4 == 3 ? Integer.MAX_VALUE : 1 + r.nextInt(70);
            int[] a = new int[n];
            for (int i = 0; i < n; i++) a[i] = span == Integer.MAX_VALUE ? r.nextInt() : r.nextInt(span) - span / 3;
            int[] sorted = a.clone();
            java.util.Arrays.sort(sorted);
            for (double q : new double[] {0, 0.01, 0.5, 0.99, 0.999, 1}) {
                int k = Math.max(0, Math.min(n - 1, (int) Math.ceil(q * n) - 1));
                assertEquals(sorted[k], RangeMapPass.percentile(a, q), "case " + c + " q " + q);
            }
        }
        assertEquals(0, RangeMapPass.percentile(new int[0], 0.99));
    }
}
