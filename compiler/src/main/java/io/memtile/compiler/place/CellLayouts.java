package io.memtile.compiler.place;

import io.memtile.compiler.program.Block;
import io.memtile.core.target.TileParams;
import io.memtile.trainer.hwaware.CellLayout;
import java.util.List;

/**
 * The cell layout hardware-aware training computes IR-drop attenuation on: the placement this pass
 * produces for the network's widths (it depends only on the shapes, the tile and the packer), so
 * what training compensates is where {@code memtile compile} will put each weight.
 */
public final class CellLayouts {
    private CellLayouts() {}

    public static CellLayout of(int[] widths, TileParams tile, String packer) {
        return of(PlacementPass.run(widths, tile, packer), widths);
    }

    public static CellLayout of(Placement pl, int[] widths) {
        int depth = widths.length - 1, nt = pl.tiles().size();
        int[] tr = new int[nt], tc = new int[nt];
        boolean[][] sensed = new boolean[nt][];
        int[][] tile = new int[depth][], row = new int[depth][], pc = new int[depth][], mc = new int[depth][];
        for (int l = 0; l < depth; l++) {
            int n = widths[l] * widths[l + 1];
            tile[l] = new int[n];
            row[l] = new int[n];
            pc[l] = new int[n];
            mc[l] = new int[n];
            java.util.Arrays.fill(tile[l], -1);
        }
        for (int t = 0; t < nt; t++) {
            tr[t] = pl.rows();
            tc[t] = pl.cols();
            sensed[t] = new boolean[pl.cols()];
            List<Block> blocks = pl.tiles().get(t);
            for (Block b : blocks) {
                int nin = widths[b.layer()];
                for (int o = 0; o < b.outCount(); o++) {
                    sensed[t][b.plusCols()[o]] = true;
                    sensed[t][b.minusCols()[o]] = true;
                    for (int kk = 0; kk < b.inCount(); kk++) {
                        int k = (b.outStart() + o) * nin + b.inStart() + kk;
                        tile[b.layer()][k] = t;
                        row[b.layer()][k] = b.rows()[kk];
                        pc[b.layer()][k] = b.plusCols()[o];
                        mc[b.layer()][k] = b.minusCols()[o];
                    }
                }
            }
        }
        for (int l = 0; l < depth; l++) {
            for (int k = 0; k < tile[l].length; k++) {
                if (tile[l][k] < 0) throw new IllegalStateException("placement left weight " + k + " of layer " + l + " unplaced");
            }
        }
        return new CellLayout(tr, tc, sensed, tile, row, pc, mc);
    }
}
