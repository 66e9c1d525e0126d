package io.memtile.compiler.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.CompileResult;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.TestTargets;
import io.memtile.compiler.check.ProgramChecker;
import io.memtile.core.target.Target;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded random layer shapes and tile sizes through every packer: legal, complete, pack <= layers <= grid, layers isolated. */
class PackerPropertyTest {
    static final int CASES = 200;

    @Test
    void randomShapesAndTilesAreLegalAndPackNeverLosesToGrid() {
        int isolatedTiles = 0;
        SplittableRandom r = new SplittableRandom(20261124);
        Target base = TestTargets.paper();
        for (int c = 0; c < CASES; c++) {
            int nl = 1 + r.nextInt(3);
            int[] widths = new int[nl + 1];
            for (int i = 0; i <= nl; i++) widths[i] = 1 + r.nextInt(r.nextBoolean() ? 12 : 90);
            int rows = 2 + r.nextInt(40), cols = 4 + r.nextInt(40);
            int spare = r.nextInt(3);
            Target t = TestTargets.withTile(base, rows, cols, spare);
            var m = RandomModels.create(t, widths, 1.0, c);
            String what = "case " + c + ": layers " + Arrays.toString(widths) + " tile " + rows + "x" + cols + " spare " + spare;
            int[] tiles = new int[3];
            int k = 0;
            for (String packer : new String[] {"grid", "pack", "layers"}) {
                // faults on a random subset of cases so repairs (remaps into free/spare columns) are exercised too
                CompileOptions o = new CompileOptions(c, packer, 8, true, c % 4 == 0, c % 3 == 0, false, 1);
                Target tt = c % 3 == 0 ? TestTargets.withStuck(t, 0.02, 0.5) : t;
                CompileResult res = Compiler.compile(m, tt, o);
                List<String> v = ProgramChecker.check(res.program(), m);
                assertEquals(List.of(), v, what + " packer " + packer);
                PlacementStats s = res.report().placement();
                assertTrue(s.tiles() >= s.lowerBound(), what + ": " + s);
                tiles[k++] = s.tiles();
                if ("layers".equals(packer)) {
                    for (var tile : res.program().tiles()) {
                        long layers = tile.blocks().stream().mapToInt(b -> b.layer()).distinct().count();
                        // 0 when repairs moved every pair off a tile
                        assertTrue(layers <= 1, what + ": a layers-packed tile holds " + layers + " layers");
                        isolatedTiles++;
                    }
                }
            }
            assertTrue(tiles[1] <= tiles[0], what + ": pack " + tiles[1] + " > grid " + tiles[0]);
            assertTrue(tiles[1] <= tiles[2] && tiles[2] <= tiles[0], what + ": pack " + tiles[1] + ", layers " + tiles[2] + ", grid " + tiles[0]);
        }
        assertTrue(isolatedTiles > CASES, "the isolation check ran on " + isolatedTiles + " tiles");
    }

    @Test
    void paperNetworkPacksOntoTheProvableMinimum() {
        Target t = TestTargets.paper();
        int[] in = {784, 100}, out = {100, 10};
        int grid = new GridPacker().pack(in, out, 128, 128).size();
        var p = PlacementPass.run(new int[] {784, 100, 10}, t.tile(), "pack");
        assertEquals(15, grid);
        assertEquals(10, p.stats().cellLowerBound());
        assertEquals(12, p.stats().slotLowerBound());
        // every input row feeds at most 64 outputs per tile: 784*2 + 100*1 rows over 128-row tiles
        assertEquals(14, p.stats().rowSlotLowerBound());
        assertEquals(14, p.stats().tiles());
        // each layer on its own tiles: layer 0 on the minimum its row slots allow (784 * 2 / 128 -> 13), layer 1 on one
        var iso = PlacementPass.run(new int[] {784, 100, 10}, t.tile(), "layers");
        assertEquals(LAYER_PACKED_PAPER_TILES, iso.stats().tiles());
    }

    static final int LAYER_PACKED_PAPER_TILES = 14;

    @Test
    void spareColumnsAreNeverPlaced() {
        Target t = TestTargets.withTile(TestTargets.paper(), 16, 20, 4);
        var p = PlacementPass.run(new int[] {40, 30, 7}, t.tile(), "pack");
        for (var tile : p.tiles()) {
            for (var b : tile) {
                for (int c : b.plusCols()) assertTrue(c < 16);
                for (int c : b.minusCols()) assertTrue(c < 16);
            }
        }
    }
}
