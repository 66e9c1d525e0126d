package io.memtile.sim.chip;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.physics.crossbar.IrAttenuation;
import io.memtile.physics.crossbar.IrDropSolver;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The per-cell attenuation model the trainer uses (physics IrAttenuation: decoupled word-line and
 * bit-line ladders) against the simulator's exact transfer (IrDropSolver), on a full 128x128 tile of
 * the paper target (2.5 ohm per pitch, 1 k/100 k devices) programmed like a trained layer.
 */
class IrAttenuationTest {
    @Test
    void matchesExactTransferOfATrainedLikeTile() {
        int rows = 128, cols = 128;
        double gOn = 1e-3, gOff = 1e-5, gUnit = gOn - gOff, rw = 2.5;
        SplittableRandom r = new SplittableRandom(5);
        double[] g = new double[rows * cols];
        boolean[] sensed = new boolean[cols];
        for (int c = 0; c < 100; c++) sensed[c] = true;
        for (int k = 0; k < g.length; k++) {
            int c = k % cols;
            // |w| <= 0.15 as trained, 64 levels; unused columns at G_off
            double x = c < 100 ? Math.rint(64 * 0.15 * Math.abs(r.nextGaussian()) / 2) / 64 : 0;
            g[k] = gOff + gUnit * Math.min(1, x);
        }
        double[] a = IrAttenuation.factors(rows, cols, g, rw, sensed);
        IrDropSolver s = new IrDropSolver(rows, cols, g, rw, sensed);
        double worstPair = 0, worstIdeal = 0, minA = 1;
        for (int c = 0; c + 1 < 100; c += 2) {
            double[] exact = s.pairTransfer(c, c + 1);
            for (int row = 0; row < rows; row++) {
                double ideal = g[row * cols + c] - g[row * cols + c + 1];
                double model = a[row * cols + c] * g[row * cols + c] - a[row * cols + c + 1] * g[row * cols + c + 1];
                worstPair = Math.max(worstPair, Math.abs(model - exact[row]) / gUnit);
                worstIdeal = Math.max(worstIdeal, Math.abs(ideal - exact[row]) / gUnit);
                minA = Math.min(minA, a[row * cols + c]);
            }
        }
        System.out.printf("IR attenuation model: max |model - exact| %.2e, max |ideal - exact| %.2e (weight units), min factor %.3f%n",
                worstPair, worstIdeal, minA);
        assertTrue(minA < 0.95, "the tile must show real IR drop for this test to mean anything");
        assertTrue(worstPair < 0.25 * worstIdeal, "model error " + worstPair + " vs ignoring IR drop " + worstIdeal);
    }
}
