package io.memtile.compiler.range;

/**
 * What range mapping did to one layer (in {@code compile-report.json}).
 *
 * @param layer            weight layer
 * @param mode             off | layer | column
 * @param rangeScale       the layer's scale s (weight 1/s reaches level N)
 * @param minColumnScale   smallest per-column scale (= rangeScale unless mode is column)
 * @param maxColumnScale   largest per-column scale
 * @param meanLevelBefore  mean level of a pair's active device (max(l+, l-)) without range mapping
 * @param p99LevelBefore   its 99th percentile without range mapping
 * @param meanLevel        mean active level with the chosen scale
 * @param p99Level         99th percentile of the active level with the chosen scale
 * @param readPowerFactor  sum of nominal cell conductance of the layer's pairs with / without range mapping:
 *                         the factor on crossbar read power at the same drive voltages (the cost; the
 *                         current gain is divided by s to keep the neuron current)
 * @param headroom         fraction of the full-range scale used (1 = the largest weight on level N; less when
 *                         {@link IrHeadroom} leaves room for the IR-drop compensation)
 */
public record LayerRangeReport(int layer, String mode, double rangeScale, double minColumnScale, double maxColumnScale,
                               double meanLevelBefore, double p99LevelBefore, double meanLevel, double p99Level,
                               double readPowerFactor, double headroom) {}
