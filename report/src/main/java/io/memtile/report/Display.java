package io.memtile.report;

import io.memtile.core.render.Si;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Locale-independent number formatting shared by the Java side and the templates ($d). Ratios are
 * rounded half-up after trimming binary noise to 12 significant digits, so that 7.44/0.64 =
 * 11.625 prints as the paper's "11.63" rather than "11.62" from 11.624999999.
 */
public final class Display {
    public static final Display INSTANCE = new Display();

    private Display() {}

    public static String f(String pattern, Object... args) { return String.format(Locale.ROOT, pattern, args); }

    /** Half-up rounding to {@code decimals} after removing floating-point noise. */
    public static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) return "n/a";
        BigDecimal b = new BigDecimal(v).round(new MathContext(12, RoundingMode.HALF_EVEN));
        return b.setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /** Four significant digits, plain notation for 1e-4..1e6, scientific outside. */
    public static String num(double v) { return sig(v, 4); }

    /** {@code digits} significant digits, plain notation for 1e-4..1e6, scientific outside. */
    public static String sig(double v, int digits) {
        if (!Double.isFinite(v)) return "n/a";
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e6) {
            BigDecimal b = new BigDecimal(v).round(new MathContext(12, RoundingMode.HALF_EVEN))
                    .round(new MathContext(digits, RoundingMode.HALF_UP));
            return b.stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%." + digits + "g", v).replace("e-0", "e-").replace("e+0", "e").replace("e+", "e");
    }

    public static String si(double v, String unit) { return Si.format(v, unit); }

    public static String ratio(double v) { return fixed(v, 2) + "×"; }

    public static String count(long v) { return String.format(Locale.ROOT, "%,d", v); }

    /** Signed percentage with one decimal, "n/a" when undefined. */
    public static String pct(double v) {
        if (!Double.isFinite(v)) return "n/a";
        String s = fixed(v, 2);
        if (s.equals("-0.00")) s = "0.00";
        return (v > 0 && !s.equals("0.00") ? "+" : "") + s + " %";
    }

    // Instance forwarders so templates can call $d.num(x) etc.
    public String n(double v) { return num(v); }

    /** Five significant digits: table values, enough to show 0.21453 mW and 8.2145 mW. */
    public String v(double v) { return sig(v, 5); }

    public String x(double v) { return ratio(v); }

    public String p(double v) { return pct(v); }

    public String fx(double v, int decimals) { return fixed(v, decimals); }

    public String s(double v, String unit) { return si(v, unit); }

    public String c(long v) { return count(v); }

    /** Plain round-trippable number for CSV. */
    public String raw(double v) { return Double.isFinite(v) ? Double.toString(v) : ""; }
}
