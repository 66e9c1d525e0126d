package io.memtile.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** $fmt.f prints exactly what String.format(Locale.ROOT, ...) prints (it reuses a per-thread Locale.US Formatter). */
class FormatTest {
    /** Every pattern the shipped templates pass to $fmt.f, plus grouping, signs, exponents and padding. */
    static final String[] PATTERNS = {"%.1f", "%.2f", "%.3f", "%.4f", "%.5f", "%.4g", "%.6g", "%10.4g", "%7.2f", "%9.4f", "%e", "%.3e",
            "%,.2f", "%+.3f", "%g", "%a", "%s", "%08.3f", "%-12.5g", "%(.2f"};

    static List<Double> values() {
        List<Double> v = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 0.5, 0.05, 0.00005, 0.99995, 9.9995, 999999.5, 1e-300, 1e300, 12345678.9,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 8134.5625, 40546.5, 2.0E-3));
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 4_000; i++) {
            double m = r.nextDouble() * 2 - 1;
            v.add(m * Math.pow(10, r.nextInt(-12, 12)));
            v.add(Math.round(m * 1e6) / 1e4 + 0.00005); // near rounding ties of %.4f and %.6g
        }
        return v;
    }

    @Test
    void sameCharactersAsStringFormatWithTheRootLocale() {
        Templates.Format f = new Templates.Format();
        for (String p : PATTERNS) {
            for (double d : values()) assertEquals(String.format(Locale.ROOT, p, d), f.f(p, d), p + " of " + d);
        }
        for (long n : new long[] {0, 7, -7, 123456789, Long.MIN_VALUE}) {
            assertEquals(String.format(Locale.ROOT, "%5d  %-8s %s", n, "SET", 1.5), f.f("%5d  %-8s %s", n, "SET", 1.5));
            assertEquals(String.format(Locale.ROOT, "%,d", n), f.f("%,d", n));
        }
        assertEquals(String.format(Locale.ROOT, "%.6g", 0.1234567), f.g(0.1234567));
    }

    @Test
    void aFailedFormatDoesNotLeakIntoTheNextOne() {
        Templates.Format f = new Templates.Format();
        try {
            f.f("%.3f %d", 1.0, "not a number");
        } catch (java.util.IllegalFormatException expected) {
            // the partial "1.000 " must not reach the next call
        }
        assertEquals("2.000", f.f("%.3f", 2.0));
    }
}
