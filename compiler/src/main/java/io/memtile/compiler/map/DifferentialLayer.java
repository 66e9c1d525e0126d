package io.memtile.compiler.map;

/**
 * One layer's differential mapping: G+ = gOff + gUnit*max(s_o w, 0), G- = gOff + gUnit*max(-s_o w, 0), so
 * that (G+ - G-) = gUnit*s_o*w and both devices stay in [gOff, gOn] while |s_o w| &lt;= 1. The conductances
 * are computed on demand from the shared weights rather than stored: for a 4096-4096-4096-10 network two
 * dense double matrices would cost half a gigabyte for numbers that are one multiply away.
 *
 * <p>{@code scale} is the range mapping ({@code range.RangeMapPass}): s_o per output, null = 1 (the
 * trainer's convention, gUnit*w). The current gain compensates it exactly: the layer's current gain is
 * {@code currentGain} = (1/layerScale)/rangeScale and output o's column gain rangeScale/s_o, so the neuron
 * current (1/layerScale) gUnit w V is unchanged.
 *
 * @param currentGain layer current gain, already divided by {@code rangeScale}
 * @param rangeScale  the layer's range-mapping scale (1 = none)
 * @param scale       per-output weight scale s_o, or null (all 1)
 * @param driveScale  factor on the alpha drivers' row-voltage amplitude (pass "drive", {@code drive.DriveScalePass});
 *                    1 = the trained amplitude. Only alpha-driven layers can have one.
 */
public record DifferentialLayer(int layer, int inputs, int outputs, double gOff, double gOn, double gUnit,
                                double currentGain, String drive, double[][] weights, double rangeScale, double[] scale,
                                double driveScale) {
    /** Range mapped, the drive at the trained amplitude. */
    public DifferentialLayer(int layer, int inputs, int outputs, double gOff, double gOn, double gUnit, double currentGain, String drive,
                             double[][] weights, double rangeScale, double[] scale) {
        this(layer, inputs, outputs, gOff, gOn, gUnit, currentGain, drive, weights, rangeScale, scale, 1.0);
    }

    /** No range mapping. */
    public DifferentialLayer(int layer, int inputs, int outputs, double gOff, double gOn, double gUnit, double currentGain, String drive,
                             double[][] weights) {
        this(layer, inputs, outputs, gOff, gOn, gUnit, currentGain, drive, weights, 1.0, null);
    }

    public double scale(int o) { return scale == null ? 1.0 : scale[o]; }

    /** The normalised weight as the devices carry it: s_o * w (in [-1, 1] after range mapping). */
    public double mapped(int o, int i) { return scale == null ? weights[o][i] : scale[o] * weights[o][i]; }

    /** Gain of output o's column relative to the layer's current gain (rangeScale / s_o). */
    public double columnGain(int o) { return scale == null ? 1.0 : rangeScale / scale[o]; }

    public double gPlus(int o, int i) { return gOff + gUnit * Math.max(mapped(o, i), 0); }

    public double gMinus(int o, int i) { return gOff + gUnit * Math.max(-mapped(o, i), 0); }
}
