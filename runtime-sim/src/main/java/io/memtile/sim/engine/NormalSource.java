package io.memtile.sim.engine;

import java.util.SplittableRandom;

/**
 * Standard normals for the per-step read-noise draws: polar Box-Muller over a SplittableRandom,
 * keeping the second value of each pair (half the logs and square roots of Seeds.gaussian, and no
 * trigonometry), allocation-free. Not thread-safe: one per worker, reseeded per sample so results
 * do not depend on how samples are spread over threads.
 */
public final class NormalSource {
    private SplittableRandom rng;
    private double spare;
    private boolean hasSpare;

    public void reseed(SplittableRandom r) {
        this.rng = r;
        this.hasSpare = false;
    }

    public double next() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u, v, s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spare = v * m;
        hasSpare = true;
        return u * m;
    }
}
