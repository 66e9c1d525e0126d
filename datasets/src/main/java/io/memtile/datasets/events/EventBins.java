package io.memtile.datasets.events;

import io.memtile.core.MemtileException;

/**
 * The {@code --bins K} option of event datasets: how many frames each sample's events are binned into.
 *
 * <p>Frame k is shown during steps [k T / K, (k + 1) T / K) of a T-step run ({@link SparseFrames#binOf}), so
 * K need not divide T (the bins then differ by one step), but every bin must get at least one step: K ≤ T.
 * The default, 10, is one frame per alpha injection of the paper target (1,000 steps, period 100).
 */
public final class EventBins {
    public static final String OPTION = "--bins";

    private EventBins() {}

    /** Rejects K &lt; 1 (before any data is read). */
    public static int check(int bins) {
        if (bins < 1) throw new MemtileException(OPTION, null, "must be >= 1 frame per sample, got " + bins);
        return bins;
    }

    /** Rejects K outside [1, steps]: a bin with no step would drop its events. */
    public static int check(int bins, int steps) {
        check(bins);
        if (bins > steps) {
            throw new MemtileException(OPTION, null, "must be <= the network's " + steps + " steps per sample (each frame is shown for at least one step), got " + bins);
        }
        return bins;
    }
}
