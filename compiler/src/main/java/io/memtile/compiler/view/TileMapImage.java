package io.memtile.compiler.view;

import io.memtile.core.plot.Canvas;
import io.memtile.core.plot.Palette;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Paints a {@link TileMap}. Hand-drawn with Java2D rather than XChart: a tile map is a per-cell
 * raster with block outlines, in-block labels, unused bands and stuck-cell markers on top, and
 * XChart's heat map has no way to overlay outlines or markers (and draws 16k cells slowly).
 */
public final class TileMapImage {
    static final Color UNUSED = new Color(0xd4d4d4);
    static final Color STUCK_ON = new Color(0xe8202a);
    static final Color STUCK_OFF = Color.WHITE;
    private static final Font TITLE = Canvas.font(Font.BOLD, 16), SUB = Canvas.font(Font.PLAIN, 12), TEXT = Canvas.font(Font.PLAIN, 12),
            BOLD = Canvas.font(Font.BOLD, 12), HEAD = Canvas.font(Font.BOLD, 13),
            BLOCK = Canvas.font(Font.BOLD, 14);
    private static final int LEFT = 92, TOP = 78, PANEL = 600, LINE = 17, MAX_LIST = 18;

    private TileMapImage() {}

    /** Pixels per cell: a 128-row tile is 768 px tall; small test tiles get big cells. */
    static int cellPx(int rows, int cols) {
        return Math.max(3, Math.min(40, 768 / Math.max(rows, cols)));
    }

    public static byte[] png(TileMap m) {
        int px = cellPx(m.rows(), m.cols());
        int gw = m.cols() * px, gh = m.rows() * px;
        int x0 = LEFT + gw + 36;
        List<String[]> panel = panelLines(m);
        int barH = Math.max(160, Math.min(300, gh));
        int panelH = 40 + barH + 44 + LINE * panel.size();
        int width = x0 + PANEL, height = Math.max(TOP + gh + 76, TOP + panelH);
        Canvas cv = new Canvas(width, height);
        cv.text(m.title(), 14, 26, TITLE, Color.BLACK);
        cv.text(m.subtitle(), 14, 48, SUB, Color.DARK_GRAY);
        grid(cv, m, px);
        axes(cv, m, px);
        bands(cv, m, px);
        for (BlockBox b : m.boxes()) {
            cv.outline(LEFT + b.col() * px, TOP + b.row() * px, b.colCount() * px, b.rowCount() * px, 2f);
        }
        for (BlockBox b : m.boxes()) blockLabel(cv, b, px);
        int mark = Math.max(9, px + 4);
        for (TileMap.StuckCell s : m.stuck()) {
            cv.triangle(LEFT + s.col() * px + px / 2, TOP + s.row() * px + px / 2, mark, s.on(), s.on() ? STUCK_ON : STUCK_OFF);
        }
        colourBar(cv, m, x0, TOP + 24, barH);
        int y = TOP + 24 + barH + 48;
        for (String[] line : panel) {
            drawPanelLine(cv, line, x0, y);
            y += LINE;
        }
        return cv.png();
    }

    private static void grid(Canvas cv, TileMap m, int px) {
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.cols(); c++) {
                double v = m.level()[r * m.cols() + c];
                cv.g.setColor(Double.isNaN(v) ? UNUSED : new Color(Palette.viridis(m.scale(v))));
                cv.g.fillRect(LEFT + c * px, TOP + r * px, px, px);
            }
        }
        cv.g.setColor(Color.GRAY);
        cv.g.drawRect(LEFT - 1, TOP - 1, m.cols() * px + 1, m.rows() * px + 1);
    }

    /** Tick step: the smallest power of two giving at most 8 intervals. */
    static int tickStep(int n) {
        int s = 1;
        while (n / s > 8) s *= 2;
        return s;
    }

    private static void axes(Canvas cv, TileMap m, int px) {
        int gw = m.cols() * px, gh = m.rows() * px;
        cv.g.setColor(Color.BLACK);
        int rs = tickStep(m.rows());
        for (int r = 0; r < m.rows(); r += rs) rowTick(cv, r, px);
        if ((m.rows() - 1) % rs != 0) rowTick(cv, m.rows() - 1, px);
        int cs = tickStep(m.cols());
        for (int c = 0; c < m.cols(); c += cs) colTick(cv, c, px, gh);
        if ((m.cols() - 1) % cs != 0) colTick(cv, m.cols() - 1, px, gh);
        cv.textVertical("row = word line (one input each)", 22, TOP + gh / 2, BOLD, Color.BLACK);
        cv.textCentred("column = bit line (an output uses two: G+ then G−)", LEFT + gw / 2, TOP + gh + 44, BOLD, Color.BLACK);
    }

    private static void rowTick(Canvas cv, int r, int px) {
        int y = TOP + r * px + px / 2;
        cv.g.setColor(Color.BLACK);
        cv.g.drawLine(LEFT - 6, y, LEFT - 2, y);
        cv.textRight(Integer.toString(r), LEFT - 9, y + 4, TEXT, Color.BLACK);
    }

    private static void colTick(Canvas cv, int c, int px, int gh) {
        int x = LEFT + c * px + px / 2;
        cv.g.setColor(Color.BLACK);
        cv.g.drawLine(x, TOP + gh + 2, x, TOP + gh + 6);
        cv.textCentred(Integer.toString(c), x, TOP + gh + 20, TEXT, Color.BLACK);
    }

    /** Labels each unused band inside itself when it is wide enough, so grey areas explain themselves. */
    private static void bands(Canvas cv, TileMap m, int px) {
        for (TileMap.Band b : m.bands()) {
            int n = b.to() - b.from() + 1;
            if (n * px < 16) continue;
            String s = TileMaps.span(b.isRows(), b.from(), b.to()) + " unused"
                    + (b.why().startsWith("spare") ? " (spare)" : b.why().startsWith("abandoned") ? " (abandoned)" : "");
            if (b.isRows()) {
                int y = TOP + b.from() * px + (n * px) / 2 + 5;
                cv.textCentred(s + (b.why().contains("no input") ? ": no input is routed to these word lines" : ""), LEFT + m.cols() * px / 2, y, BOLD,
                        Color.DARK_GRAY);
            } else if (cv.textWidth(BOLD, s) < m.rows() * px) {
                cv.textVertical(s, LEFT + b.from() * px + (n * px) / 2, TOP + m.rows() * px / 2, BOLD, Color.DARK_GRAY);
            }
        }
    }

    /** The layer/input/output label inside a block, when it fits; the panel's block list always has it. */
    private static void blockLabel(Canvas cv, BlockBox b, int px) {
        int x = LEFT + b.col() * px + 4, y = TOP + b.row() * px + 4, w = b.colCount() * px - 6, h = b.rowCount() * px - 6;
        String[][] tries = {b.lines(), {"L" + b.layer() + " in " + b.inputs(), "out " + b.outputs()}, {"L" + b.layer() + " out " + b.outputs()}};
        for (String[] lines : tries) {
            int[] size = cv.labelSize(lines, BLOCK);
            if (size[0] <= w && size[1] <= h) {
                cv.label(lines, x, y, BLOCK, Color.BLACK);
                return;
            }
        }
        // a narrow, tall part (a column pair or two): the label runs up its length
        String one = "L" + b.layer() + " in " + b.inputs() + " out " + b.outputs();
        if (w >= 14 && cv.textWidth(BOLD, one) + 8 <= h) cv.verticalLabel(one, LEFT + b.col() * px + b.colCount() * px / 2, TOP + b.row() * px + h / 2 + 3, BOLD);
    }

    private static void colourBar(Canvas cv, TileMap m, int x, int y, int h) {
        cv.text("Conductance: level (0–" + m.switches() + ") and µS", x, y - 10, HEAD, Color.BLACK);
        for (int i = 0; i < h; i++) {
            cv.g.setColor(new Color(Palette.viridis(1 - i / (double) (h - 1))));
            cv.g.fillRect(x, y + i, 26, 1);
        }
        cv.g.setColor(Color.BLACK);
        cv.g.drawRect(x, y, 26, h);
        for (TileMap.Tick t : m.ticks()) {
            int ty = y + (int) Math.round((1 - m.scale(t.level())) * (h - 1));
            cv.g.drawLine(x + 26, ty, x + 32, ty);
            cv.text(String.format(Locale.ROOT, "level %s  =  %.1f µS", TileMaps.num(t.level()), t.microSiemens()), x + 36, ty + 4, TEXT, Color.BLACK);
        }
        cv.text("log scale: levels 1, 3, 7, 15… evenly spaced", x, y + h + 18, SUB, Color.DARK_GRAY);
    }

    /** Panel lines as {kind, text}: kind h = heading, t = text, u/on/off/box = legend swatch + text. */
    static List<String[]> panelLines(TileMap m) {
        List<String[]> out = new ArrayList<>();
        double gOffUs = m.gOff() * 1e6, gOnUs = m.gOn() * 1e6;
        out.add(new String[] {"h", "Legend"});
        out.add(new String[] {"u", String.format(Locale.ROOT, "unused cell (no block; left at reset, level 0 = %.1f µS)", gOffUs)});
        out.add(new String[] {"on", String.format(Locale.ROOT, "stuck ON: device frozen at level %d = %.0f µS", m.switches(), gOnUs)});
        out.add(new String[] {"off", String.format(Locale.ROOT, "stuck OFF: device frozen at level 0 = %.1f µS", gOffUs)});
        out.add(new String[] {"box", "block outline; label = weight layer Lk, its inputs (rows) and outputs (column pairs)"});
        out.add(new String[] {"t", ""});
        out.add(new String[] {"h", "Layers"});
        for (String l : m.layers()) out.add(new String[] {"t", l});
        out.add(new String[] {"t", ""});
        out.add(new String[] {"h", "Blocks on this tile"});
        addCapped(out, m.boxes().stream().map(BlockBox::describe).toList());
        out.add(new String[] {"t", ""});
        out.add(new String[] {"h", "Unused rows and columns"});
        if (m.bands().isEmpty()) out.add(new String[] {"t", "none"});
        List<String> bands = new ArrayList<>();
        for (TileMap.Band b : m.bands()) {
            bands.add(TileMaps.span(b.isRows(), b.from(), b.to()) + ":");
            bands.add("    " + b.why());
        }
        addCapped(out, bands);
        out.add(new String[] {"t", ""});
        out.add(new String[] {"h", "Stuck cells found while programming: " + m.stuck().size()});
        List<String> st = new ArrayList<>();
        for (TileMap.StuckCell s : m.stuck()) {
            st.add(String.format(Locale.ROOT, "row %d, col %d: stuck %s, %s", s.row(), s.col(), s.on() ? "ON" : "OFF",
                    s.action().toLowerCase(Locale.ROOT)));
        }
        addCapped(out, st);
        if (!st.isEmpty()) {
            out.add(new String[] {"t", "compensated = partner device re-targeted, weight exact; remapped = pair moved"});
            out.add(new String[] {"t", "to free columns; unrepaired = the weight keeps the error"});
        }
        return out;
    }

    private static void addCapped(List<String[]> out, List<String> lines) {
        for (int i = 0; i < lines.size() && i < MAX_LIST; i++) out.add(new String[] {"t", lines.get(i)});
        if (lines.size() > MAX_LIST) out.add(new String[] {"t", "… and " + (lines.size() - MAX_LIST) + " more (see compile-report.json)"});
    }

    private static void drawPanelLine(Canvas cv, String[] line, int x, int y) {
        switch (line[0]) {
            case "h" -> cv.text(line[1], x, y, HEAD, Color.BLACK);
            case "u" -> {
                cv.g.setColor(UNUSED);
                cv.g.fillRect(x, y - 11, 14, 14);
                cv.g.setColor(Color.GRAY);
                cv.g.drawRect(x, y - 11, 14, 14);
                cv.text(line[1], x + 22, y, TEXT, Color.BLACK);
            }
            case "on", "off" -> {
                cv.triangle(x + 7, y - 4, 13, line[0].equals("on"), line[0].equals("on") ? STUCK_ON : STUCK_OFF);
                cv.text(line[1], x + 22, y, TEXT, Color.BLACK);
            }
            case "box" -> {
                cv.outline(x, y - 12, 15, 15, 2f);
                cv.text(line[1], x + 22, y, TEXT, Color.BLACK);
            }
            default -> cv.text(line[1], x, y, TEXT, Color.BLACK);
        }
    }
}
