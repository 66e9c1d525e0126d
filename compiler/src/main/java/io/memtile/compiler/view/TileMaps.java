package io.memtile.compiler.view;

import io.memtile.compiler.program.Block;
import io.memtile.compiler.program.LayerMapping;
import io.memtile.compiler.program.Repair;
import io.memtile.compiler.program.TileImage;
import io.memtile.compiler.program.TileProgram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds the data of the tile maps and of the chip overview from a compiled program: block
 * outlines with their layer and input/output ranges, stuck cells (ON/OFF and the repair applied),
 * runs of unused rows and columns with the reason, and the colour-bar ticks.
 */
public final class TileMaps {
    private TileMaps() {}

    /**
     * @param repairs      the compile report's repairs (may be empty): give each stuck cell its action
     * @param placedTiles  tiles the placer used; tiles with a higher id were added for repairs
     * @param programHash  {@link ProgramHash} of program.json
     */
    public static TileMap tile(TileProgram p, TileImage t, List<Repair> repairs, int placedTiles, String programHash) {
        int rows = t.rows(), cols = t.cols(), n = p.provenance().switches();
        double gOff = p.target().synapse().gOff(), gOn = p.target().synapse().gOn();
        double[] level = new double[rows * cols];
        int used = 0;
        for (int k = 0; k < level.length; k++) {
            if (t.targetLevel()[k] < 0) level[k] = Double.NaN;
            else {
                level[k] = (t.conductance()[k] - gOff) / (gOn - gOff) * n;
                used++;
            }
        }
        List<BlockBox> boxes = boxes(t.blocks());
        List<TileMap.StuckCell> stuck = stuck(t, repairs, gOff, gOn);
        String title = String.format(Locale.ROOT, "Tile %d of %d%s  ·  utilisation %.1f %% (%,d of %,d cells)  ·  program sha256 %s",
                t.id(), p.tiles().size(), t.id() >= placedTiles ? " (repair tile)" : "", 100.0 * used / level.length, used, level.length,
                ProgramHash.shortForm(programHash));
        String subtitle = String.format(Locale.ROOT, "%s on %s  ·  %d × %d cells  ·  N = %d (levels 0–%d)  ·  rows = word lines (inputs), "
                        + "columns = bit lines (each output is a G+/G− column pair)",
                network(p), p.provenance().targetName(), rows, cols, n, n);
        return new TileMap(title, subtitle, rows, cols, n, gOff, gOn, level, layerNames(p), boxes, stuck, bands(t, p.target().tile().spareColumns(), repairs),
                ticks(n, gOff, gOn));
    }

    /** The chip overview: every tile's blocks, coloured per layer. */
    public static ChipOverview chip(TileProgram p, int placedTiles, String programHash) {
        return chip(p, List.of(), placedTiles, programHash);
    }

    /** @param repairs the compile report's repairs: they tell which unused column pairs were abandoned */
    public static ChipOverview chip(TileProgram p, List<Repair> repairs, int placedTiles, String programHash) {
        List<ChipOverview.TileEntry> tiles = new ArrayList<>();
        Map<Integer, TreeSet<Integer>> layerTiles = new HashMap<>();
        double gOff = p.target().synapse().gOff(), gOn = p.target().synapse().gOn();
        for (TileImage t : p.tiles()) {
            int used = 0;
            for (int v : t.targetLevel()) if (v >= 0) used++;
            List<String> labels = new ArrayList<>();
            for (Block b : t.blocks()) labels.add("L" + b.layer() + " in " + range(b.inStart(), b.inStart() + b.inCount() - 1) + " → out "
                    + range(b.outStart(), b.outStart() + b.outCount() - 1));
            tiles.add(new ChipOverview.TileEntry(t.id(), used / (double) t.targetLevel().length, boxes(t.blocks()), List.copyOf(labels),
                    stuck(t, repairs, gOff, gOn), bands(t, p.target().tile().spareColumns(), repairs), t.id() >= placedTiles));
            for (Block b : t.blocks()) layerTiles.computeIfAbsent(b.layer(), k -> new TreeSet<>()).add(t.id());
        }
        List<ChipOverview.LayerKey> keys = new ArrayList<>();
        for (LayerMapping m : p.layers()) {
            keys.add(new ChipOverview.LayerKey(m.layer(), m.inputs(), m.outputs(), m.drive(), layerTiles.getOrDefault(m.layer(), new TreeSet<>()).size()));
        }
        String title = String.format(Locale.ROOT, "Chip overview: %s on %d tiles (%s)  ·  utilisation %.1f %%  ·  program sha256 %s",
                network(p), p.tiles().size(), p.provenance().targetName(), 100 * p.stats().utilisation(), ProgramHash.shortForm(programHash));
        String subtitle = String.format(Locale.ROOT, "each tile is %d × %d cells (rows = inputs on word lines, columns = G+/G− pairs per output); "
                + "colour = the weight layer a block holds, grey = unused", p.target().tile().rows(), p.target().tile().cols());
        return new ChipOverview(title, subtitle, p.target().tile().rows(), p.target().tile().cols(), tiles, keys);
    }

    /** "L0: 784 inputs → 100 outputs (alpha-driven rows)" per weight layer. */
    static List<String> layerNames(TileProgram p) {
        List<String> out = new ArrayList<>();
        for (LayerMapping m : p.layers()) {
            out.add(String.format(Locale.ROOT, "L%d = weight layer %d: %d inputs → %d outputs (%s-driven rows)", m.layer(), m.layer(), m.inputs(),
                    m.outputs(), m.drive().toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    static String network(TileProgram p) {
        return Arrays.stream(p.network().layers()).mapToObj(Integer::toString).collect(Collectors.joining("-"));
    }

    /**
     * Splits every block into rectangles of contiguous rows × contiguous columns. A block is one
     * rectangle unless write-verify moved a column pair around a stuck device (or relocation gave it
     * scattered rows); each part is labelled with the inputs and outputs it really holds.
     */
    static List<BlockBox> boxes(List<Block> blocks) {
        List<BlockBox> out = new ArrayList<>();
        for (Block b : blocks) {
            List<int[]> rowRuns = runs(b.rows());
            int[] colsAll = new int[2 * b.outCount()];
            for (int k = 0; k < b.outCount(); k++) {
                colsAll[2 * k] = b.plusCols()[k];
                colsAll[2 * k + 1] = b.minusCols()[k];
            }
            List<int[]> colRuns = runs(colsAll);
            List<BlockBox> parts = new ArrayList<>();
            for (int[] rr : rowRuns) {
                TreeSet<Integer> ins = new TreeSet<>();
                for (int i = 0; i < b.inCount(); i++) if (b.rows()[i] >= rr[0] && b.rows()[i] <= rr[1]) ins.add(b.inStart() + i);
                for (int[] cr : colRuns) {
                    TreeSet<Integer> outs = new TreeSet<>();
                    for (int k = 0; k < b.outCount(); k++) {
                        int pc = b.plusCols()[k], mc = b.minusCols()[k];
                        if ((pc >= cr[0] && pc <= cr[1]) || (mc >= cr[0] && mc <= cr[1])) outs.add(b.outStart() + k);
                    }
                    parts.add(new BlockBox(b.layer(), rr[0], rr[1] - rr[0] + 1, cr[0], cr[1] - cr[0] + 1, ranges(ins), ranges(outs), false));
                }
            }
            int best = 0;
            for (int i = 1; i < parts.size(); i++) {
                BlockBox a = parts.get(i), m = parts.get(best);
                if ((long) a.rowCount() * a.colCount() > (long) m.rowCount() * m.colCount()) best = i;
            }
            for (int i = 0; i < parts.size(); i++) {
                BlockBox a = parts.get(i);
                out.add(i == best ? new BlockBox(a.layer(), a.row(), a.rowCount(), a.col(), a.colCount(), a.inputs(), a.outputs(), true) : a);
            }
        }
        return out;
    }

    static List<TileMap.StuckCell> stuck(TileImage t, List<Repair> repairs, double gOff, double gOn) {
        Map<Integer, String> action = new HashMap<>();
        for (Repair r : repairs) if (r.tile() == t.id()) action.putIfAbsent(r.row() * t.cols() + r.col(), r.action());
        boolean[] inBlock = new boolean[t.rows() * t.cols()];
        for (Block b : t.blocks()) {
            for (int r : b.rows()) {
                for (int c : b.plusCols()) inBlock[r * t.cols() + c] = true;
                for (int c : b.minusCols()) inBlock[r * t.cols() + c] = true;
            }
        }
        List<TileMap.StuckCell> out = new ArrayList<>();
        for (int s : t.stuck()) {
            // a stuck device is frozen at level 0 (OFF) or N (ON): the midpoint separates them
            boolean on = t.conductance()[s] > (gOff + gOn) / 2;
            // the whole-array read after programming also finds faults in cells no weight uses
            String none = inBlock[s] ? "in a pair already being repaired" : "outside every block (found by the final read; carries no weight)";
            out.add(new TileMap.StuckCell(s / t.cols(), s % t.cols(), on, action.getOrDefault(s, none)));
        }
        return out;
    }

    /** Runs of rows and of columns that no block uses, with why. */
    static List<TileMap.Band> bands(TileImage t, int spareColumns, List<Repair> repairs) {
        boolean[] rowUsed = new boolean[t.rows()], colUsed = new boolean[t.cols()], colStuck = new boolean[t.cols()];
        for (Block b : t.blocks()) {
            for (int r : b.rows()) rowUsed[r] = true;
            for (int c : b.plusCols()) colUsed[c] = true;
            for (int c : b.minusCols()) colUsed[c] = true;
        }
        // a pair is abandoned only where the compiler moved its output away (a REMAPPED repair); the
        // whole-array read also finds faults in columns that never held a weight, which abandon nothing
        for (Repair r : repairs) if (r.tile() == t.id() && "REMAPPED".equals(r.action())) colStuck[r.col()] = true;
        List<TileMap.Band> out = new ArrayList<>();
        for (int[] run : runs(unusedIndices(rowUsed))) {
            out.add(new TileMap.Band(true, run[0], run[1], "unused word lines: no input is routed here (cells stay at reset, level 0)"));
        }
        // each unused column gets a reason; runs are split where the reason changes
        int firstSpare = t.cols() - spareColumns;
        String[] why = new String[t.cols()];
        for (int c = 0; c < t.cols(); c++) {
            if (colUsed[c]) continue;
            boolean abandoned = colStuck[c] || (c % 2 == 0 ? c + 1 < t.cols() && colStuck[c + 1] && !colUsed[c + 1] : colStuck[c - 1] && !colUsed[c - 1]);
            why[c] = abandoned ? "abandoned column pair: it held a stuck cell and its output was moved"
                    : c >= firstSpare ? "spare columns kept for stuck-cell repair" : "unused bit lines: no output is placed here";
        }
        for (int c = 0; c < t.cols(); ) {
            if (why[c] == null) { c++; continue; }
            int e = c;
            while (e + 1 < t.cols() && why[c].equals(why[e + 1])) e++;
            out.add(new TileMap.Band(false, c, e, why[c]));
            c = e + 1;
        }
        return out;
    }

    private static int[] unusedIndices(boolean[] used) {
        int n = 0;
        for (boolean u : used) if (!u) n++;
        int[] out = new int[n];
        n = 0;
        for (int i = 0; i < used.length; i++) if (!used[i]) out[n++] = i;
        return out;
    }

    /** Colour-bar ticks: level 0, then 1, 3, 7, 15... (evenly spaced on the log(1 + level) scale), then N. */
    static List<TileMap.Tick> ticks(int n, double gOff, double gOn) {
        List<TileMap.Tick> out = new ArrayList<>();
        out.add(tick(0, n, gOff, gOn));
        for (int v = 1; v <= 0.7 * n; v = 2 * v + 1) out.add(tick(v, n, gOff, gOn));
        out.add(tick(n, n, gOff, gOn));
        return out;
    }

    private static TileMap.Tick tick(int lvl, int n, double gOff, double gOn) {
        return new TileMap.Tick(lvl, (gOff + lvl * (gOn - gOff) / n) * 1e6);
    }

    /** Maximal runs of consecutive values, {first, last} each, of the sorted distinct values. */
    static List<int[]> runs(int[] values) {
        int[] v = Arrays.stream(values).distinct().sorted().toArray();
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[j + 1] == v[j] + 1) j++;
            out.add(new int[] {v[i], v[j]});
            i = j + 1;
        }
        return out;
    }

    /** "rows 3–9", "row 4", "cols 6–7". */
    static String span(boolean rows, int a, int b) {
        return (rows ? "row" : "col") + (a == b ? " " : "s ") + range(a, b);
    }

    /** "3–9" or "4" (en dash). */
    static String range(int a, int b) {
        return a == b ? Integer.toString(a) : a + "–" + b;
    }

    /** Compact ranges of a set: "0–12, 14–49". */
    static String ranges(TreeSet<Integer> s) {
        int[] v = s.stream().mapToInt(Integer::intValue).toArray();
        List<String> parts = new ArrayList<>();
        for (int[] r : runs(v)) parts.add(range(r[0], r[1]));
        return String.join(", ", parts);
    }

    /** Levels print as integers when they are whole (quantised programs), else with two decimals. */
    static String num(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? Long.toString(Math.round(v)) : String.format(Locale.ROOT, "%.2f", v);
    }
}
