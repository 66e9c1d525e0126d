package io.memtile.datasets.events;

import io.memtile.core.MemtileException;

/**
 * How events become per-step input drives.
 *
 * @param steps      T time steps; the sample duration [t_first, t_last] is split into T equal bins
 * @param downsample sensor pixels per input pixel along each axis (4: 128x128 -> 32x32, DVS Gesture
 *                   practice; must divide 128)
 * @param clip       maximum count kept per (bin, channel); 0 = no clipping. Clipping bounds the drive a
 *                   hot pixel can inject into one input row.
 * @param normalise  divide counts by {@code clip} (or, without clipping, by the sample's largest count) so
 *                   that drives lie in [0, 1] like the static datasets
 */
public record EventBinning(int steps, int downsample, int clip, boolean normalise) {
    public static final int SENSOR = 128;
    public static final int POLARITIES = 2;

    /** 2 x 32 x 32 = 2048 channels, T steps as given, counts clipped at 4 and scaled to [0, 1]. */
    public static EventBinning dvsGesture(int steps) {
        return new EventBinning(steps, 4, 4, true);
    }

    public EventBinning {
        if (steps <= 0) throw new MemtileException("event binning", "steps", "must be positive, got " + steps);
        if (downsample <= 0 || SENSOR % downsample != 0) {
            throw new MemtileException("event binning", "downsample", "must divide the 128-pixel sensor, got " + downsample);
        }
        if (clip < 0) throw new MemtileException("event binning", "clip", "must be >= 0 (0 = off), got " + clip);
    }

    /** Input pixels per axis after downsampling (32 for factor 4). */
    public int side() { return SENSOR / downsample; }

    /** Input channels per step: polarity x side x side (2048 for factor 4). */
    public int channels() { return POLARITIES * side() * side(); }

    /** Channel of a sensor event: polarity-major, then row (y), then column (x). */
    public int channel(int x, int y, int polarity) {
        int s = side();
        return polarity * s * s + (y / downsample) * s + (x / downsample);
    }
}
