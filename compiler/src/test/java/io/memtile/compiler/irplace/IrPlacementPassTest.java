package io.memtile.compiler.irplace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.CompileResult;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.TestTargets;
import io.memtile.compiler.check.ProgramChecker;
import io.memtile.compiler.irdrop.TileIrReport;
import io.memtile.compiler.place.Placement;
import io.memtile.compiler.program.Block;
import io.memtile.core.target.Target;
import io.memtile.core.target.TileParams;
import io.memtile.trainer.model.ModelArtifact;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The IR-drop-aware placement: a legal row permutation within each tile, ordered by nominal conductance load. */
class IrPlacementPassTest {
    static Target target(int rows, int cols, double rWire) {
        Target t = TestTargets.withTile(TestTargets.paper(), rows, cols, 0);
        TileParams p = t.tile();
        return t.withTile(new TileParams(p.rows(), p.cols(), p.cellType(), p.technologyNm(), p.areaMm2(), rWire, p.readVoltageMax(), 0));
    }

    @Test
    void heavyRowsGoNextToTheSenseAmplifiers() {
        Target t = target(24, 16, 2.5);
        ModelArtifact m = RandomModels.create(t, new int[] {40, 20, 5}, 0.5, 3);
        CompileOptions o = new CompileOptions(3, "pack", 16, true, false, false, false, 1, 0, "layer", false, false, false);
        CompileResult plain = Compiler.compile(m, t, o.withPacker("pack"));
        // the placement and quantised network the pass sees (irplace runs on the output of place)
        CompileResult upTo = Compiler.compile(m, t, o, "m", "0", "irdrop");
        Placement before = plain.placement();
        IrPlacementPass.Result r = IrPlacementPass.run(before, upTo.quantized(), t);
        double gOff = t.synapse().gOff(), step = (t.synapse().gOn() - gOff) / 16;
        int moved = 0;
        for (int ti = 0; ti < before.tiles().size(); ti++) {
            List<Block> a = before.tiles().get(ti), b = r.placement().tiles().get(ti);
            assertEquals(a.size(), b.size());
            double[] g = IrPlacementPass.nominal(b, upTo.quantized(), 24, 16, gOff, step);
            double prev = -1;
            for (int row = 0; row < 24; row++) {
                double load = 0;
                for (int c = 0; c < 16; c++) load += g[row * 16 + c];
                assertTrue(load >= prev - 1e-18, "tile " + ti + " row " + row + ": row loads must not fall toward the sense amplifiers");
                prev = load;
            }
            // same slots, same row set per input: a permutation
            Set<String> slotsA = new HashSet<>(), slotsB = new HashSet<>();
            for (int bi = 0; bi < a.size(); bi++) {
                for (int k = 0; k < a.get(bi).outCount(); k++) {
                    slotsA.add(a.get(bi).plusCols()[k] + "/" + a.get(bi).minusCols()[k]);
                    slotsB.add(b.get(bi).plusCols()[k] + "/" + b.get(bi).minusCols()[k]);
                }
            }
            assertEquals(slotsA, slotsB, "column pairs stay where they were");
            for (int bi = 0; bi < a.size(); bi++) {
                for (int i = 0; i < a.get(bi).inCount(); i++) {
                    // one bijection of the tile's rows: blocks sharing a row before still share it after
                    for (int bj = 0; bj < a.size(); bj++) {
                        for (int j = 0; j < a.get(bj).inCount(); j++) {
                            assertEquals(a.get(bi).rows()[i] == a.get(bj).rows()[j], b.get(bi).rows()[i] == b.get(bj).rows()[j]);
                        }
                    }
                }
            }
            moved += r.moved().get(ti).rowsMoved();
        }
        assertTrue(moved > 0, "a random model must move something");
    }

    @Test
    void permutedProgramsAreLegalAndCompensationStillNeverHurts() {
        SplittableRandom rnd = new SplittableRandom(21);
        for (int c = 0; c < 5; c++) {
            int rows = 8 + rnd.nextInt(17), cols = 8 + 2 * rnd.nextInt(9);
            Target t = target(rows, cols, new double[] {0.5, 2.5, 10}[c % 3]);
            int[] layers = {4 + rnd.nextInt(30), 2 + rnd.nextInt(12), 2 + rnd.nextInt(4)};
            ModelArtifact m = RandomModels.create(t, layers, 0.1 + 0.5 * rnd.nextDouble(), c);
            CompileOptions o = new CompileOptions(c, c % 2 == 0 ? "pack" : "grid", 8 + rnd.nextInt(57), true, c % 2 == 0, c % 2 == 0, false, 1, 0,
                    "layer", true, true, false);
            CompileResult res = Compiler.compile(m, t, o);
            assertEquals(res.placement().tiles().size(), res.report().irPlacement().size(), "one placement record per tile");
            assertEquals(List.of(), ProgramChecker.check(res.program(), m), "case " + c);
            for (TileIrReport tr : res.report().irDrop()) {
                assertTrue(tr.rmsAfter() <= tr.rmsBefore() * (1 + 1e-12) + 1e-15, "case " + c + " tile " + tr.tile());
            }
        }
    }

    @Test
    void offByDefaultOrWithoutWireResistance() {
        Target t = target(16, 16, 2.5);
        ModelArtifact m = RandomModels.create(t, new int[] {20, 6, 3}, 0.5, 1);
        var off = Compiler.compile(m, t, new CompileOptions(1, "pack", 16, true, false, false, false, 1, 0, "layer", true));
        assertEquals(CompileOptions.IR_PLACEMENT_DEFAULT, !off.report().irPlacement().isEmpty());
        Target ideal = target(16, 16, 0);
        var none = Compiler.compile(m, ideal, new CompileOptions(1, "pack", 16, true, false, false, false, 1, 0, "layer", true, true, false));
        assertTrue(none.report().irPlacement().isEmpty());
    }
}
