package io.memtile.physics.mif.lanes;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Accuracy of the float32 polynomial exp and the 1 - exp(-y) series (documented in ExpPolyF). */
class ExpPolyFTest {
    @Test
    void withinTwoUlpOfTheRoundedExpOverTheNormalRange() {
        SplittableRandom r = new SplittableRandom(1);
        double worstUlp = 0;
        for (int k = 0; k < (1 << 22); k++) {
            float x = (float) (k % 4 == 0 ? -87 + 175 * r.nextDouble() : -20 + 40 * r.nextDouble());
            float want = (float) Math.exp(x), got = ExpPolyF.exp(x);
            worstUlp = Math.max(worstUlp, Math.abs((double) got - want) / Math.ulp(want));
        }
        System.out.printf("ExpPolyF: max error %.2f ulp vs Math.exp rounded to float%n", worstUlp);
        assertTrue(worstUlp <= 2, "max error " + worstUlp + " ulp");
    }

    @Test
    void oneMinusExpNegHasNoCancellation() {
        SplittableRandom r = new SplittableRandom(2);
        double worstUlp = 0;
        for (int k = 0; k < (1 << 20); k++) {
            float y = (float) (ExpPolyF.SMALL * r.nextDouble());
            if (y == 0) continue;
            float want = (float) -Math.expm1(-(double) y);
            worstUlp = Math.max(worstUlp, Math.abs((double) ExpPolyF.oneMinusExpNeg(y) - want) / Math.ulp(want));
        }
        System.out.printf("ExpPolyF.oneMinusExpNeg: max error %.2f ulp on 0 < y <= %.2f%n", worstUlp, ExpPolyF.SMALL);
        assertTrue(worstUlp <= 2, "max error " + worstUlp + " ulp");
        // what the series replaces: 1 - exp(-y) in float loses ~eps/y
        float y = 0.01f;
        double naive = Math.abs((1f - ExpPolyF.exp(-y)) - (float) -Math.expm1(-(double) y)) / Math.ulp((float) -Math.expm1(-(double) y));
        assertTrue(naive >= worstUlp, "naive 1 - exp(-y) is not worse: " + naive);
    }

    @Test
    void exactAtZeroClampedAtTheEnds() {
        assertEquals(1f, ExpPolyF.exp(0f), 0f);
        assertEquals((float) Math.exp(-87), ExpPolyF.exp(-1e6f), Math.ulp((float) Math.exp(-87)) * 2);
        assertTrue(Float.isFinite(ExpPolyF.exp(1e6f)));
        assertTrue(Float.isNaN(ExpPolyF.exp(Float.NaN)));
    }
}
