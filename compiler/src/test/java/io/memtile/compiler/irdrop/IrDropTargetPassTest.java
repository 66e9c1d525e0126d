package io.memtile.compiler.irdrop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.CompileResult;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.TestTargets;
import io.memtile.compiler.check.ProgramChecker;
import io.memtile.core.target.Target;
import io.memtile.core.target.TileParams;
import io.memtile.trainer.model.ModelArtifact;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The IR-drop pass: compensation never increases a tile's transfer error, and the result is a legal program. */
class IrDropTargetPassTest {
    static Target target(int rows, int cols, double rWire) {
        Target t = TestTargets.withTile(TestTargets.paper(), rows, cols, 0);
        TileParams p = t.tile();
        return t.withTile(new TileParams(p.rows(), p.cols(), p.cellType(), p.technologyNm(), p.areaMm2(), rWire, p.readVoltageMax(), 0));
    }

    @Test
    void compensationNeverIncreasesTheTransferErrorAndUsuallyCutsIt() {
        SplittableRandom r = new SplittableRandom(8);
        int improved = 0, tiles = 0;
        for (int c = 0; c < 8; c++) {
            int rows = 8 + r.nextInt(17), cols = 8 + 2 * r.nextInt(9);
            double rWire = new double[] {0.5, 2.5, 10}[c % 3];
            Target t = target(rows, cols, rWire);
            int[] layers = {4 + r.nextInt(30), 2 + r.nextInt(12), 2 + r.nextInt(4)};
            ModelArtifact m = RandomModels.create(t, layers, 0.1 + 0.5 * r.nextDouble(), c);
            String range = new String[] {"off", "layer", "column"}[c % 3];
            CompileOptions o = new CompileOptions(c, c % 2 == 0 ? "pack" : "grid", 8 + r.nextInt(57), true, false, false, false, 1, 0, range, true);
            CompileResult res = Compiler.compile(m, t, o);
            List<TileIrReport> rep = res.report().irDrop();
            assertEquals(res.placement().tiles().size(), rep.size(), "one report per tile");
            for (TileIrReport tr : rep) {
                tiles++;
                assertTrue(tr.rmsAfter() <= tr.rmsBefore() * (1 + 1e-12) + 1e-15,
                        "case " + c + " tile " + tr.tile() + ": " + tr.rmsAfter() + " > " + tr.rmsBefore());
                if (tr.rmsAfter() < 0.9 * tr.rmsBefore()) improved++;
            }
            assertEquals(List.of(), ProgramChecker.check(res.program(), m), "case " + c);
            for (var lm : res.program().layers()) assertTrue(lm.irGain() != null && lm.irGain().length == lm.outputs());
        }
        assertTrue(improved >= tiles / 3, improved + " of " + tiles + " tiles improved by > 10 %");
    }

    @Test
    void offWithoutWireResistanceOrWhenDisabled() {
        Target t = target(16, 16, 2.5);
        ModelArtifact m = RandomModels.create(t, new int[] {20, 6, 3}, 0.5, 1);
        CompileResult off = Compiler.compile(m, t, new CompileOptions(1, "pack", 16, true, false, false, false, 1, 0, "layer", false));
        assertTrue(off.report().irDrop().isEmpty());
        off.program().layers().forEach(lm -> assertEquals(null, lm.irGain()));
    }

    /**
     * The documented tolerance: the pass solves to relative residual {@link IrDropTargetPass#TOL}; against the
     * simulator's 1e-12 solve the compensated levels agree except for rare rounding ties, and the residual
     * transfer errors agree closely.
     */
    @Test
    void passToleranceGivesTheSameTargetsAsTheSimulatorsTolerance() {
        Target t = target(64, 64, 2.5);
        ModelArtifact m = RandomModels.create(t, new int[] {120, 40, 5}, 0.5, 12);
        CompileOptions o = new CompileOptions(1, "pack", 64, true, false, false, false, 2, 0, "layer", true, false, false);
        CompileResult upTo = Compiler.compile(m, t, o, "m", "0", "place");
        IrDropTargetPass.Result fast = IrDropTargetPass.run(upTo.placement(), upTo.quantized(), t, 2);
        IrDropTargetPass.Result exact = IrDropTargetPass.run(upTo.placement(), upTo.quantized(), t, 2, 1e-12, true);
        long differ = 0, total = 0;
        for (int l = 0; l < fast.network().layers().size(); l++) {
            int[] a = fast.network().layers().get(l).plus(), b = exact.network().layers().get(l).plus();
            int[] am = fast.network().layers().get(l).minus(), bm = exact.network().layers().get(l).minus();
            for (int i = 0; i < a.length; i++) {
                total++;
                if (a[i] != b[i] || am[i] != bm[i]) differ++;
            }
        }
        assertTrue(differ <= total / 1000, differ + " of " + total + " weights differ between the pass's and the simulator's tolerance");
        for (int ti = 0; ti < fast.tiles().size(); ti++) {
            TileIrReport f = fast.tiles().get(ti), e = exact.tiles().get(ti);
            assertEquals(e.rmsBefore(), f.rmsBefore(), 1e-6 * e.rmsBefore(), "tile " + ti);
            assertEquals(e.rmsAfter(), f.rmsAfter(), 1e-2 * e.rmsAfter(), "tile " + ti);
        }
    }
}
