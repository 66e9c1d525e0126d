package io.memtile.compiler.quant;

import io.memtile.compiler.map.DifferentialLayer;

/**
 * One layer's target device levels. Index {@code o * inputs + i} is weight (o, i).
 *
 * @param map        the differential mapping it came from
 * @param switches   N: levels 0..N, level step gUnit / N
 * @param continuous true when quantisation was skipped: the devices are written to the exact
 *                   continuous conductances of {@code map}; {@code plus}/{@code minus} then hold
 *                   the nearest levels for bookkeeping only
 * @param plus       target level of the G+ device
 * @param minus      target level of the G- device
 * @param rmsError   RMS of (deployed - trained) normalised weight, in trained units (0 when continuous)
 * @param maxError   largest |deployed - trained| normalised weight
 */
public record QuantizedLayer(DifferentialLayer map, int switches, boolean continuous, int[] plus, int[] minus,
                             double rmsError, double maxError) {
    public int layer() { return map.layer(); }

    /** Deployed normalised weight of (o, i). */
    public double weight(int o, int i) {
        if (continuous) return map.weights()[o][i];
        int k = o * map.inputs() + i;
        return (plus[k] - minus[k]) / (switches * map.scale(o));
    }
}
