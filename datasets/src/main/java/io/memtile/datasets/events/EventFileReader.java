package io.memtile.datasets.events;

import io.memtile.core.MemtileException;
import io.memtile.datasets.idx.IdxReader;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads DVS128 event recordings (Gesture layout: 128x128 sensor, 11 classes) in one of two documented
 * formats, optionally gzip-compressed (detected by magic bytes). The format is chosen by content: a file
 * starting with {@code MTEV} is binary, anything else is CSV.
 *
 * <h2>CSV</h2>
 * UTF-8 text, lines starting with {@code #} ignored, first other line exactly the header
 * {@code sample,label,x,y,polarity,t_us}; then one event per line. Rows of one sample are contiguous and
 * share its label; {@code polarity} is 1 (ON) or 0 (OFF; -1 also accepted, as some tools write it);
 * {@code t_us} is an integer microsecond timestamp, non-decreasing within a sample. Easy to produce from
 * Python: {@code np.savetxt(f, rows, fmt="%d", delimiter=",", header="sample,label,x,y,polarity,t_us", comments="")}.
 *
 * <h2>Binary (MTEV v1, big-endian)</h2>
 * <pre>
 * "MTEV"  4 bytes magic
 * u16     version = 1
 * u16     sensor width = 128, u16 sensor height = 128
 * u32     sample count
 * per sample: u8 label, u32 event count, then per event: u16 x, u16 y, u8 polarity (0/1), i64 t_us
 * </pre>
 *
 * Every violation (coordinate outside the sensor, bad polarity, label outside [0, 11), time going
 * backwards, truncated data) is a {@link MemtileException} naming the file and the field
 * {@code samples[s].events[k].x} etc.
 */
public final class EventFileReader {
    public static final String CSV_HEADER = "sample,label,x,y,polarity,t_us";
    public static final byte[] MAGIC = {'M', 'T', 'E', 'V'};
    public static final int VERSION = 1;
    public static final int EVENT_BYTES = 13;

    private EventFileReader() {}

    /** Reads and bins a whole file into DVS-Gesture frames (11 classes). */
    public static EventFrames load(Path file, EventBinning binning) {
        byte[] stored = readFile(file);
        byte[] raw = IdxReader.decode(file.toString(), stored);
        List<EventStream> samples = parse(file.toString(), raw, EventFrames.DVS_GESTURE_CLASSES);
        return EventBinner.frames("events:" + file, samples, EventFrames.DVS_GESTURE_CLASSES, binning,
                IdxReader.sha256(raw));
    }

    /** Reads the samples of a file without binning. */
    public static List<EventStream> read(Path file) {
        return parse(file.toString(), IdxReader.decode(file.toString(), readFile(file)), EventFrames.DVS_GESTURE_CLASSES);
    }

    /** Parses decoded (uncompressed) bytes in either format. */
    public static List<EventStream> parse(String source, byte[] raw, int classes) {
        if (raw.length >= 4 && Arrays.equals(Arrays.copyOf(raw, 4), MAGIC)) return parseBinary(source, raw, classes);
        return parseCsv(source, new String(raw, StandardCharsets.UTF_8), classes);
    }

    private static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw MemtileException.of(file, null, "event file not found");
        } catch (java.io.IOException e) {
            throw MemtileException.of(file, null, "cannot read: " + e.getMessage());
        }
    }

    /** Growable column buffers for one sample. */
    private static final class Builder {
        final String source;
        final String tag;
        final int sample;
        final int label;
        short[] x = new short[1024];
        short[] y = new short[1024];
        byte[] p = new byte[1024];
        long[] t = new long[1024];
        int n;

        Builder(String source, String tag, int sample, int label) {
            this.source = source;
            this.tag = tag;
            this.sample = sample;
            this.label = label;
        }

        void add(long xi, long yi, long pi, long ti, String where) {
            String f = "samples[" + sample + "].events[" + n + "]";
            if (xi < 0 || xi >= EventBinning.SENSOR) {
                throw new MemtileException(source, f + ".x", where + "x = " + xi + " is outside the 128x128 sensor [0, 127]");
            }
            if (yi < 0 || yi >= EventBinning.SENSOR) {
                throw new MemtileException(source, f + ".y", where + "y = " + yi + " is outside the 128x128 sensor [0, 127]");
            }
            if (pi == -1) pi = 0;
            if (pi != 0 && pi != 1) {
                throw new MemtileException(source, f + ".polarity", where + "polarity = " + pi + ", expected 0 (OFF) or 1 (ON)");
            }
            if (n > 0 && ti < t[n - 1]) {
                throw new MemtileException(source, f + ".t_us", where + "timestamp " + ti + " us is before the previous event ("
                        + t[n - 1] + " us); events of a sample must be in time order");
            }
            if (n == t.length) {
                int cap = n * 2;
                x = Arrays.copyOf(x, cap);
                y = Arrays.copyOf(y, cap);
                p = Arrays.copyOf(p, cap);
                t = Arrays.copyOf(t, cap);
            }
            x[n] = (short) xi;
            y[n] = (short) yi;
            p[n] = (byte) pi;
            t[n] = ti;
            n++;
        }

        EventStream build() {
            return new EventStream(tag, label, Arrays.copyOf(x, n), Arrays.copyOf(y, n),
                    Arrays.copyOf(p, n), Arrays.copyOf(t, n));
        }
    }

    private static void checkLabel(String source, int sample, long label, int classes, String where) {
        if (label < 0 || label >= classes) {
            throw new MemtileException(source, "samples[" + sample + "].label",
                    where + "label " + label + " is outside [0, " + classes + ")");
        }
    }

    static List<EventStream> parseCsv(String source, String text, int classes) {
        List<EventStream> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        boolean header = false;
        Builder cur = null;
        long curId = Long.MIN_VALUE;
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int li = 0; li < lines.length; li++) {
            String line = lines[li].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String where = "line " + (li + 1) + ": ";
            if (!header) {
                if (!line.replace(" ", "").equals(CSV_HEADER)) {
                    throw new MemtileException(source, "header", where + "expected CSV header '" + CSV_HEADER
                            + "' (or a binary MTEV file), found '" + abbreviate(line) + "'");
                }
                header = true;
                continue;
            }
            String[] cols = line.split(",", -1);
            if (cols.length != 6) {
                throw new MemtileException(source, "line " + (li + 1), "expected 6 columns (" + CSV_HEADER + "), found "
                        + cols.length);
            }
            long[] v = new long[6];
            String[] names = CSV_HEADER.split(",");
            for (int c = 0; c < 6; c++) {
                try {
                    v[c] = Long.parseLong(cols[c].strip());
                } catch (NumberFormatException e) {
                    throw new MemtileException(source, names[c], where + "'" + abbreviate(cols[c]) + "' is not an integer");
                }
            }
            if (cur == null || v[0] != curId) {
                if (cur != null) out.add(cur.build());
                if (!seen.add(v[0])) {
                    throw new MemtileException(source, "sample", where + "sample " + v[0]
                            + " appears again after other samples; rows of a sample must be contiguous");
                }
                checkLabel(source, out.size(), v[1], classes, where);
                curId = v[0];
                cur = new Builder(source, source + "#sample=" + v[0], out.size(), (int) v[1]);
            } else if (v[1] != cur.label) {
                throw new MemtileException(source, "samples[" + out.size() + "].label", where + "label " + v[1]
                        + " differs from the sample's first row (" + cur.label + ")");
            }
            cur.add(v[2], v[3], v[4], v[5], where);
        }
        if (!header) throw new MemtileException(source, "header", "empty event file (no CSV header, no MTEV magic)");
        if (cur != null) out.add(cur.build());
        if (out.isEmpty()) throw new MemtileException(source, "samples", "no events in file");
        return out;
    }

    static List<EventStream> parseBinary(String source, byte[] raw, int classes) {
        ByteBuffer bb = ByteBuffer.wrap(raw);
        String field = "header";
        try {
            bb.position(4);
            field = "header.version";
            int version = Short.toUnsignedInt(bb.getShort());
            if (version != VERSION) throw new MemtileException(source, field, "MTEV version " + version + ", this reader knows " + VERSION);
            field = "header.width";
            int w = Short.toUnsignedInt(bb.getShort());
            if (w != EventBinning.SENSOR) throw new MemtileException(source, field, "sensor width " + w + ", expected 128 (DVS128)");
            field = "header.height";
            int h = Short.toUnsignedInt(bb.getShort());
            if (h != EventBinning.SENSOR) throw new MemtileException(source, field, "sensor height " + h + ", expected 128 (DVS128)");
            field = "header.samples";
            long count = Integer.toUnsignedLong(bb.getInt());
            List<EventStream> out = new ArrayList<>();
            for (int s = 0; s < count; s++) {
                field = "samples[" + s + "].label";
                int label = Byte.toUnsignedInt(bb.get());
                checkLabel(source, s, label, classes, "");
                field = "samples[" + s + "].events";
                long n = Integer.toUnsignedLong(bb.getInt());
                if (n * EVENT_BYTES > bb.remaining()) {
                    throw new MemtileException(source, field, "declares " + n + " events (" + n * EVENT_BYTES
                            + " bytes) but only " + bb.remaining() + " bytes remain; file truncated");
                }
                Builder b = new Builder(source, source + "#" + s, s, label);
                for (int k = 0; k < n; k++) {
                    int x = Short.toUnsignedInt(bb.getShort());
                    int y = Short.toUnsignedInt(bb.getShort());
                    int p = Byte.toUnsignedInt(bb.get());
                    long t = bb.getLong();
                    b.add(x, y, p, t, "");
                }
                out.add(b.build());
            }
            if (bb.hasRemaining()) {
                throw new MemtileException(source, "data", bb.remaining() + " trailing bytes after " + count
                        + " samples; header.samples does not match the data");
            }
            return out;
        } catch (BufferUnderflowException e) {
            throw new MemtileException(source, field, "file truncated while reading " + field);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
