package io.memtile.compiler.place;

import io.memtile.compiler.program.Block;
import io.memtile.compiler.program.NeuronSite;
import io.memtile.core.MemtileException;
import io.memtile.core.target.TileParams;
import java.util.ArrayList;
import java.util.List;

/**
 * Pass 4: partition the layers into blocks and place them on tiles (rows = shared inputs, each
 * output = two adjacent columns G+, G-), then site every MIF neuron: its membrane node is the
 * column pair on its home tile (the tile carrying most of its fan-in), and the partial column sums
 * from its other tiles are routed there.
 */
public final class PlacementPass {
    public static final String NAME = "place";

    private PlacementPass() {}

    public static Placement run(int[] widths, TileParams tile, String packer) {
        int rows = tile.rows(), cols = tile.cols();
        int usable = cols - tile.spareColumns();
        if (usable < 2) throw new MemtileException("target", "tile.spareColumns", "leaves fewer than 2 usable columns");
        int nl = widths.length - 1;
        int[] in = new int[nl], out = new int[nl];
        long cells = 0, slots = 0, rowSlots = 0;
        int pairs = usable / 2;
        for (int l = 0; l < nl; l++) {
            in[l] = widths[l];
            out[l] = widths[l + 1];
            cells += 2L * in[l] * out[l];
            slots += 2L * out[l] * ((in[l] + rows - 1) / rows);
            rowSlots += (long) in[l] * ((out[l] + pairs - 1) / pairs);
        }
        List<TilePlan> plans = Packer.of(packer).pack(in, out, rows, usable);
        List<List<Block>> tiles = new ArrayList<>();
        int blocks = 0;
        // per neuron: contributing tiles, and the fan-in each contributes
        List<List<int[]>> contrib = new ArrayList<>();
        for (int l = 0; l < nl; l++) for (int j = 0; j < out[l]; j++) contrib.add(new ArrayList<>());
        int[] neuronBase = new int[nl];
        for (int l = 1; l < nl; l++) neuronBase[l] = neuronBase[l - 1] + out[l - 1];
        for (int t = 0; t < plans.size(); t++) {
            TilePlan p = plans.get(t);
            int r0 = 0, c0 = 0;
            List<Block> bl = new ArrayList<>();
            for (Piece pc : p.pieces()) {
                int[] r = new int[pc.inCount()];
                for (int i = 0; i < r.length; i++) r[i] = r0 + i;
                int[] plus = new int[pc.outCount()], minus = new int[pc.outCount()];
                for (int o = 0; o < plus.length; o++) {
                    plus[o] = c0 + 2 * o;
                    minus[o] = c0 + 2 * o + 1;
                    contrib.get(neuronBase[pc.layer()] + pc.outStart() + o).add(new int[] {t, pc.inCount()});
                }
                r0 += pc.inCount();
                c0 += 2 * pc.outCount();
                if (r0 > rows || c0 > usable) throw new IllegalStateException("packer overfilled tile " + t);
                bl.add(new Block(pc.layer(), pc.inStart(), pc.inCount(), pc.outStart(), pc.outCount(), r, plus, minus));
                blocks++;
            }
            tiles.add(bl);
        }
        List<NeuronSite> sites = new ArrayList<>();
        int split = 0;
        for (int l = 0; l < nl; l++) {
            for (int j = 0; j < out[l]; j++) {
                List<int[]> c = contrib.get(neuronBase[l] + j);
                c.sort((a, b) -> a[0] - b[0]);
                int home = -1, bestFan = -1;
                int[] partial = new int[c.size()];
                for (int k = 0; k < c.size(); k++) {
                    partial[k] = c.get(k)[0];
                    if (c.get(k)[1] > bestFan) {
                        bestFan = c.get(k)[1];
                        home = c.get(k)[0];
                    }
                }
                if (partial.length > 1) split++;
                sites.add(new NeuronSite(l + 1, j, home, distinct(partial)));
            }
        }
        long area = (long) plans.size() * rows * cols;
        PlacementStats st = new PlacementStats(packer, plans.size(), (int) ((cells + (long) rows * cols - 1) / ((long) rows * cols)),
                (int) ((slots + usable - 1) / usable), (int) ((rowSlots + rows - 1) / rows), cells, cells / (double) area, blocks, split);
        return new Placement(rows, cols, usable, tiles, sites, st);
    }

    private static int[] distinct(int[] sorted) {
        return java.util.Arrays.stream(sorted).distinct().toArray();
    }
}
