package io.memtile.report;

/**
 * One row of the Table IV comparison: MEMprop against the ADC-based mixed-signal design.
 * Values are in the row's display unit (mm², mW, ms, µJ) so that the paper's printed figures sit
 * next to ours without conversion; {@code paper*} are NaN where the paper printed nothing.
 *
 * @param aspect           "Area", "Power", "Latency", "Energy / inference"
 * @param unit             display unit of the three value columns
 * @param memtile          our MEMprop figure
 * @param mixedSignal      our ADC-baseline figure
 * @param improvement      mixedSignal / memtile
 * @param paperMemtile     the paper's printed MEMprop figure (as printed, errors included)
 * @param paperMixedSignal the paper's printed baseline figure
 * @param paperImprovement the paper's printed improvement factor
 * @param noteRef          number of the "notes on the paper" entry explaining a deviation (0 = none)
 */
public record Comparison(String aspect, String unit, double memtile, double mixedSignal, double improvement,
                         double paperMemtile, double paperMixedSignal, double paperImprovement, int noteRef) {

    public boolean hasPaper() { return !Double.isNaN(paperImprovement); }

    /** Relative deviation of our improvement factor from the printed one, in percent. */
    public double improvementDeviationPct() { return hasPaper() ? 100 * (improvement / paperImprovement - 1) : Double.NaN; }

    public double memtileDeviationPct() { return hasPaper() ? 100 * (memtile / paperMemtile - 1) : Double.NaN; }

    public double mixedDeviationPct() { return hasPaper() ? 100 * (mixedSignal / paperMixedSignal - 1) : Double.NaN; }
}
