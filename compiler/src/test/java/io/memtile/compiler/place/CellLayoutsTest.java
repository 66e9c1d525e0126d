package io.memtile.compiler.place;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.program.Block;
import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.trainer.hwaware.CellLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The layout hardware-aware training uses is exactly where compile puts every weight (fault-free compile). */
class CellLayoutsTest {
    @ParameterizedTest
    @ValueSource(strings = {"pack", "grid"})
    void layoutIsTheCompiledPlacement(String packer) {
        Target t = Targets.paper();
        int[] widths = {300, 70, 10};
        TileProgram p = Compiler.compile(RandomModels.create(t, widths, 0.3, 2), t, new CompileOptions(1, packer, 0, true, false, false, false, 1)).program();
        CellLayout lay = CellLayouts.of(widths, t.tile(), packer);
        assertEquals(p.tiles().size(), lay.tiles());
        int seen = 0;
        for (TileImage tile : p.tiles()) {
            for (Block b : tile.blocks()) {
                int nin = widths[b.layer()];
                for (int kk = 0; kk < b.inCount(); kk++) {
                    for (int o = 0; o < b.outCount(); o++) {
                        int k = (b.outStart() + o) * nin + b.inStart() + kk;
                        assertEquals(tile.id(), lay.tile()[b.layer()][k]);
                        assertEquals(b.rows()[kk], lay.row()[b.layer()][k]);
                        assertEquals(b.plusCols()[o], lay.plusCol()[b.layer()][k]);
                        assertEquals(b.minusCols()[o], lay.minusCol()[b.layer()][k]);
                        seen++;
                    }
                }
            }
        }
        assertEquals(300 * 70 + 70 * 10, seen);
    }
}
