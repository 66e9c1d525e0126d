package io.memtile.compiler;

/**
 * Accuracy cost of quantising to N switches (trainer Evaluator on the quantised weights).
 *
 * @param switches         N
 * @param rmsError         RMS weight error over all layers
 * @param accuracy         accuracy with quantised weights
 * @param baselineAccuracy accuracy of the trained (unquantised) weights on the same samples
 * @param samples          samples evaluated
 * @param dataset          dataset spec
 */
public record QuantSweepPoint(int switches, double rmsError, double accuracy, double baselineAccuracy, int samples, String dataset) {
    public double accuracyPct() { return 100 * accuracy; }

    public double baselinePct() { return 100 * baselineAccuracy; }
}
