package io.memtile.datasets;

/** Which half of a dataset: the IDX file prefix is {@code train} or {@code t10k}. */
public enum Split {
    TRAIN("train"),
    TEST("t10k");

    private final String filePrefix;

    Split(String filePrefix) { this.filePrefix = filePrefix; }

    /** The prefix of the standard IDX file names ({@code train-images-idx3-ubyte}, {@code t10k-...}). */
    public String filePrefix() { return filePrefix; }

    /** Lower-case name used in dataset names, e.g. {@code mnist/train}. */
    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
