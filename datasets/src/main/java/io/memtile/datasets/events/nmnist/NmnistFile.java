package io.memtile.datasets.events.nmnist;

import io.memtile.core.MemtileException;
import io.memtile.datasets.events.EventStream;

/**
 * One N-MNIST sample file (Orchard et al. 2015, the official {@code .bin} layout): a sequence of
 * 40-bit (5-byte) events, big-endian bit order
 * <pre>
 *   byte 0      x (8 bits)
 *   byte 1      y (8 bits)
 *   byte 2      bit 7: polarity (1 = ON), bits 6..0: timestamp bits 22..16
 *   bytes 3, 4  timestamp bits 15..0
 * </pre>
 * Timestamps are microseconds from the start of the recording (23 bits: up to 8.4 s), on the 34x34
 * ATIS crop. Validation: the length is a multiple of 5, coordinates lie inside 34x34 and time never
 * goes backwards; each violation names the file and the byte offset of the offending event.
 */
public final class NmnistFile {
    public static final int SIDE = 34;
    public static final int EVENT_BYTES = 5;
    public static final int MAX_TIMESTAMP = (1 << 23) - 1;

    private NmnistFile() {}

    /** Parses a file's bytes into one labelled stream. */
    public static EventStream parse(String source, byte[] raw, int label) {
        if (raw.length % EVENT_BYTES != 0) {
            int off = raw.length - raw.length % EVENT_BYTES;
            throw new MemtileException(source, "byte " + off, "truncated event: " + (raw.length % EVENT_BYTES)
                    + " trailing byte(s) at byte offset " + off + "; N-MNIST events are 5 bytes each");
        }
        int n = raw.length / EVENT_BYTES;
        short[] x = new short[n], y = new short[n];
        byte[] p = new byte[n];
        long[] t = new long[n];
        long prev = 0;
        for (int k = 0, o = 0; k < n; k++, o += EVENT_BYTES) {
            int xi = raw[o] & 0xff, yi = raw[o + 1] & 0xff, b2 = raw[o + 2] & 0xff;
            long ts = ((long) (b2 & 0x7f) << 16) | ((raw[o + 3] & 0xff) << 8) | (raw[o + 4] & 0xff);
            if (xi >= SIDE || yi >= SIDE) {
                throw new MemtileException(source, "byte " + o, "event " + k + " at byte offset " + o + ": pixel (" + xi + ", "
                        + yi + ") is outside the 34x34 N-MNIST sensor (corrupt file?)");
            }
            if (ts < prev) {
                throw new MemtileException(source, "byte " + o, "event " + k + " at byte offset " + o + ": timestamp " + ts
                        + " us is before the previous event's " + prev + " us (corrupt file?)");
            }
            x[k] = (short) xi;
            y[k] = (short) yi;
            p[k] = (byte) (b2 >>> 7);
            t[k] = ts;
            prev = ts;
        }
        return new EventStream(source, label, x, y, p, t);
    }

    /** Channel of an event on the 2 x 34 x 34 input: polarity-major, then row, then column. */
    public static int channel(int x, int y, int polarity) { return polarity * SIDE * SIDE + y * SIDE + x; }

    /** Encodes events in the official layout (used by the converter; tests use their own writer). */
    public static byte[] encode(EventStream s) {
        byte[] out = new byte[s.size() * EVENT_BYTES];
        for (int k = 0, o = 0; k < s.size(); k++, o += EVENT_BYTES) {
            long ts = s.tUs()[k];
            if (ts < 0 || ts > MAX_TIMESTAMP) throw new IllegalArgumentException("timestamp " + ts + " does not fit 23 bits");
            out[o] = (byte) s.x()[k];
            out[o + 1] = (byte) s.y()[k];
            out[o + 2] = (byte) ((s.polarity()[k] << 7) | (int) (ts >>> 16));
            out[o + 3] = (byte) (ts >>> 8);
            out[o + 4] = (byte) ts;
        }
        return out;
    }
}
