package io.memtile.compiler.map;

/**
 * One layer's differential mapping: G+ = gOff + gUnit*max(w, 0), G- = gOff + gUnit*max(-w, 0), so
 * that (G+ - G-) = gUnit*w and both devices stay in [gOff, gOn]. The conductances are computed on
 * demand from the shared weights rather than stored: for a 4096-4096-4096-10 network two dense
 * double matrices would cost half a gigabyte for numbers that are one multiply away.
 */
public record DifferentialLayer(int layer, int inputs, int outputs, double gOff, double gOn, double gUnit,
                                double currentGain, String drive, double[][] weights) {
    public double gPlus(int o, int i) { return gOff + gUnit * Math.max(weights[o][i], 0); }

    public double gMinus(int o, int i) { return gOff + gUnit * Math.max(-weights[o][i], 0); }
}
