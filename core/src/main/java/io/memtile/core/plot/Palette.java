package io.memtile.core.plot;

import java.awt.Color;

/** Colours shared by the hand-drawn figures: viridis for magnitudes, Okabe-Ito for categories (colour-blind safe). */
public final class Palette {
    private Palette() {}

    /** Viridis sampled at 0, 1/8, ..., 1 (matplotlib's table); linear interpolation in between. */
    private static final int[] VIRIDIS = {0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaddc30, 0xfde725};

    /** Okabe-Ito categorical colours (black dropped: it is the outline colour). */
    private static final int[] CATEGORIES = {0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7, 0x56B4E9, 0xD55E00, 0xF0E442};

    /** Viridis RGB for x in [0, 1] (clamped). */
    public static int viridis(double x) {
        double t = Math.max(0, Math.min(1, x)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) Math.floor(t));
        double f = t - i;
        int a = VIRIDIS[i], b = VIRIDIS[i + 1];
        int r = (int) Math.round(((a >> 16) & 255) * (1 - f) + ((b >> 16) & 255) * f);
        int g = (int) Math.round(((a >> 8) & 255) * (1 - f) + ((b >> 8) & 255) * f);
        int bl = (int) Math.round((a & 255) * (1 - f) + (b & 255) * f);
        return (r << 16) | (g << 8) | bl;
    }

    /** Colour of category k (cycles after seven). */
    public static Color category(int k) {
        return new Color(CATEGORIES[Math.floorMod(k, CATEGORIES.length)]);
    }
}
