package io.memtile.core.plot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.knowm.xchart.XYChart;

/**
 * A readable time axis in ms for XChart line and scatter plots of per-step traces. XChart 3.8 puts
 * a tick at every data point and labels as many as fit (0, 0.3, 0.7, 1, 1.4… on a 10 ms trace), so
 * the labels go through a formatter that names only multiples of a round 1-2-5 step.
 */
public final class TimeAxis {
    private TimeAxis() {}

    /** Sets the x range to [0, spanMs] with about ten round labels. */
    public static void apply(XYChart c, double spanMs) {
        double step = stepMs(spanMs);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(spanMs);
        c.getStyler().setxAxisTickLabelsFormattingFunction(v -> label(v, step));
    }

    /** The label of a tick at v ms: v itself when it is a multiple of step, else none. */
    public static String label(double v, double step) {
        double k = v / step;
        if (Math.abs(k - Math.rint(k)) > 1e-6) return "";
        return new BigDecimal(Math.rint(k) * step).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /** The 1-2-5 step giving at most 10 intervals over spanMs (10 ms -> 1 ms, 2 ms -> 0.2 ms). */
    public static double stepMs(double spanMs) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(spanMs, 1e-9) / 10)));
        for (double m : new double[] {1, 2, 5, 10}) if (spanMs / (m * p) <= 10 + 1e-9) return m * p;
        return 10 * p;
    }
}
