package io.memtile.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DisplayTest {
    @Test
    void roundsHalfUpAfterTrimmingBinaryNoise() {
        assertEquals("11.63×", Display.ratio(7.44e-3 / 6.4e-4));
        assertEquals("11.63×", Display.ratio(11.624999999999998));
        assertEquals("11.62×", Display.ratio(11.6249));
        assertEquals("0.2145", Display.num(0.21453125));
        assertEquals("8.215", Display.num(8.2145));
        assertEquals("0.0277", Display.num(0.0277));
        assertEquals("1.108e-8", Display.num(1.108e-8));
        assertEquals("-0.10 %", Display.pct(-0.1));
        assertEquals("+2.50 %", Display.pct(2.5));
        assertEquals("0.00 %", Display.pct(-0.001));
        assertEquals("n/a", Display.pct(Double.NaN));
    }

    @Test
    void texEscapesUnicode() {
        assertEquals("21.45 \\ensuremath{\\mu}W", Escapes.INSTANCE.tex("21.45 µW"));
        assertEquals("\\ensuremath{\\bar{V}} 5\\%", Escapes.INSTANCE.tex("V̄ 5%"));
        assertEquals("\"a,b\"", Escapes.INSTANCE.csv("a,b"));
    }
}
