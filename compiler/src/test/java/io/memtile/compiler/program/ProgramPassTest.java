package io.memtile.compiler.program;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.CompileResult;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.TestTargets;
import io.memtile.compiler.check.ProgramChecker;
import io.memtile.core.target.Target;
import io.memtile.trainer.model.ModelArtifact;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgramPassTest {
    @Test
    void idealOptionsWriteTheExactDifferentialConductances() {
        Target t = TestTargets.withStuck(TestTargets.withTile(TestTargets.paper(), 32, 32, 0), 0.05, 0.5);
        ModelArtifact m = RandomModels.create(t, new int[] {40, 20, 4}, 1.0, 2);
        TileProgram p = Compiler.compile(m, t, CompileOptions.ideal(3)).program();
        double gOff = t.synapse().gOff(), gUnit = t.synapse().gOn() - gOff;
        int checked = 0;
        for (TileImage ti : p.tiles()) {
            assertEquals(0, ti.stuck().length, "ideal compiles draw no faults");
            for (Block b : ti.blocks()) {
                for (int k = 0; k < b.outCount(); k++) {
                    for (int i = 0; i < b.inCount(); i++) {
                        double w = m.weights()[b.layer()][b.outStart() + k][b.inStart() + i];
                        double gp = ti.conductance()[b.rows()[i] * ti.cols() + b.plusCols()[k]];
                        double gm = ti.conductance()[b.rows()[i] * ti.cols() + b.minusCols()[k]];
                        assertEquals(gUnit * w, gp - gm, 1e-15);
                        assertEquals(gOff + gUnit * Math.max(w, 0), gp, 1e-15);
                        checked++;
                    }
                }
            }
        }
        assertEquals(40 * 20 + 20 * 4, checked);
        assertEquals(0, p.stats().missFraction());
        assertEquals(List.of(), ProgramChecker.check(p, m));
    }

    @Test
    void stuckDevicesAreCompensatedOrRemappedAndNothingIsDroppedSilently() {
        Target t = TestTargets.withStuck(TestTargets.withTile(TestTargets.paper(), 32, 32, 6), 0.03, 0.5);
        ModelArtifact m = RandomModels.create(t, new int[] {60, 24, 5}, 1.0, 4);
        CompileResult r = Compiler.compile(m, t, new CompileOptions(11, "pack", 16, true, true, true, true, 1, 0, "off", false));
        TileProgram p = r.program();
        assertEquals(List.of(), ProgramChecker.check(p, m));
        long comp = r.report().count("COMPENSATED"), remap = r.report().count("REMAPPED"), unrep = r.report().count("UNREPAIRED");
        assertTrue(comp > 0 && remap > 0, "comp " + comp + " remap " + remap);
        assertTrue(p.stats().stuckDevices() > 0);
        // every remapped pair now sits on healthy devices that encode the quantised weight
        int n = p.provenance().switches();
        int verifiedPairs = 0;
        for (Repair rep : r.report().repairs()) {
            if (!rep.action().equals("REMAPPED")) continue;
            TileImage ti = p.tiles().get(rep.toTile());
            for (Block b : ti.blocks()) {
                if (b.layer() != rep.layer() || rep.output() < b.outStart() || rep.output() >= b.outStart() + b.outCount()) continue;
                int k = rep.output() - b.outStart();
                if (b.plusCols()[k] != rep.toPlusCol() || rep.toTile() != ti.id()) continue;
                java.util.Set<Integer> stuckHere = java.util.Arrays.stream(ti.stuck()).boxed().collect(java.util.stream.Collectors.toSet());
                for (int i = 0; i < b.inCount(); i++) {
                    int cp = b.rows()[i] * ti.cols() + b.plusCols()[k], cm = b.rows()[i] * ti.cols() + b.minusCols()[k];
                    // a new place with a stuck device it could not compensate either holds a best-effort pair (reported UNREPAIRED)
                    if (stuckHere.contains(cp) || stuckHere.contains(cm)) continue;
                    int want = io.memtile.compiler.quant.QuantizePass.bestDifference(m.weights()[b.layer()][rep.output()][b.inStart() + i], n);
                    assertEquals(want, ti.targetLevel()[cp] - ti.targetLevel()[cm]);
                }
                verifiedPairs++;
            }
        }
        assertTrue(verifiedPairs > 0);
        // misses are exactly the devices off target: unrepaired stuck ones plus maxPulses failures
        long off = 0, cells = 0;
        for (TileImage ti : p.tiles()) {
            for (int c = 0; c < ti.targetLevel().length; c++) {
                if (ti.targetLevel()[c] < 0) continue;
                cells++;
                int lv = io.memtile.physics.mss.StochasticMss.nearestLevel(p.target().synapse(), ti.conductance()[c]);
                if (lv != ti.targetLevel()[c]) off++;
            }
        }
        assertEquals(Math.round(p.stats().missFraction() * cells), off);
        assertTrue(off >= unrep);
    }

    @Test
    void pairsWithoutRoomOnTheirTileMoveToOtherTilesOrRepairTiles() {
        // full tiles (no free columns, no spares): only cross-tile moves can repair
        Target t = TestTargets.withStuck(TestTargets.withTile(TestTargets.paper(), 16, 16, 0), 0.03, 0.5);
        ModelArtifact m = RandomModels.create(t, new int[] {64, 32, 8}, 1.0, 12);
        CompileOptions base = new CompileOptions(3, "pack", 16, true, true, true, false, 1);
        CompileResult none = Compiler.compile(m, t, base);
        CompileResult two = Compiler.compile(m, t, base.withRepairTiles(2));
        assertEquals(List.of(), ProgramChecker.check(none.program(), m));
        assertEquals(List.of(), ProgramChecker.check(two.program(), m));
        long unNone = none.report().count("UNREPAIRED"), unTwo = two.report().count("UNREPAIRED");
        assertTrue(unNone > 0, "this layout must run out of room");
        assertTrue(unTwo < unNone, unTwo + " vs " + unNone);
        assertTrue(two.program().tiles().size() > none.program().tiles().size());
        assertTrue(two.report().repairs().stream().anyMatch(r -> r.action().equals("REMAPPED") && r.toTile() != r.tile()));
        // the moved neurons are routed from their new tile
        assertTrue(two.program().neurons().stream().anyMatch(n -> java.util.Arrays.stream(n.partialTiles()).anyMatch(x -> x >= none.program().tiles().size())));
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        Target t = TestTargets.withStuck(TestTargets.withTile(TestTargets.paper(), 16, 16, 2), 0.01, 0.5);
        ModelArtifact m = RandomModels.create(t, new int[] {50, 20, 3}, 1.0, 6);
        TileProgram a = Compiler.compile(m, t, new CompileOptions(5, "pack", 0, true, true, true, false, 1)).program();
        TileProgram b = Compiler.compile(m, t, new CompileOptions(5, "pack", 0, true, true, true, false, 2)).program();
        assertEquals(a.tiles().size(), b.tiles().size());
        for (int i = 0; i < a.tiles().size(); i++) {
            assertArrayEquals(a.tiles().get(i).conductance(), b.tiles().get(i).conductance());
            assertArrayEquals(a.tiles().get(i).stuck(), b.tiles().get(i).stuck());
        }
        TileProgram c = Compiler.compile(m, t, new CompileOptions(6, "pack", 0, true, true, true, false, 1)).program();
        boolean differs = false;
        for (int i = 0; i < a.tiles().size() && !differs; i++) differs = !java.util.Arrays.equals(a.tiles().get(i).conductance(), c.tiles().get(i).conductance());
        assertTrue(differs, "another seed must give another programming outcome");
    }

    @Test
    void uncompensableStuckDevicesOnFullTilesAreRepairedByAPolaritySwap() {
        // full tiles (no free column pair): before the swap every uncompensable stuck device was UNREPAIRED
        Target t = TestTargets.withStuck(TestTargets.withTile(TestTargets.paper(), 32, 32, 0), 0.03, 0.5);
        ModelArtifact m = RandomModels.create(t, new int[] {60, 16, 4}, 1.0, 5);
        CompileResult r = Compiler.compile(m, t, new CompileOptions(7, "pack", 16, true, false, true, false, 1, 0, "off", false));
        TileProgram p = r.program();
        assertEquals(List.of(), ProgramChecker.check(p, m));
        int n = p.provenance().switches(), swapped = 0;
        for (Repair rep : r.report().repairs()) {
            // a swap keeps the pair on its two columns, roles exchanged: the stuck device's column is one of them
            if (!rep.action().equals("REMAPPED") || rep.toTile() != rep.tile() || (rep.col() != rep.toPlusCol() && rep.col() != rep.toMinusCol())) continue;
            // a device first pulsed by the rewrite may turn out stuck and uncompensable too: that pair is reported UNREPAIRED
            if (r.report().repairs().stream().anyMatch(u -> u.action().equals("UNREPAIRED") && u.tile() == rep.tile() && u.output() == rep.output()
                    && u.layer() == rep.layer())) continue;
            TileImage ti = p.tiles().get(rep.tile());
            for (Block b : ti.blocks()) {
                if (b.layer() != rep.layer() || rep.output() < b.outStart() || rep.output() >= b.outStart() + b.outCount()) continue;
                int k = rep.output() - b.outStart();
                if (b.plusCols()[k] != rep.toPlusCol() || b.minusCols()[k] != rep.toMinusCol()) continue;
                swapped++;
                for (int i = 0; i < b.inCount(); i++) {
                    int cp = b.rows()[i] * ti.cols() + b.plusCols()[k], cm = b.rows()[i] * ti.cols() + b.minusCols()[k];
                    int want = io.memtile.compiler.quant.QuantizePass.bestDifference(m.weights()[b.layer()][rep.output()][b.inStart() + i], n);
                    int got = io.memtile.physics.mss.StochasticMss.nearestLevel(p.target().synapse(), ti.conductance()[cp])
                            - io.memtile.physics.mss.StochasticMss.nearestLevel(p.target().synapse(), ti.conductance()[cm]);
                    assertEquals(want, got, "the swapped pair carries every weight, the stuck device's row included");
                }
            }
        }
        assertTrue(swapped > 0, "some pair was rescued by a swap");
    }
}
