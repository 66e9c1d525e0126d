package io.memtile.physics.mss;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.core.rng.Seeds;
import io.memtile.core.target.MssParams;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StochasticMssTest {

    /** Random SET/RESET/read pulses of random width: every one of the N+1 levels and nothing else. */
    @ParameterizedTest
    @ValueSource(strings = {"paper-65nm", "knowm-mss"})
    void exactlyNPlusOneLevelsAndConductanceBounds(String name) {
        Target t = Targets.load(name);
        MssParams p = t.synapse();
        int n = p.switches();
        assertEquals(n + 1, StochasticMss.levels(p));
        SplittableRandom rng = Seeds.stream(11, "mss-levels-" + name);
        double[] scratch = new double[2];
        BitSet seen = new BitSet();
        int level = 0;
        double lo = t.programming().resetVoltage(), hi = t.programming().setVoltage();
        double wMin = t.programming().minPulseWidthNs() * 1e-9, wMax = p.tau();
        for (int i = 0; i < 200_000; i++) {
            double v = lo + (hi - lo) * rng.nextDouble();
            double w = wMin * Math.pow(wMax / wMin, rng.nextDouble());
            level = StochasticMss.applyPulse(p, level, v, w, rng, scratch);
            assertTrue(level >= 0 && level <= n, "level " + level + " outside [0, " + n + "]");
            double g = StochasticMss.conductance(p, level);
            assertTrue(g >= p.gOff() * (1 - 1e-12) && g <= p.gOn() * (1 + 1e-12), "G = " + g + " outside [1/rOff, 1/rOn]");
            seen.set(level);
        }
        assertEquals(n + 1, seen.cardinality(), "reachable levels");
        // the levels are linearly spaced from gOff to gOn and nearestLevel inverts conductance()
        assertEquals(p.gOff(), StochasticMss.conductance(p, 0), 1e-18);
        assertEquals(p.gOn(), StochasticMss.conductance(p, n), 1e-15);
        for (int l = 0; l <= n; l++) assertEquals(l, StochasticMss.nearestLevel(p, StochasticMss.conductance(p, l)));
        assertEquals(0, StochasticMss.nearestLevel(p, 0));
        assertEquals(n, StochasticMss.nearestLevel(p, 10 * p.gOn()));
    }

    /** Sample mean and variance of each branch of the sampler against n p and n p (1-p). */
    @ParameterizedTest(name = "n={0} p={1}")
    @CsvSource({
        "20, 0.3",        // exact Bernoulli sum (n <= 64)
        "64, 0.9",        // Bernoulli sum, high p
        "1000, 0.005",    // inversion (mean < 30)
        "100000, 0.9998", // inversion through the flip (n(1-p) = 20)
        "5000, 0.2",      // rounded Gaussian (mean >= 30)
        "100000, 0.7",    // Gaussian through the flip
    })
    void binomialMeanAndVariance(int n, double prob) {
        SplittableRandom rng = Seeds.stream(5, "binomial", n);
        int m = 40_000;
        double s = 0, s2 = 0;
        for (int i = 0; i < m; i++) {
            int k = StochasticMss.binomial(n, prob, rng);
            assertTrue(k >= 0 && k <= n);
            s += k;
            s2 += (double) k * k;
        }
        double mean = s / m, var = s2 / m - mean * mean;
        double mu = n * prob, sigma2 = n * prob * (1 - prob);
        // 5 standard errors of the mean; variance of a sample variance ~ 2 sigma^4 / m (+ kurtosis)
        assertEquals(mu, mean, 5 * Math.sqrt(sigma2 / m) + 1e-9, "mean");
        assertEquals(sigma2, var, 5 * sigma2 * Math.sqrt(2.0 / m) + 0.1, "variance");
    }

    @Test
    void binomialEdgeCases() {
        SplittableRandom rng = new SplittableRandom(1);
        assertEquals(0, StochasticMss.binomial(0, 0.5, rng));
        assertEquals(0, StochasticMss.binomial(100, 0, rng));
        assertEquals(100, StochasticMss.binomial(100, 1, rng));
        assertEquals(0, StochasticMss.binomial(-3, 0.5, rng));
    }

    /**
     * An ensemble of stochastic devices under a time-varying drive: its mean state follows the
     * mean-field trajectory within a few standard errors, and the error shrinks as the ensemble grows.
     */
    @ParameterizedTest
    @ValueSource(strings = {"paper-65nm", "knowm-mss"})
    void ensembleMeanConvergesToMeanField(String name) {
        MssParams p = Targets.load(name).synapse();
        int steps = 400;
        double dt = p.tau() / 20;
        double[] v = new double[steps];
        for (int i = 0; i < steps; i++) v[i] = 0.6 * Math.sin(2 * Math.PI * i / 150.0) + 0.1; // sweeps through +-vOn
        double[] mf = MeanFieldMss.trajectory(p, 0, v, dt);
        double[] errSmall = maxZ(p, v, dt, mf, 20);
        double[] errLarge = maxZ(p, v, dt, mf, 2000);
        assertTrue(errSmall[0] < 5, "small ensemble off by " + errSmall[0] + " standard errors");
        assertTrue(errLarge[0] < 5, "large ensemble off by " + errLarge[0] + " standard errors");
        assertTrue(errLarge[1] < errSmall[1], "absolute error did not shrink: " + errLarge[1] + " vs " + errSmall[1]);
        assertTrue(errLarge[1] < 0.02, "large ensemble max |mean - mean-field| = " + errLarge[1]);
        // the drive really switched the devices (a flat trajectory would pass trivially)
        double lo = 1, hi = 0;
        for (double x : mf) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
        assertTrue(hi - lo > 0.5, "mean field barely moved: " + lo + ".." + hi);
    }

    /** Returns {max |z|, max |error|} over all steps for an ensemble of m devices. */
    private static double[] maxZ(MssParams p, double[] v, double dt, double[] mf, int m) {
        int n = p.switches();
        int[] on = new int[m];
        SplittableRandom rng = Seeds.stream(3, "ensemble", m);
        double[] scratch = new double[2];
        double worstZ = 0, worstAbs = 0;
        for (int i = 0; i < v.length; i++) {
            long sum = 0;
            for (int d = 0; d < m; d++) {
                on[d] = StochasticMss.applyPulse(p, on[d], v[i], dt, rng, scratch);
                sum += on[d];
            }
            double mean = sum / ((double) m * n);
            double x = mf[i + 1];
            // switches are independent two-state chains: Var(mean) = x (1-x) / (m N)
            double se = Math.sqrt(Math.max(x * (1 - x), 1.0 / n) / ((double) m * n));
            worstZ = Math.max(worstZ, Math.abs(mean - x) / se);
            worstAbs = Math.max(worstAbs, Math.abs(mean - x));
        }
        return new double[] {worstZ, worstAbs};
    }
}
