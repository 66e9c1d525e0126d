package io.memtile.compiler.emit;

import io.memtile.compiler.program.TileImage;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Per-tile conductance heat map: one pixel block per cell, colour = log(G/gOff) / log(gOn/gOff) on a
 * blue-to-yellow ramp (logarithmic so that the small trained weights, a few levels above G_off,
 * stay visible next to G_on); unused cells dark grey, stuck cells red. A plain BufferedImage
 * (no chart axes) keeps a 128x128 tile readable cell by cell.
 */
public final class HeatMaps {
    static final int SCALE = 4;

    private HeatMaps() {}

    public static byte[] png(TileImage t, double gOff, double gOn) {
        BufferedImage img = new BufferedImage(t.cols() * SCALE, t.rows() * SCALE, BufferedImage.TYPE_INT_RGB);
        boolean[] stuck = new boolean[t.rows() * t.cols()];
        for (int s : t.stuck()) stuck[s] = true;
        for (int r = 0; r < t.rows(); r++) {
            for (int c = 0; c < t.cols(); c++) {
                int k = r * t.cols() + c;
                int rgb;
                if (stuck[k]) rgb = 0xE0201A;
                else if (t.targetLevel()[k] < 0) rgb = 0x303030;
                else rgb = ramp(Math.log(Math.max(t.conductance()[k], gOff) / gOff) / Math.log(gOn / gOff));
                for (int dy = 0; dy < SCALE; dy++) for (int dx = 0; dx < SCALE; dx++) img.setRGB(c * SCALE + dx, r * SCALE + dy, rgb);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Viridis-like ramp for x in [0, 1]. */
    static int ramp(double x) {
        x = Math.max(0, Math.min(1, x));
        float h = (float) (0.72 - 0.58 * x), s = 0.85f, b = (float) (0.35 + 0.62 * x);
        return Color.HSBtoRGB(h, s, b) & 0xFFFFFF;
    }
}
