package io.memtile.compiler.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.RandomModels;
import io.memtile.compiler.TestTargets;
import io.memtile.compiler.lower.LowerPass;
import io.memtile.compiler.map.DifferentialMapPass;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuantizePassTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 64})
    void jointChoiceIsOptimalAndLeastConductanceByBruteForce(int n) {
        SplittableRandom r = new SplittableRandom(n);
        for (int c = 0; c < 2000; c++) {
            double w = c < 8 ? (c - 4) / (2.0 * n) : 2 * r.nextDouble() - 1; // include exact half-level ties
            int k = QuantizePass.bestDifference(w, n);
            int a = Math.max(k, 0), b = Math.max(-k, 0);
            double best = Double.MAX_VALUE;
            int bestTotal = Integer.MAX_VALUE;
            for (int p = 0; p <= n; p++) {
                for (int m = 0; m <= n; m++) {
                    double e = Math.abs((p - m) - w * n);
                    if (e < best - 1e-12) { best = e; bestTotal = p + m; }
                    else if (Math.abs(e - best) <= 1e-12) bestTotal = Math.min(bestTotal, p + m);
                }
            }
            assertEquals(best, Math.abs((a - b) - w * n), 1e-12, "w=" + w);
            assertEquals(bestTotal, a + b, "total conductance must be minimal among optimal pairs, w=" + w);
        }
    }

    @Test
    void tiesGoToTheSmallerTotalAndRangeIsClamped() {
        assertEquals(0, QuantizePass.bestDifference(0.5 / 8, 8));
        assertEquals(0, QuantizePass.bestDifference(-0.5 / 8, 8));
        assertEquals(1, QuantizePass.bestDifference(1.5 / 8, 8));
        assertEquals(-1, QuantizePass.bestDifference(-1.5 / 8, 8));
        assertEquals(8, QuantizePass.bestDifference(1.0, 8));
        assertEquals(-8, QuantizePass.bestDifference(-1.0, 8));
    }

    @Test
    void rmsErrorShrinksWithMoreLevelsAndStaysBelowHalfAStep() {
        var t = TestTargets.paper();
        var m = RandomModels.create(t, new int[] {50, 20, 5}, 1.0, 3);
        var map = DifferentialMapPass.run(LowerPass.run(m, "x"), t);
        double prev = Double.MAX_VALUE;
        for (int n : new int[] {8, 16, 32, 64}) {
            QuantizedNetwork q = QuantizePass.run(map, n, true);
            for (QuantizedLayer l : q.layers()) {
                assertTrue(l.maxError() <= 0.5 / n + 1e-12);
                // uniform error on [-h/2, h/2] has RMS h/sqrt(12)
                assertEquals(1 / (n * Math.sqrt(12)), l.rmsError(), 0.25 / (n * Math.sqrt(12)));
            }
            double rms = q.layers().get(0).rmsError();
            assertTrue(rms < prev);
            prev = rms;
        }
    }

    @Test
    void continuousModeKeepsTrainedWeights() {
        var t = TestTargets.paper();
        var m = RandomModels.create(t, new int[] {6, 4}, 1.0, 3);
        QuantizedNetwork q = QuantizePass.run(DifferentialMapPass.run(LowerPass.run(m, "x"), t), 64, false);
        assertTrue(q.continuous());
        assertEquals(m.weights()[0][2][3], q.layers().get(0).weight(2, 3), 0);
        assertEquals(0, q.layers().get(0).rmsError(), 0);
    }
}
