package io.memtile.physics.mif.lanes;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Accuracy of the polynomial exp the lane kernels share (documented in ExpPoly). */
class ExpPolyTest {
    @Test
    void withinTwoUlpOfMathExpOverTheNormalRange() {
        SplittableRandom r = new SplittableRandom(1);
        double worstUlp = 0;
        for (int k = 0; k < (1 << 22); k++) {
            double x = k % 4 == 0 ? -708 + 1417 * r.nextDouble() : -40 + 80 * r.nextDouble();
            double want = Math.exp(x), got = ExpPoly.exp(x);
            worstUlp = Math.max(worstUlp, Math.abs(got - want) / Math.ulp(want));
        }
        System.out.printf("ExpPoly: max error %.2f ulp vs Math.exp%n", worstUlp);
        assertTrue(worstUlp <= 2, "max error " + worstUlp + " ulp");
    }

    @Test
    void smallArgumentSeriesWithinOneUlp() {
        SplittableRandom r = new SplittableRandom(2);
        double worstUlp = 0;
        for (int k = 0; k < (1 << 20); k++) {
            double y = ExpPoly.SMALL * (2 * r.nextDouble() - 1);
            worstUlp = Math.max(worstUlp, Math.abs(ExpPoly.expSmall(y) - Math.exp(y)) / Math.ulp(Math.exp(y)));
        }
        System.out.printf("ExpPoly.expSmall: max error %.2f ulp vs Math.exp on |y| <= %.2f%n", worstUlp, ExpPoly.SMALL);
        assertTrue(worstUlp <= 1, "max error " + worstUlp + " ulp");
    }

    @Test
    void exactAtZeroClampedAtTheEnds() {
        assertEquals(1.0, ExpPoly.exp(0.0), 0.0);
        assertEquals(Math.exp(-708), ExpPoly.exp(-1e6), Math.ulp(Math.exp(-708)) * 2);
        assertTrue(Double.isFinite(ExpPoly.exp(1e6)));
        assertTrue(Double.isNaN(ExpPoly.exp(Double.NaN)));
    }
}
