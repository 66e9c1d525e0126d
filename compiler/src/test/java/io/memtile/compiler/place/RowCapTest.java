package io.memtile.compiler.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.CompileResult;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.TestTargets;
import io.memtile.compiler.check.ProgramChecker;
import io.memtile.compiler.program.Block;
import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import io.memtile.core.target.Target;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code --max-tile-rows}: weights on at most R rows per tile, the last R (next to the sense amplifiers), every weight once. */
class RowCapTest {
    @Test
    void cappedPlacementUsesOnlyTheLastRowsAndPlacesEveryWeightOnce() {
        SplittableRandom r = new SplittableRandom(8);
        int cases = 0;
        for (int c = 0; c < 60; c++) {
            int nl = 1 + r.nextInt(3);
            int[] widths = new int[nl + 1];
            for (int i = 0; i <= nl; i++) widths[i] = 1 + r.nextInt(80);
            int rows = 4 + r.nextInt(40), cols = 4 + r.nextInt(40), cap = 1 + r.nextInt(rows + 4);
            Target t = TestTargets.withTile(TestTargets.paper(), rows, cols, 0);
            for (String packer : new String[] {"grid", "pack"}) {
                Placement full = PlacementPass.run(widths, t.tile(), packer);
                Placement capped = PlacementPass.run(widths, t.tile(), packer, cap);
                String what = "case " + c + " " + Arrays.toString(widths) + " tile " + rows + "x" + cols + " cap " + cap + " " + packer;
                assertEquals(rows, capped.rows(), what);
                int first = Math.max(0, rows - cap);
                for (List<Block> tile : capped.tiles()) {
                    int used = 0;
                    for (Block b : tile) {
                        used += b.inCount();
                        for (int row : b.rows()) assertTrue(row >= first && row < rows, what + ": row " + row);
                    }
                    assertTrue(used <= Math.min(cap, rows), what + ": " + used + " rows used");
                }
                CellLayouts.of(capped, widths); // throws if a weight is left unplaced
                assertTrue(capped.tiles().size() >= full.tiles().size(), what);
                if (cap >= rows) assertEquals(Json.toJson(full), Json.toJson(capped), what + ": a cap of all rows changes nothing");
                cases++;
            }
        }
        assertEquals(120, cases);
        assertThrows(MemtileException.class, () -> PlacementPass.run(new int[] {4, 2}, TestTargets.paper().tile(), "pack", -1));
    }

    @Test
    void cappedProgramVerifiesAndIsRecordedInTheOptions() {
        Target t = TestTargets.withTile(TestTargets.paper(), 32, 32, 0);
        var m = RandomModels.create(t, new int[] {70, 20, 5}, 0.15, 4);
        CompileOptions o = new CompileOptions(2, "pack", 64, true, true, false, false, 1, 0, "layer", true).withMaxTileRows(16);
        CompileResult r = Compiler.compile(m, t, o);
        assertEquals(List.of(), ProgramChecker.check(r.program(), m));
        assertEquals(16, r.report().options().maxTileRows());
        for (var img : r.program().tiles()) {
            for (int row = 0; row < 16; row++) for (int col = 0; col < 32; col++) assertEquals(-1, img.targetLevel()[row * 32 + col], "row " + row + " unused");
        }
        assertTrue(r.program().tiles().size() > Compiler.compile(m, t, o.withMaxTileRows(0)).program().tiles().size());
    }
}
