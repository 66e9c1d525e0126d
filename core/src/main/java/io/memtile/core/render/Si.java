package io.memtile.core.render;

import java.util.Locale;

/** Engineering notation with SI prefixes, for reports that hardware engineers read. */
public final class Si {
    private static final String[] PREFIX = {"f", "p", "n", "µ", "m", "", "k", "M", "G", "T"};

    private Si() {}

    public static String format(double v, String unit) {
        if (v == 0 || !Double.isFinite(v)) return String.format(Locale.ROOT, "%s %s", v == 0 ? "0" : Double.toString(v), unit);
        int exp3 = (int) Math.floor(Math.log10(Math.abs(v)) / 3);
        exp3 = Math.max(-5, Math.min(4, exp3));
        double scaled = v / Math.pow(1000, exp3);
        return String.format(Locale.ROOT, "%.4g %s%s", scaled, PREFIX[exp3 + 5], unit);
    }
}
