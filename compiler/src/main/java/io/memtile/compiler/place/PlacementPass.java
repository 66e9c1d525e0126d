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
                }
                r0 += pc.inCount();
                c0 += 2 * pc.outCount();
                if (r0 > rows || c0 > usable) throw new IllegalStateException("packer overfilled tile " + t);
                bl.add(new Block(pc.layer(), pc.inStart(), pc.inCount(), pc.outStart(), pc.outCount(), r, plus, minus));
                blocks++;
            }
            tiles.add(bl);
        }
        List<NeuronSite> sites = sites(out, tiles);
        int split = 0;
        for (NeuronSite ns : sites) if (ns.partialTiles().length > 1) split++;
        long area = (long) plans.size() * rows * cols;
        PlacementStats st = new PlacementStats(packer, plans.size(), (int) ((cells + (long) rows * cols - 1) / ((long) rows * cols)),
                (int) ((slots + usable - 1) / usable), (int) ((rowSlots + rows - 1) / rows), cells, cells / (double) area, blocks, split);
        return new Placement(rows, cols, usable, tiles, sites, st);
    }


    /**
     * Sites every neuron of layers 1..L from the final blocks: partialTiles = every tile with a
     * column pair of it, homeTile = the one carrying most of its fan-in (lowest id on ties).
     */
    public static List<NeuronSite> sites(int[] outputs, List<List<Block>> tiles) {
        int nl = outputs.length;
        int[][] home = new int[nl][], fan = new int[nl][];
        List<List<java.util.TreeSet<Integer>>> contrib = new ArrayList<>();
        for (int l = 0; l < nl; l++) {
            home[l] = new int[outputs[l]];
            fan[l] = new int[outputs[l]];
            java.util.Arrays.fill(home[l], -1);
            List<java.util.TreeSet<Integer>> c = new ArrayList<>();
            for (int j = 0; j < outputs[l]; j++) c.add(new java.util.TreeSet<>());
            contrib.add(c);
        }
        for (int t = 0; t < tiles.size(); t++) {
            // fan-in per (layer, output) on this tile
            java.util.Map<Long, Integer> perTile = new java.util.HashMap<>();
            for (Block b : tiles.get(t)) {
                for (int k = 0; k < b.outCount(); k++) {
                    int j = b.outStart() + k;
                    contrib.get(b.layer()).get(j).add(t);
                    perTile.merge(((long) b.layer() << 32) | j, b.inCount(), Integer::sum);
                }
            }
            for (var e : perTile.entrySet()) {
                int l = (int) (e.getKey() >> 32), j = (int) (long) e.getKey();
                if (e.getValue() > fan[l][j]) { fan[l][j] = e.getValue(); home[l][j] = t; }
            }
        }
        List<NeuronSite> sites = new ArrayList<>();
        for (int l = 0; l < nl; l++) {
            for (int j = 0; j < outputs[l]; j++) {
                sites.add(new NeuronSite(l + 1, j, home[l][j], contrib.get(l).get(j).stream().mapToInt(Integer::intValue).toArray()));
            }
        }
        return sites;
    }
}
