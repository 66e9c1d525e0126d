package io.memtile.compiler.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything a tile map draws, as plain data (golden-tested; {@link TileMapImage} only paints it).
 *
 * @param title    tile index, utilisation, program hash
 * @param subtitle network, target, tile size, level count, what rows and columns are
 * @param rows     word lines
 * @param cols     bit lines
 * @param switches N: levels run 0..N
 * @param gOff     level-0 conductance (S)
 * @param gOn      level-N conductance (S)
 * @param level    per cell (r*cols + c) the programmed level (G - gOff)/(gOn - gOff)·N; NaN for a cell no
 *                 block uses
 * @param layers   one line per weight layer (what "Lk" means)
 * @param boxes    block outlines and their labels
 * @param stuck    stuck cells found while programming
 * @param bands    runs of unused rows or columns, with the reason they are unused
 * @param ticks    colour-bar ticks in levels and µS
 */
public record TileMap(String title, String subtitle, int rows, int cols, int switches, double gOff, double gOn, double[] level,
                      List<String> layers, List<BlockBox> boxes, List<StuckCell> stuck, List<Band> bands, List<Tick> ticks) {

    /** A stuck device: ON (frozen at level N) or OFF (level 0), and what the compiler did about it. */
    public record StuckCell(int row, int col, boolean on, String action) {}

    /** Rows (or columns) {@code from..to} that no block uses. */
    public record Band(boolean isRows, int from, int to, String why) {
        public String text() {
            return TileMaps.span(isRows, from, to) + ": " + why;
        }
    }

    /** A colour-bar tick: a level and its conductance. */
    public record Tick(double level, double microSiemens) {}

    /** Colour-scale position of a level: log(1 + level) / log(1 + N), so levels 1, 3, 7, 15... are evenly spaced. */
    public double scale(double lvl) {
        return Math.log1p(Math.max(0, lvl)) / Math.log1p(switches);
    }

    public int unusedCells() {
        int n = 0;
        for (double v : level) if (Double.isNaN(v)) n++;
        return n;
    }

    /** The drawn data as text (golden files). */
    public String describe() {
        List<String> out = new ArrayList<>();
        out.add("title: " + title);
        out.add("subtitle: " + subtitle);
        out.add(String.format(Locale.ROOT, "grid: %d rows x %d cols, %d unused cells", rows, cols, unusedCells()));
        StringBuilder t = new StringBuilder("colour bar (level = µS):");
        for (Tick k : ticks) t.append(String.format(Locale.ROOT, " %s = %.1f", TileMaps.num(k.level()), k.microSiemens()));
        out.add(t.toString());
        for (String l : layers) out.add("layer: " + l);
        for (BlockBox b : boxes) out.add("block: " + b.describe());
        for (StuckCell s : stuck) out.add(String.format(Locale.ROOT, "stuck: row %d col %d %s %s", s.row(), s.col(), s.on() ? "ON" : "OFF", s.action()));
        for (Band b : bands) out.add("band: " + b.text());
        StringBuilder lv = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            lv.append("levels r").append(r).append(':');
            for (int c = 0; c < cols; c++) {
                double v = level[r * cols + c];
                lv.append(' ').append(Double.isNaN(v) ? "." : TileMaps.num(v));
            }
            lv.append('\n');
        }
        return String.join("\n", out) + "\n" + lv;
    }
}
