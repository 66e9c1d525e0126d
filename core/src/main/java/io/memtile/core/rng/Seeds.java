package io.memtile.core.rng;

import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random streams from one recorded seed: each consumer (weight
 * init, shuffling, device variation, programming noise, read noise) asks for its own stream by
 * name, so adding a new consumer never shifts the numbers another one draws.
 */
public final class Seeds {
    private Seeds() {}

    public static SplittableRandom stream(long seed, String purpose) {
        return new SplittableRandom(mix(seed, purpose.hashCode()));
    }

    public static SplittableRandom stream(long seed, String purpose, long index) {
        return new SplittableRandom(mix(mix(seed, purpose.hashCode()), index));
    }

    /** SplitMix64 finaliser over seed ^ salt. */
    public static long mix(long seed, long salt) {
        long z = seed + 0x9E3779B97F4A7C15L * (salt + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Standard normal by Box-Muller (one value per call; cheap enough off the hot path). */
    public static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        if (u1 < 1e-300) u1 = 1e-300;
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
