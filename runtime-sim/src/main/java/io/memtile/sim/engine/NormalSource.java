package io.memtile.sim.engine;

import java.util.SplittableRandom;

/**
 * Standard normals for the per-step read-noise draws (one per neuron and step: the simulator's
 * largest consumer of random numbers). Drawn with the JDK's own generator,
 * {@link java.util.random.RandomGenerator#nextGaussian()}, which is McFarland's modified ziggurat
 * (JDK 17+, the same algorithm and tables in 17 and 21): exact normal tails, one 64-bit draw and a
 * table lookup on about 98 % of calls, no log or square root there. It replaced a polar Box-Muller
 * source that took about a third of the simulator's CPU time (profiled with JFR on
 * {@code memtile bench sim}). Not thread-safe: one per worker, reseeded per sample so results do not
 * depend on how samples are spread over threads or lanes.
 */
public final class NormalSource {
    private SplittableRandom rng;

    public void reseed(SplittableRandom r) {
        this.rng = r;
    }

    public double next() {
        return rng.nextGaussian();
    }
}
