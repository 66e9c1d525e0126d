package io.memtile.datasets.events;

import java.util.List;

/** Turns validated {@link EventStream}s into {@link EventFrames} (plain loops: ~10^6 events per sample). */
public final class EventBinner {
    private EventBinner() {}

    /** Bins one sample into a fresh float[steps * channels]. */
    public static float[] bin(EventStream s, EventBinning b) {
        int steps = b.steps();
        int ch = b.channels();
        float[] out = new float[steps * ch];
        binInto(s, b, out, 0);
        return out;
    }

    /**
     * Bins into {@code out[off .. off + steps*channels)}. The window is [t_first, t_last] of the sample
     * split into {@code steps} equal bins, bin = floor((t - t0) * T / (t_last - t0 + 1)), so the first
     * event lands in bin 0 and the last in bin T-1 whatever the gesture's length.
     */
    static void binInto(EventStream s, EventBinning b, float[] out, int off) {
        int n = s.size();
        if (n == 0) return;
        int steps = b.steps();
        int ch = b.channels();
        long t0 = s.tUs()[0];
        long span = s.tUs()[n - 1] - t0 + 1;
        for (int k = 0; k < n; k++) {
            int bin = (int) ((s.tUs()[k] - t0) * steps / span);
            out[off + bin * ch + b.channel(s.x()[k], s.y()[k], s.polarity()[k])] += 1f;
        }
        int len = steps * ch;
        float max = 0f;
        for (int i = 0; i < len; i++) {
            float v = out[off + i];
            if (b.clip() > 0 && v > b.clip()) out[off + i] = v = b.clip();
            if (v > max) max = v;
        }
        if (b.normalise()) {
            float scale = b.clip() > 0 ? b.clip() : max;
            if (scale > 0f) for (int i = 0; i < len; i++) out[off + i] /= scale;
        }
    }

    /** Bins every sample of a file into one {@link EventFrames}. */
    public static EventFrames frames(String name, List<EventStream> samples, int classes, EventBinning b, String sha256) {
        int per = b.steps() * b.channels();
        if ((long) per * samples.size() > Integer.MAX_VALUE - 8) {
            throw new io.memtile.core.MemtileException(name, "samples", samples.size() + " samples x " + per
                    + " drives exceed one array; use fewer steps or split the file");
        }
        float[] frames = new float[per * samples.size()];
        int[] labels = new int[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            binInto(samples.get(i), b, frames, i * per);
            labels[i] = samples.get(i).label();
        }
        return new EventFrames(name, frames, labels, b.steps(), b.channels(), classes, b, sha256);
    }
}
