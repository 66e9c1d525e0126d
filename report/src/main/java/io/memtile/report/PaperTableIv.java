package io.memtile.report;

/**
 * Table IV of the paper exactly as printed (Zhou et al. 2022, Section V-A), including its errors:
 * these are the reference figures the report compares against, never inputs to any computation.
 * They describe the paper's own configuration (784-100-10 on 10 tiles of 128×128 at 65 nm).
 */
public final class PaperTableIv {
    private PaperTableIv() {}

    public static final int[] LAYERS = {784, 100, 10};
    public static final double AREA_MEMPROP_MM2 = 2.77;   // printed; the text says 2.77e-2
    public static final double AREA_MIXED_MM2 = 14.77;    // printed; arithmetic gives 0.1477
    public static final double AREA_IMPROVEMENT = 5.33;
    public static final double POWER_MEMPROP_MW = 0.21;
    public static final double POWER_MIXED_MW = 8.21;
    public static final double POWER_IMPROVEMENT = 38.30;
    public static final double LATENCY_MEMPROP_MS = 0.64;
    public static final double LATENCY_MIXED_MS = 7.44;
    public static final double LATENCY_IMPROVEMENT = 11.63;
    public static final double TILE_POWER_UW = 21.45;     // Eq. (3), one 128x128 tile
}
