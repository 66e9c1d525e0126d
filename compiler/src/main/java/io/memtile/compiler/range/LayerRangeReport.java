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
 * @param predictedRms     with range headroom: the predicted quantisation + compensated IR error at the chosen
 *                         fraction (RMS, trained-weight units); 0 without headroom
 * @param predictedRmsMin  the smallest predicted error over the scanned fractions (the chosen one is within
 *                         the compile's headroom tolerance of it); 0 without headroom
 * @param predictedScan    the headroom search's scan: fraction, predicted RMS, fraction, predicted RMS, ... from
 *                         the full range down (empty without headroom), so the trade-off can be read off the report
 */
public record LayerRangeReport(int layer, String mode, double rangeScale, double minColumnScale, double maxColumnScale,
                               double meanLevelBefore, double p99LevelBefore, double meanLevel, double p99Level,
                               double readPowerFactor, double headroom,
                               @io.memtile.core.json.OptionalField double predictedRms,
                               @io.memtile.core.json.OptionalField double predictedRmsMin,
                               @io.memtile.core.json.OptionalField double[] predictedScan) {
    public LayerRangeReport(int layer, String mode, double rangeScale, double minColumnScale, double maxColumnScale, double meanLevelBefore,
                            double p99LevelBefore, double meanLevel, double p99Level, double readPowerFactor, double headroom) {
        this(layer, mode, rangeScale, minColumnScale, maxColumnScale, meanLevelBefore, p99LevelBefore, meanLevel, p99Level, readPowerFactor, headroom, 0, 0, new double[0]);
    }

    /** This report with the headroom search's prediction for the chosen fraction. */
    public LayerRangeReport withPrediction(double rms, double rmsMin, double[] scan) {
        return new LayerRangeReport(layer, mode, rangeScale, minColumnScale, maxColumnScale, meanLevelBefore, p99LevelBefore, meanLevel, p99Level,
                readPowerFactor, headroom, rms, rmsMin, scan.clone());
    }
}
