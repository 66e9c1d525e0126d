package io.memtile.core.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A white RGB image with the few text and shape helpers the hand-drawn figures need (tile maps and
 * the chip overview: per-cell rasters with outlines and labels, which XChart cannot draw).
 */
public final class Canvas {
    public final BufferedImage image;
    public final Graphics2D g;

    public Canvas(int width, int height) {
        System.setProperty("java.awt.headless", "true");
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    public static Font font(int style, int size) {
        return new Font(Font.SANS_SERIF, style, size);
    }

    public int textWidth(Font f, String s) {
        return g.getFontMetrics(f).stringWidth(s);
    }

    /** Draws s with its baseline at y. */
    public void text(String s, int x, int y, Font f, Color c) {
        g.setFont(f);
        g.setColor(c);
        g.drawString(s, x, y);
    }

    /** Draws s right-aligned at x. */
    public void textRight(String s, int x, int y, Font f, Color c) {
        text(s, x - textWidth(f, s), y, f, c);
    }

    public void textCentred(String s, int cx, int y, Font f, Color c) {
        text(s, cx - textWidth(f, s) / 2, y, f, c);
    }

    /** Text rotated 90° anticlockwise, centred on (cx, cy): vertical axis titles. */
    public void textVertical(String s, int cx, int cy, Font f, Color c) {
        AffineTransform old = g.getTransform();
        g.rotate(-Math.PI / 2, cx, cy);
        textCentred(s, cx, cy + g.getFontMetrics(f).getAscent() / 2, f, c);
        g.setTransform(old);
    }

    /** One line of text rotated 90° anticlockwise on a translucent white box, centred on (cx, cy). */
    public void verticalLabel(String s, int cx, int cy, Font f) {
        AffineTransform old = g.getTransform();
        g.rotate(-Math.PI / 2, cx, cy);
        FontMetrics fm = g.getFontMetrics(f);
        int w = fm.stringWidth(s);
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRect(cx - w / 2 - 3, cy - fm.getAscent() / 2 - 3, w + 6, fm.getHeight() + 2);
        text(s, cx - w / 2, cy + fm.getAscent() / 2 - 1, f, Color.BLACK);
        g.setTransform(old);
    }

    /** Lines of text on a translucent white box whose top-left corner is (x, y); returns the box height. */
    public int label(String[] lines, int x, int y, Font f, Color c) {
        FontMetrics fm = g.getFontMetrics(f);
        int w = 0;
        for (String l : lines) w = Math.max(w, fm.stringWidth(l));
        int lh = fm.getHeight(), h = lh * lines.length + 4;
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRect(x, y, w + 6, h);
        for (int i = 0; i < lines.length; i++) text(lines[i], x + 3, y + 2 + fm.getAscent() + i * lh, f, c);
        return h;
    }

    /** Size of a label box drawn by {@link #label}: {width, height}. */
    public int[] labelSize(String[] lines, Font f) {
        FontMetrics fm = g.getFontMetrics(f);
        int w = 0;
        for (String l : lines) w = Math.max(w, fm.stringWidth(l));
        return new int[] {w + 6, fm.getHeight() * lines.length + 4};
    }

    /** A rectangle outline readable on any background: a dark line with a light line inside it. */
    public void outline(int x, int y, int w, int h, float width) {
        g.setStroke(new BasicStroke(width));
        g.setColor(Color.BLACK);
        g.drawRect(x, y, w, h);
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.WHITE);
        g.drawRect(x + Math.round(width), y + Math.round(width), w - 2 * Math.round(width), h - 2 * Math.round(width));
    }

    /** Filled triangle (pointing up or down) with a black edge, centred on (cx, cy). */
    public void triangle(int cx, int cy, int size, boolean up, Color fill) {
        int h = size / 2;
        int[] xs = {cx - h, cx + h, cx};
        int[] ys = up ? new int[] {cy + h, cy + h, cy - h} : new int[] {cy - h, cy - h, cy + h};
        g.setColor(fill);
        g.fillPolygon(xs, ys, 3);
        g.setStroke(new BasicStroke(1.2f));
        g.setColor(Color.BLACK);
        g.drawPolygon(xs, ys, 3);
    }

    public byte[] png() {
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
