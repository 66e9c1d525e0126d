package io.memtile.compiler.range;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.CompileResult;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.TestTargets;
import io.memtile.compiler.check.ProgramChecker;
import io.memtile.compiler.irdrop.TileIrReport;
import io.memtile.core.target.Target;
import io.memtile.core.target.TileParams;
import io.memtile.trainer.model.ModelArtifact;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Range headroom: on a heavily loaded array the chosen fraction of the range gives a smaller total error
 * (quantisation + what the exact IR-drop pass leaves) than the full range; where IR drop is negligible it
 * keeps the full range.
 */
class IrHeadroomTest {
    static Target target(int rows, int cols, double rWire) {
        Target t = TestTargets.withTile(TestTargets.paper(), rows, cols, 0);
        TileParams p = t.tile();
        return t.withTile(new TileParams(p.rows(), p.cols(), p.cellType(), p.technologyNm(), p.areaMm2(), rWire, p.readVoltageMax(), 0));
    }

    static CompileResult compile(ModelArtifact m, Target t, boolean headroom) {
        return Compiler.compile(m, t, new CompileOptions(2, "pack", 64, true, false, false, false, 1, 0, "layer", true, false, headroom));
    }

    /** RMS over the tiles' exact IR residual and the layers' quantisation error, in trained-weight units. */
    static double totalError(CompileResult r) {
        double ir = 0, q = 0;
        for (TileIrReport t : r.report().irDrop()) ir += t.rmsAfter() * t.rmsAfter();
        for (var l : r.quantized().layers()) q += l.rmsError() * l.rmsError();
        return Math.sqrt(ir / r.report().irDrop().size() + q / r.quantized().layers().size());
    }

    @Test
    void onALoadedArrayHeadroomCutsTheExactErrorOfTheFullRange() {
        // weights spread evenly up to their maximum (like the demo model's): full range puts the mean level near N/2
        Target t = target(48, 48, 10);
        ModelArtifact m = RandomModels.create(t, new int[] {90, 20, 4}, 0.15, 4);
        CompileResult full = compile(m, t, false), head = compile(m, t, true);
        LayerRangeReport r0 = head.report().ranges().get(0);
        assertEquals(1.0, full.report().ranges().get(0).headroom());
        assertTrue(r0.headroom() < 1, "a loaded layer leaves headroom: " + r0);
        assertEquals(r0.headroom() * full.program().layers().get(0).scale(), head.program().layers().get(0).scale(), 1e-12);
        double ef = totalError(full), eh = totalError(head);
        System.out.printf("loaded 48x48 tiles, 10 ohm/pitch: headroom %.3f / %.3f, total error %.5f (full range) -> %.5f%n",
                r0.headroom(), head.report().ranges().get(1).headroom(), ef, eh);
        assertTrue(eh < 0.8 * ef, "headroom " + eh + " vs full range " + ef);
        assertEquals(List.of(), ProgramChecker.check(head.program(), m));
    }

    @Test
    void keepsTheFullRangeWhereIrDropIsNegligibleOrCompensationIsOff() {
        Target t = target(32, 32, 0.01);
        ModelArtifact m = RandomModels.create(t, new int[] {40, 12, 4}, 0.15, 5);
        CompileResult r = compile(m, t, true);
        for (LayerRangeReport rr : r.report().ranges()) assertEquals(1.0, rr.headroom(), "layer " + rr.layer());
        Target loaded = target(32, 32, 10);
        CompileResult off = Compiler.compile(m, loaded, new CompileOptions(2, "pack", 64, true, false, false, false, 1, 0, "layer", false, false, true));
        for (LayerRangeReport rr : off.report().ranges()) assertEquals(1.0, rr.headroom(), "no IR compensation: no headroom");
    }

    @Test
    void theToleranceTakesTheLargestAlphaFractionWithinItAndLeavesMembraneLayersAtTheMinimum() {
        Target t = target(48, 48, 10);
        ModelArtifact m = RandomModels.create(t, new int[] {90, 20, 4}, 0.15, 4);
        CompileOptions base = new CompileOptions(2, "pack", 64, true, false, false, false, 1, 0, "layer", true, false, true, 0.0);
        CompileResult min = Compiler.compile(m, t, base);
        for (double tol : new double[] {0.1, 0.3, 1.0}) {
            CompileResult r = Compiler.compile(m, t, base.withHeadroomTolerance(tol));
            LayerRangeReport a0 = min.report().ranges().get(0), a = r.report().ranges().get(0);
            assertTrue(a.headroom() >= a0.headroom(), "tolerance " + tol + ": alpha layer " + a + " vs " + a0);
            assertTrue(a.predictedRms() <= (1 + tol) * a.predictedRmsMin() * (1 + 1e-9), "within the tolerance: " + a);
            assertEquals(a0.predictedRmsMin(), a.predictedRmsMin(), 1e-15, "same scan");
            for (int l = 1; l < r.report().ranges().size(); l++) {
                LayerRangeReport b = r.report().ranges().get(l), b0 = min.report().ranges().get(l);
                assertEquals(b0.predictedRmsMin(), b.predictedRms(), 1e-15, "membrane-driven layer " + l + " keeps the error minimum");
            }
            assertEquals(List.of(), ProgramChecker.check(r.program(), m));
        }
        // the scan itself: no larger fraction than the chosen one is within the tolerance
        var early = io.memtile.compiler.place.PlacementPass.run(min.lowered().widths(), t.tile(), "pack");
        var full = RangeMapPass.run(io.memtile.compiler.map.DifferentialMapPass.run(min.lowered(), t), RangeMode.LAYER, 64, f -> null).mapping();
        for (double tol : new double[] {0, 0.2}) {
            IrHeadroom.Choice c = IrHeadroom.choose(full, early, t, 64, tol).get(0);
            double[] curve = c.curve();
            int chosen = -1;
            for (int j = 0; j < curve.length; j += 2) {
                assertTrue(curve[j + 1] >= c.predictedRmsMin(), "the minimum is the minimum");
                if (curve[j] == c.fraction()) chosen = j;
            }
            assertTrue(chosen >= 0, "the choice is on the scanned grid");
            // the band from the chosen fraction to the minimum is within the tolerance, and the next larger fraction is not
            boolean reachedMin = false;
            for (int j = chosen; j < curve.length && !reachedMin; j += 2) {
                assertTrue(curve[j + 1] <= (1 + tol) * c.predictedRmsMin() * (1 + 1e-9), "tolerance " + tol + ": " + curve[j] + " in the band");
                reachedMin = curve[j + 1] == c.predictedRmsMin();
            }
            assertTrue(reachedMin, "the band reaches the minimum");
            if (chosen > 0) assertTrue(curve[chosen - 1] > (1 + tol) * c.predictedRmsMin(), "tolerance " + tol + ": the next larger fraction was within it");
        }
    }

    @Test
    void aNegativeOrInfiniteToleranceIsRefused() {
        for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(io.memtile.core.MemtileException.class,
                    () -> new CompileOptions(2, "pack", 64, true, false, false, false, 1, 0, "layer", true, false, true, bad));
            assertTrue(e.getMessage().contains("--headroom-tolerance"), e.getMessage());
        }
    }
}
