package io.memtile.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The engine draws read noise as one Gaussian per neuron and step with variance
 * sigma^2 sum_r (G+_r^2 + G-_r^2) V_r^2 instead of one relative Gaussian per cell and read. Check
 * the two against each other statistically: mean, variance and tail mass of the pair current.
 */
class ReadNoiseAggregateTest {
    @Test
    void aggregateGaussianMatchesPerCellNoise() {
        SplittableRandom r = new SplittableRandom(42);
        int rows = 100;
        double sigma = 0.05;
        double[] gp = new double[rows], gm = new double[rows], v = new double[rows];
        for (int i = 0; i < rows; i++) {
            gp[i] = 1e-5 + 1e-3 * r.nextDouble();
            gm[i] = 1e-5 + 1e-3 * r.nextDouble();
            v[i] = 0.1 * r.nextDouble();
        }
        double mean0 = 0, var = 0;
        for (int i = 0; i < rows; i++) {
            mean0 += (gp[i] - gm[i]) * v[i];
            var += (gp[i] * gp[i] + gm[i] * gm[i]) * v[i] * v[i];
        }
        double sd = sigma * Math.sqrt(var);
        int n = 40_000;
        NormalSource ns = new NormalSource();
        ns.reseed(new SplittableRandom(7));
        double[] brute = new double[n], agg = new double[n];
        SplittableRandom rb = new SplittableRandom(8);
        for (int k = 0; k < n; k++) {
            double s = 0;
            for (int i = 0; i < rows; i++) {
                double xp = io.memtile.core.rng.Seeds.gaussian(rb), xm = io.memtile.core.rng.Seeds.gaussian(rb);
                s += gp[i] * (1 + sigma * xp) * v[i] - gm[i] * (1 + sigma * xm) * v[i];
            }
            brute[k] = s;
            agg[k] = mean0 + sd * ns.next();
        }
        for (double[] x : new double[][] {brute, agg}) {
            double m = 0, s2 = 0;
            int tail = 0;
            for (double y : x) m += y;
            m /= n;
            for (double y : x) {
                s2 += (y - m) * (y - m);
                if (y > mean0 + 2 * sd) tail++;
            }
            double sdx = Math.sqrt(s2 / (n - 1));
            assertEquals(mean0, m, 5 * sd / Math.sqrt(n));
            assertEquals(sd, sdx, 5 * sd / Math.sqrt(2.0 * n));
            double pTail = 0.0227501319; // P(Z > 2)
            assertEquals(pTail * n, tail, 5 * Math.sqrt(pTail * n));
        }
    }
}
