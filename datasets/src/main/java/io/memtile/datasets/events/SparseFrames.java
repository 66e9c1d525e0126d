package io.memtile.datasets.events;

import java.util.Arrays;

/**
 * Binned event samples stored sparsely: for sample i and bin k the non-zero channels of that frame are
 * {@code channel[offsets[i * bins + k] .. offsets[i * bins + k + 1])} with their clipped event counts in
 * {@code count}. A frame's drive value of a channel is {@code count / clip}, in [0, 1] like a static pixel.
 *
 * <p>Why sparse: 60,000 N-MNIST samples x 10 bins x 2,312 channels are 1.4 G values dense, but only
 * a few thousand events per sample exist, so the stored entries are ~100x fewer. The training and
 * simulation engines exploit the same sparsity: W0 frame costs one column add per non-zero entry.
 *
 * @param samples  number of samples
 * @param bins     frames per sample (B); step t of a T-step run shows frame {@link #binOf(int, int)}
 * @param channels drive inputs per frame (2 x 34 x 34 = 2,312 for N-MNIST)
 * @param clip     counts are clipped at this value and divided by it
 * @param offsets  samples * bins + 1 entry offsets
 * @param channel  channel index of each entry (char: unsigned 16 bit)
 * @param count    clipped count of each entry (1..clip)
 */
public record SparseFrames(int samples, int bins, int channels, int clip, int[] offsets, char[] channel, byte[] count) {
    public SparseFrames {
        if (offsets.length != samples * bins + 1) throw new IllegalArgumentException("offsets length");
        if (channel.length != count.length || offsets[offsets.length - 1] != channel.length) {
            throw new IllegalArgumentException("entry arrays disagree with the offsets");
        }
    }

    /** Frame (bin) shown at step t of a T-step run: bins split the run into equal consecutive parts. */
    public static int binOf(int t, int steps, int bins) { return (int) ((long) t * bins / steps); }

    public int from(int i, int k) { return offsets[i * bins + k]; }

    public int to(int i, int k) { return offsets[i * bins + k + 1]; }

    /** Drive value of entry e. */
    public double value(int e) { return (double) count[e] / clip; }

    /** Writes frame k of sample i densely into dst[0..channels) (zeros elsewhere). */
    public void frame(int i, int k, double[] dst) {
        Arrays.fill(dst, 0, channels, 0.0);
        for (int e = from(i, k), end = to(i, k); e < end; e++) dst[channel[e]] = value(e);
    }

    /** Non-zero entries of all frames of sample i. */
    public int entries(int i) { return offsets[(i + 1) * bins] - offsets[i * bins]; }

    /** The mean over bins of sample i's frames, accumulated into a float array at {@code off}. */
    public void meanInto(int i, float[] dst, int off) {
        for (int k = 0; k < bins; k++) {
            for (int e = from(i, k), end = to(i, k); e < end; e++) dst[off + channel[e]] += (float) (value(e) / bins);
        }
    }

    /** The first m samples. */
    public SparseFrames head(int m) {
        int n = offsets[m * bins];
        return new SparseFrames(m, bins, channels, clip, Arrays.copyOf(offsets, m * bins + 1), Arrays.copyOf(channel, n),
                Arrays.copyOf(count, n));
    }

    /** Samples idx[0..), in that order. */
    public SparseFrames select(int[] idx) {
        int total = 0;
        for (int i : idx) total += entries(i);
        int[] off = new int[idx.length * bins + 1];
        char[] ch = new char[total];
        byte[] ct = new byte[total];
        int pos = 0;
        for (int s = 0; s < idx.length; s++) {
            int i = idx[s];
            for (int k = 0; k < bins; k++) {
                off[s * bins + k] = pos;
                int a = from(i, k), n = to(i, k) - a;
                System.arraycopy(channel, a, ch, pos, n);
                System.arraycopy(count, a, ct, pos, n);
                pos += n;
            }
        }
        off[idx.length * bins] = pos;
        return new SparseFrames(idx.length, bins, channels, clip, off, ch, ct);
    }

    /**
     * Accumulates per-sample frames. Each sample's events arrive as (bin, channel) pairs in any order;
     * {@link #endSample()} sorts them into frames and clips the counts.
     */
    public static final class Builder {
        private final int bins, channels, clip;
        private int[] offsets = new int[1024];
        private char[] channel = new char[1 << 16];
        private byte[] count = new byte[1 << 16];
        private int samples, n;
        private final int[] dense;
        private final int[] touched;
        private int nTouched;

        public Builder(int bins, int channels, int clip) {
            if (bins <= 0) throw new IllegalArgumentException("bins must be positive");
            if (channels > 65536) throw new IllegalArgumentException("at most 65,536 channels");
            if (clip <= 0 || clip > 127) throw new IllegalArgumentException("clip must be in [1, 127]");
            this.bins = bins;
            this.channels = channels;
            this.clip = clip;
            this.dense = new int[bins * channels];
            this.touched = new int[bins * channels];
        }

        /** One event of the current sample in frame {@code bin} at {@code ch}. */
        public void add(int bin, int ch) {
            int key = bin * channels + ch;
            if (dense[key]++ == 0) touched[nTouched++] = key;
        }

        public void endSample() {
            Arrays.sort(touched, 0, nTouched);
            if (offsets.length < (samples + 1) * bins + 1) offsets = Arrays.copyOf(offsets, 2 * offsets.length + bins + 1);
            if (channel.length < n + nTouched) {
                int cap = Math.max(2 * channel.length, n + nTouched);
                channel = Arrays.copyOf(channel, cap);
                count = Arrays.copyOf(count, cap);
            }
            int e = 0;
            for (int k = 0; k < bins; k++) {
                offsets[samples * bins + k] = n;
                while (e < nTouched && touched[e] / channels == k) {
                    int key = touched[e++];
                    channel[n] = (char) (key % channels);
                    count[n] = (byte) Math.min(clip, dense[key]);
                    dense[key] = 0;
                    n++;
                }
            }
            nTouched = 0;
            samples++;
            offsets[samples * bins] = n;
        }

        public SparseFrames build() {
            return new SparseFrames(samples, bins, channels, clip, Arrays.copyOf(offsets, samples * bins + 1),
                    Arrays.copyOf(channel, n), Arrays.copyOf(count, n));
        }
    }
}
