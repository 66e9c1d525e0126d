package io.memtile.compiler.place;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The optimising packer. Because blocks on one tile must be disjoint in rows and in columns, a
 * tile's free space after placing blocks on its diagonal is always one rectangle (the rows below
 * and the columns right of the last block); a tile is thus a bin with two capacities, rows and
 * column pairs, and layer pieces may be split along outputs (costing rows in another tile) or along
 * inputs (costing column pairs: every input chunk of an output needs its own column pair).
 *
 * <p>Strategy: cut each layer's outputs into groups of at most one tile's column pairs; cut each
 * group's inputs into horizontal strips, either full-height (rows, rows, ..., remainder) or
 * balanced (equal heights, leaving the same few rows free in every tile for other layers' short
 * strips). Strips are placed tallest first, best-fit (tightest rows, then tightest columns),
 * splitting a strip along its outputs when no open tile takes it whole and, optionally, along its
 * inputs into the free rows of open tiles. Several chunkings are tried and the one with the fewest
 * tiles (then fewest blocks) wins; the grid layout is always a candidate, so pack never uses more
 * tiles than grid.
 */
public final class ShelfPacker implements Packer {
    /** Above this many (layer, output-group) units, only uniform chunkings are tried. */
    private static final int MAX_ENUMERATED_UNITS = 6;

    @Override
    public List<TilePlan> pack(int[] inputs, int[] outputs, int rows, int usableCols) {
        int pairs = usableCols / 2;
        // units = (layer, output group)
        List<int[]> units = new ArrayList<>();
        for (int l = 0; l < inputs.length; l++) {
            for (int o0 = 0; o0 < outputs[l]; o0 += pairs) units.add(new int[] {l, o0, Math.min(pairs, outputs[l] - o0)});
        }
        List<boolean[]> chunkings = new ArrayList<>();
        int u = units.size();
        if (u <= MAX_ENUMERATED_UNITS) {
            for (int mask = 0; mask < (1 << u); mask++) {
                boolean[] b = new boolean[u];
                for (int k = 0; k < u; k++) b[k] = ((mask >> k) & 1) != 0;
                chunkings.add(b);
            }
        } else {
            boolean[] full = new boolean[u], balanced = new boolean[u], narrowBalanced = new boolean[u];
            for (int k = 0; k < u; k++) {
                balanced[k] = true;
                narrowBalanced[k] = units.get(k)[2] < pairs;
            }
            chunkings.add(full);
            chunkings.add(balanced);
            chunkings.add(narrowBalanced);
        }
        List<TilePlan> best = new GridPacker().pack(inputs, outputs, rows, usableCols);
        for (boolean[] balancedUnit : chunkings) {
            for (boolean rowSplit : new boolean[] {false, true}) {
                List<TilePlan> cand = greedy(units, balancedUnit, inputs, rows, pairs, rowSplit);
                if (better(cand, best)) best = cand;
            }
        }
        return best;
    }

    private static boolean better(List<TilePlan> a, List<TilePlan> b) {
        if (a.size() != b.size()) return a.size() < b.size();
        return blocks(a) < blocks(b);
    }

    private static int blocks(List<TilePlan> t) {
        int n = 0;
        for (TilePlan p : t) n += p.pieces().size();
        return n;
    }

    /** One mutable bin during packing. */
    private static final class Bin {
        final int id;
        int freeRows, freePairs;
        final List<Piece> pieces = new ArrayList<>();

        Bin(int id, int rows, int pairs) {
            this.id = id;
            this.freeRows = rows;
            this.freePairs = pairs;
        }
    }

    static List<TilePlan> greedy(List<int[]> units, boolean[] balanced, int[] inputs, int rows, int pairs, boolean rowSplit) {
        List<Piece> strips = new ArrayList<>();
        for (int k = 0; k < units.size(); k++) {
            int[] unit = units.get(k);
            int l = unit[0], in = inputs[l];
            int chunks = (in + rows - 1) / rows;
            if (balanced[k]) {
                int base = in / chunks, extra = in % chunks, start = 0;
                for (int c = 0; c < chunks; c++) {
                    int h = base + (c < extra ? 1 : 0);
                    strips.add(new Piece(l, start, h, unit[1], unit[2]));
                    start += h;
                }
            } else {
                for (int i0 = 0; i0 < in; i0 += rows) strips.add(new Piece(l, i0, Math.min(rows, in - i0), unit[1], unit[2]));
            }
        }
        strips.sort(Comparator.comparingInt(Piece::inCount).reversed().thenComparing(Comparator.comparingInt(Piece::outCount).reversed())
                .thenComparingInt(Piece::layer).thenComparingInt(Piece::inStart).thenComparingInt(Piece::outStart));
        List<Bin> bins = new ArrayList<>();
        List<Bin> open = new ArrayList<>();
        for (Piece s : strips) {
            int inStart = s.inStart(), inLeft = s.inCount();
            int outStart = s.outStart(), outLeft = s.outCount();
            while (outLeft > 0) {
                Bin bin = bestFit(open, inLeft, outLeft);
                int h = inLeft;
                if (bin == null && rowSplit) {
                    // fill the free rows of an open tile that can take all remaining outputs of the strip
                    Bin rb = null;
                    for (Bin b : open) {
                        if (b.freePairs >= outLeft && b.freeRows > 0 && (rb == null || b.freeRows > rb.freeRows)) rb = b;
                    }
                    if (rb != null && rb.freeRows * 4 >= inLeft) { // only worth it for a sizeable share of the strip
                        h = Math.min(rb.freeRows, inLeft);
                        place(rb, new Piece(s.layer(), inStart, h, outStart, outLeft), open);
                        inStart += h;
                        inLeft -= h;
                        if (inLeft == 0) break;
                        continue;
                    }
                }
                if (bin == null) {
                    bin = new Bin(bins.size(), rows, pairs);
                    bins.add(bin);
                    open.add(bin);
                }
                int take = Math.min(outLeft, bin.freePairs);
                place(bin, new Piece(s.layer(), inStart, h, outStart, take), open);
                outStart += take;
                outLeft -= take;
            }
        }
        List<TilePlan> out = new ArrayList<>();
        for (Bin b : bins) out.add(new TilePlan(b.id, List.copyOf(b.pieces)));
        return out;
    }

    private static void place(Bin b, Piece p, List<Bin> open) {
        b.pieces.add(p);
        b.freeRows -= p.inCount();
        b.freePairs -= p.outCount();
        if (b.freeRows == 0 || b.freePairs == 0) open.remove(b);
    }

    /** An open bin with enough rows: whole fit with the tightest rows then pairs, else the most pairs. */
    private static Bin bestFit(List<Bin> open, int h, int outs) {
        Bin whole = null, partial = null;
        for (Bin b : open) {
            if (b.freeRows < h) continue;
            if (b.freePairs >= outs) {
                if (whole == null || b.freeRows < whole.freeRows || (b.freeRows == whole.freeRows && b.freePairs < whole.freePairs)) whole = b;
            } else if (partial == null || b.freePairs > partial.freePairs
                    || (b.freePairs == partial.freePairs && b.freeRows < partial.freeRows)) {
                partial = b;
            }
        }
        return whole != null ? whole : partial;
    }
}
