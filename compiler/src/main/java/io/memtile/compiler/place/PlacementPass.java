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
        return run(widths, tile, packer, 0);
    }

    /**
     * @param rowCap at most this many word lines of a tile carry weights (0 = all): the layers are packed as if the tiles
     *               had rowCap rows, and the rows below stay unused. Why: a bit line sums the currents of every row on it,
     *               so on resistive lines the IR-drop attenuation grows with the rows in use; fewer rows per tile (more
     *               tiles, the input partial sums routed as across any tile boundary) let a layer use higher levels
     */
    public static Placement run(int[] widths, TileParams tile, String packer, int rowCap) {
        if (rowCap < 0) throw new MemtileException("--max-tile-rows", null, "must be >= 0 (0 = all rows), got " + rowCap);
        int physRows = tile.rows(), cols = tile.cols();
        int rows = rowCap > 0 ? Math.min(rowCap, physRows) : physRows;
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
            // capped: the used rows are the last ones, next to the sense amplifiers below row physRows - 1, so the bit-line
            // current crosses no wire of unused rows (IrDropSolver: open end at row 0)
            int r0 = physRows - rows, c0 = 0;
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
                if (r0 > physRows || c0 > usable) throw new IllegalStateException("packer overfilled tile " + t);
                bl.add(new Block(pc.layer(), pc.inStart(), pc.inCount(), pc.outStart(), pc.outCount(), r, plus, minus));
                blocks++;
            }
            tiles.add(bl);
        }
        List<NeuronSite> sites = sites(out, tiles);
        int split = 0;
        for (NeuronSite ns : sites) if (ns.partialTiles().length > 1) split++;
        long area = (long) plans.size() * physRows * cols;
        // the cell bound is the physical one; the slot bounds count the rows the packing may use
        PlacementStats st = new PlacementStats(packer, plans.size(), (int) ((cells + (long) physRows * cols - 1) / ((long) physRows * cols)),
                (int) ((slots + usable - 1) / usable), (int) ((rowSlots + rows - 1) / rows), cells, cells / (double) area, blocks, split);
        return new Placement(physRows, cols, usable, tiles, sites, st);
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
