package io.memtile.compiler.view;

import io.memtile.core.plot.Canvas;
import io.memtile.core.plot.Palette;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;

/**
 * Paints a {@link ChipOverview}: every tile as a thumbnail, each block filled with its layer's colour
 * and labelled with its input/output ranges where it fits. Java2D for the same reason as
 * {@link TileMapImage}: filled, outlined, labelled rectangles are not an XChart chart type.
 */
public final class ChipOverviewImage {
    private static final Font TITLE = Canvas.font(Font.BOLD, 16), SUB = Canvas.font(Font.PLAIN, 12), TEXT = Canvas.font(Font.PLAIN, 12),
            SMALL = Canvas.font(Font.BOLD, 11), CAPTION = Canvas.font(Font.BOLD, 12);
    private static final int MARGIN = 20, GAP_X = 28, GAP_Y = 34, LINE = 18, MAX_BLOCK_LINES = 4;

    private ChipOverviewImage() {}

    /** Tiles per image row: a roughly 3:2 landscape grid. */
    static int perRow(int tiles) {
        return Math.max(1, Math.min(tiles, (int) Math.ceil(Math.sqrt(tiles * 1.5))));
    }

    /** Pixels per cell: the image stays below about 1,600 px wide. */
    static int cellPx(int perRow, int cols) {
        return Math.max(1, Math.min(4, 1500 / (perRow * cols)));
    }

    public static byte[] png(ChipOverview o) {
        int n = o.tiles().size(), perRow = perRow(n), px = cellPx(perRow, o.cols());
        int tw = o.cols() * px, th = o.rows() * px;
        int legendLines = o.layers().size() + 2;
        int top = 62 + LINE * legendLines + 16;
        int gridRows = (n + perRow - 1) / perRow;
        int maxBlocks = 1;
        for (ChipOverview.TileEntry t : o.tiles()) maxBlocks = Math.max(maxBlocks, Math.min(MAX_BLOCK_LINES, t.blocks().size()));
        int below = 6 + 15 * maxBlocks;
        int width = Math.max(2 * MARGIN + perRow * tw + (perRow - 1) * GAP_X, 900);
        int height = top + gridRows * (th + GAP_Y + below) + MARGIN;
        Canvas cv = new Canvas(width, height);
        cv.text(o.title(), MARGIN, 26, TITLE, Color.BLACK);
        cv.text(o.subtitle(), MARGIN, 46, SUB, Color.DARK_GRAY);
        int y = 70;
        for (ChipOverview.LayerKey k : o.layers()) {
            cv.g.setColor(Palette.category(k.layer()));
            cv.g.fillRect(MARGIN, y - 11, 14, 14);
            cv.text(k.text(), MARGIN + 22, y, TEXT, Color.BLACK);
            y += LINE;
        }
        cv.g.setColor(TileMapImage.UNUSED);
        cv.g.fillRect(MARGIN, y - 11, 14, 14);
        cv.text("unused cells (left at reset, level 0)", MARGIN + 22, y, TEXT, Color.BLACK);
        y += LINE;
        cv.triangle(MARGIN + 7, y - 4, 11, true, TileMapImage.STUCK_ON);
        cv.triangle(MARGIN + 23, y - 4, 11, false, TileMapImage.STUCK_OFF);
        cv.text("stuck cell found while programming (▲ ON, ▼ OFF); per-tile detail in heatmaps/tile-NNN.png", MARGIN + 38, y, TEXT, Color.BLACK);
        for (int i = 0; i < n; i++) {
            ChipOverview.TileEntry t = o.tiles().get(i);
            int x0 = MARGIN + (i % perRow) * (tw + GAP_X), y0 = top + (i / perRow) * (th + GAP_Y + below) + 18;
            cv.text(String.format(Locale.ROOT, "tile %d · %.0f %% used%s", t.id(), 100 * t.utilisation(), t.repairTile() ? " · repair" : ""),
                    x0, y0 - 6, CAPTION, Color.BLACK);
            cv.g.setColor(TileMapImage.UNUSED);
            cv.g.fillRect(x0, y0, tw, th);
            for (BlockBox b : t.boxes()) {
                cv.g.setColor(Palette.category(b.layer()));
                cv.g.fillRect(x0 + b.col() * px, y0 + b.row() * px, b.colCount() * px, b.rowCount() * px);
            }
            cv.g.setColor(Color.BLACK);
            for (BlockBox b : t.boxes()) cv.g.drawRect(x0 + b.col() * px, y0 + b.row() * px, b.colCount() * px - 1, b.rowCount() * px - 1);
            for (BlockBox b : t.boxes()) {
                if (b.main() && cv.textWidth(SMALL, "L" + b.layer()) + 8 <= b.colCount() * px && 18 <= b.rowCount() * px) {
                    cv.label(new String[] {"L" + b.layer()}, x0 + b.col() * px + 2, y0 + b.row() * px + 2, SMALL, Color.BLACK);
                }
            }
            for (TileMap.Band b : t.bands()) {
                if (!b.isRows() || (b.to() - b.from() + 1) * px < 14) continue;
                cv.textCentred(TileMaps.span(true, b.from(), b.to()) + " unused", x0 + tw / 2, y0 + ((b.from() + b.to() + 1) * px) / 2 + 4, SMALL,
                        Color.DARK_GRAY);
            }
            // the blocks in words under the thumbnail, each with its layer's colour
            int ly = y0 + th + 16;
            for (int k = 0; k < t.blocks().size() && k < MAX_BLOCK_LINES; k++) {
                String s = k == MAX_BLOCK_LINES - 1 && t.blocks().size() > MAX_BLOCK_LINES ? "… " + (t.blocks().size() - k) + " more blocks" : t.blocks().get(k);
                cv.g.setColor(Palette.category(Integer.parseInt(t.blocks().get(k).substring(1, t.blocks().get(k).indexOf(' ')))));
                cv.g.fillRect(x0, ly - 9, 9, 9);
                cv.text(s, x0 + 13, ly, TEXT, Color.BLACK);
                ly += 15;
            }
            for (TileMap.StuckCell s : t.stuck()) {
                cv.triangle(x0 + s.col() * px + px / 2, y0 + s.row() * px + px / 2, Math.max(7, px + 3), s.on(),
                        s.on() ? TileMapImage.STUCK_ON : TileMapImage.STUCK_OFF);
            }
            cv.g.setColor(Color.DARK_GRAY);
            cv.g.drawRect(x0 - 1, y0 - 1, tw + 1, th + 1);
        }
        return cv.png();
    }
}
