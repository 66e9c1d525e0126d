package io.memtile.datasets.events;

/**
 * One recorded sample of a DVS128 event camera: parallel arrays (no per-event objects; a gesture has
 * ~10^5-10^6 events) of pixel coordinates on the 128x128 sensor, polarity (0 = OFF, 1 = ON) and
 * timestamp in microseconds, non-decreasing. Built and validated by {@link EventFileReader}.
 *
 * @param source file and sample index, for error messages
 */
public record EventStream(String source, int label, short[] x, short[] y, byte[] polarity, long[] tUs) {
    public int size() { return tUs.length; }
}
