package io.memtile.datasets.events;

/**
 * Binned event samples ready to drive a network step by step: sample i, step t occupies
 * {@code frames[(i * steps + t) * channels .. + channels)}, so one sample is the flat float[T*2048]
 * the trainer feeds as a time-varying input (instead of repeating a static image every step).
 *
 * @param name     e.g. "events:gestures.csv"
 * @param frames   n * steps * channels drives
 * @param labels   n class indices in [0, classes)
 * @param steps    T
 * @param channels per-step inputs (2048 for 2x32x32)
 * @param classes  11 for DVS128 Gesture
 * @param binning  how the events were binned (recorded for provenance)
 * @param sha256   hash of the raw event file bytes
 */
public record EventFrames(String name, float[] frames, int[] labels, int steps, int channels, int classes,
                          EventBinning binning, String sha256) {
    /** DVS128 Gesture: 10 gestures + "other". */
    public static final int DVS_GESTURE_CLASSES = 11;

    public int size() { return labels.length; }

    public int label(int i) { return labels[i]; }

    /** Offset of sample i's first value; its T*channels values follow contiguously. */
    public int offset(int i) { return i * steps * channels; }

    /** Copies the drive of sample i at step t into dst[0..channels). */
    public void step(int i, int t, double[] dst) {
        int off = (i * steps + t) * channels;
        for (int c = 0; c < channels; c++) dst[c] = frames[off + c];
    }

    /**
     * The frames as a {@link io.memtile.datasets.Dataset} with dim = steps * channels (sample i = its whole
     * float[T*2048]), for code that handles datasets generically (sizes, labels, hashing, head(n)). The
     * consumer must still read it step by step: feature (t * channels + c) is channel c at step t. Requires
     * normalised binning, because Dataset promises features in [0, 1].
     */
    public io.memtile.datasets.Dataset asDataset() {
        if (!binning.normalise()) {
            throw new io.memtile.core.MemtileException(name, "binning.normalise",
                    "raw event counts are not in [0, 1]; bin with normalise = true to use the frames as a Dataset");
        }
        return new io.memtile.datasets.Dataset(name, frames, labels, steps * channels, classes, sha256);
    }

    /** Copies sample i as one flat float[steps * channels]. */
    public float[] sample(int i) {
        float[] out = new float[steps * channels];
        System.arraycopy(frames, offset(i), out, 0, out.length);
        return out;
    }
}
