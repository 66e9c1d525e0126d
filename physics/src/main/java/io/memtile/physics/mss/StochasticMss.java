package io.memtile.physics.mss;

import io.memtile.core.target.MssParams;
import java.util.SplittableRandom;

/**
 * The N-switch stochastic MSS device: its state is the number of ON switches (0..N), so it has
 * exactly N+1 reachable conductance levels, linearly spaced from 1/rOff to 1/rOn. Transitions
 * during a pulse are binomial draws over the OFF and ON populations.
 */
public final class StochasticMss {
    private StochasticMss() {}

    public static int levels(MssParams p) { return p.switches() + 1; }

    /** Conductance with nOn of N switches ON (Knowm Eq. 23). */
    public static double conductance(MssParams p, int nOn) {
        int n = p.switches();
        return (nOn * p.gOn() + (n - nOn) * p.gOff()) / n;
    }

    /** The level (number of ON switches) whose conductance is nearest to g, clamped to [0, N]. */
    public static int nearestLevel(MssParams p, double g) {
        int n = p.switches();
        long l = Math.round((g - p.gOff()) / (p.gOn() - p.gOff()) * n);
        return (int) Math.max(0, Math.min(n, l));
    }

    /** Applies a pulse of amplitude v (V) and width (s) to a device with nOn switches ON. */
    public static int applyPulse(MssParams p, int nOn, double v, double width, SplittableRandom rng, double[] scratch2) {
        MssRates.pulseProbabilities(p, v, width, scratch2);
        int n = p.switches();
        int up = binomial(n - nOn, scratch2[0], rng);
        int down = binomial(nOn, scratch2[1], rng);
        return Math.max(0, Math.min(n, nOn + up - down));
    }

    /**
     * Binomial(n, prob) sample. Exact (Bernoulli sum) for n &lt;= 64, exact inversion when the mean
     * is small, and otherwise the rounded-Gaussian approximation Knowm's model itself uses.
     */
    public static int binomial(int n, double prob, SplittableRandom rng) {
        if (n <= 0 || prob <= 0) return 0;
        if (prob >= 1) return n;
        if (n <= 64) {
            int k = 0;
            for (int i = 0; i < n; i++) if (rng.nextDouble() < prob) k++;
            return k;
        }
        boolean flip = prob > 0.5;
        double q = flip ? 1 - prob : prob;
        double mean = n * q;
        int k;
        if (mean < 30) {
            // inversion by sequential search over the pmf
            double u = rng.nextDouble();
            double pk = Math.pow(1 - q, n);
            double cdf = pk;
            k = 0;
            double ratio = q / (1 - q);
            while (u > cdf && k < n) {
                pk *= ratio * (n - k) / (k + 1);
                k++;
                cdf += pk;
                if (pk < 1e-300 && cdf < u) break;
            }
        } else {
            double sd = Math.sqrt(mean * (1 - q));
            double u1 = Math.max(rng.nextDouble(), 1e-300), u2 = rng.nextDouble();
            double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            k = (int) Math.round(mean + sd * z);
            k = Math.max(0, Math.min(n, k));
        }
        return flip ? n - k : k;
    }
}
