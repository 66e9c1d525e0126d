package io.memtile.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.check.ProgramChecker;
import io.memtile.compiler.program.Block;
import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.NonIdealities;
import io.memtile.sim.chip.ChipInstance;
import io.memtile.sim.chip.ChipNetwork;
import io.memtile.sim.chip.LayerOperator;
import io.memtile.trainer.model.ModelArtifact;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A block split around a relocated output (ProgramPass.removeOutput) leaves two blocks that share
 * their rows; each shared word line carries its input once, so the layer transfer, the row loads
 * and the read-noise weights must be those of the unsplit block.
 */
class SplitBlockTest {
    @Test
    void blocksSharingRowsCountEachWordLineOnce() {
        ModelArtifact m = TestPrograms.model(TestPrograms.smallTiles(), new int[] {20, 6, 4}, 50, 31);
        TileProgram p = TestPrograms.ideal(m);
        TileProgram split = splitFirstBlock(p);
        assertTrue(ProgramChecker.check(split, m).isEmpty(), "the split program is legal: " + ProgramChecker.check(split, m));
        for (boolean ir : new boolean[] {false, true}) {
            NonIdealities ni = new NonIdealities(0.05, 0.02, 0, 0, 0.05, ir, 0);
            LayerOperator[] a = ChipNetwork.build(ChipInstance.build(p, ni, 3), ir, true, true, 1);
            LayerOperator[] b = ChipNetwork.build(ChipInstance.build(split, ni, 3), ir, true, true, 1);
            for (int l = 0; l < a.length; l++) {
                assertArrayEquals(a[l].w(), b[l].w(), 1e-15, "layer " + l + " transfer, ir " + ir);
                assertArrayEquals(a[l].wOff(), b[l].wOff(), 1e-15, "layer " + l + " drift asymptote, ir " + ir);
                assertArrayEquals(a[l].q(), b[l].q(), 1e-30, "layer " + l + " read-noise weights, ir " + ir);
                assertArrayEquals(a[l].rowS(), b[l].rowS(), 0, "layer " + l + " row loads, ir " + ir);
                assertArrayEquals(a[l].rowInput(), b[l].rowInput(), "layer " + l + " driven rows, ir " + ir);
            }
        }
    }

    /** The program with its first multi-output block split in two (same rows, disjoint columns). */
    private static TileProgram splitFirstBlock(TileProgram p) {
        List<TileImage> tiles = new ArrayList<>(p.tiles());
        for (int t = 0; t < tiles.size(); t++) {
            TileImage ti = tiles.get(t);
            List<Block> bs = new ArrayList<>(ti.blocks());
            for (int i = 0; i < bs.size(); i++) {
                Block b = bs.get(i);
                if (b.outCount() < 2) continue;
                int k = b.outCount() / 2;
                bs.set(i, new Block(b.layer(), b.inStart(), b.inCount(), b.outStart(), k, b.rows(),
                        Arrays.copyOf(b.plusCols(), k), Arrays.copyOf(b.minusCols(), k)));
                bs.add(i + 1, new Block(b.layer(), b.inStart(), b.inCount(), b.outStart() + k, b.outCount() - k, b.rows(),
                        Arrays.copyOfRange(b.plusCols(), k, b.outCount()), Arrays.copyOfRange(b.minusCols(), k, b.outCount())));
                tiles.set(t, new TileImage(ti.id(), ti.rows(), ti.cols(), List.copyOf(bs), ti.targetLevel(), ti.conductance(), ti.stuck()));
                return new TileProgram(p.schemaVersion(), p.provenance(), p.network(), p.target(), p.layers(), List.copyOf(tiles),
                        p.neurons(), p.stats());
            }
        }
        throw new AssertionError("no block with two outputs to split");
    }
}
