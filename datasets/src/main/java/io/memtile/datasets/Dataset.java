package io.memtile.datasets;

/**
 * A labelled set of static samples, features scaled to [0, 1] (ToTensor convention) and stored
 * row-major in one flat array so that training reads sample i as features[i*dim .. (i+1)*dim).
 *
 * @param name     e.g. "mnist/train" or "idx:/data/x/train"
 * @param features n * dim values in [0, 1]
 * @param labels   n class indices in [0, classes)
 * @param dim      features per sample (784 for 28x28)
 * @param classes  number of classes
 * @param sha256   hash of the raw source bytes, recorded in model artifacts for provenance
 * @param frames   for event-stream datasets, the time-varying input (one sparse frame per bin,
 *                 {@code frames.channels() == dim}); then {@code features} holds each sample's mean frame
 *                 (its static summary). Null for static image datasets.
 */
public record Dataset(String name, float[] features, int[] labels, int dim, int classes, String sha256,
                      io.memtile.datasets.events.SparseFrames frames) {
    /** A static (image) dataset. */
    public Dataset(String name, float[] features, int[] labels, int dim, int classes, String sha256) {
        this(name, features, labels, dim, classes, sha256, null);
    }

    public Dataset {
        if (frames != null && (frames.channels() != dim || frames.samples() != labels.length)) {
            throw new IllegalArgumentException("frames (" + frames.samples() + " x " + frames.channels()
                    + ") do not match the dataset (" + labels.length + " x " + dim + ")");
        }
    }

    /** Whether samples are event streams (time-varying input, see {@link #frames}). */
    public boolean isEvents() { return frames != null; }

    public int size() { return labels.length; }

    /** Copies sample i into dst[0..dim) as doubles. */
    public void sample(int i, double[] dst) {
        int off = i * dim;
        for (int j = 0; j < dim; j++) dst[j] = features[off + j];
    }

    public int label(int i) { return labels[i]; }

    /** The first n samples (or all, if n exceeds the size). */
    public Dataset head(int n) {
        int m = Math.min(n, size());
        float[] f = java.util.Arrays.copyOf(features, m * dim);
        int[] l = java.util.Arrays.copyOf(labels, m);
        return new Dataset(name + "[:" + m + "]", f, l, dim, classes, sha256, frames == null ? null : frames.head(m));
    }
}
