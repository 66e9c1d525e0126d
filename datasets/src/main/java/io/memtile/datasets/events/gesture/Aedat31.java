package io.memtile.datasets.events.gesture;

import io.memtile.core.MemtileException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Streams the polarity events of an AEDAT 3.1 file (the format DvsGesture was recorded in, written by
 * cAER/jAER): an ASCII header of {@code #} lines, first {@code #!AER-DAT3.1}, last {@code #!END-HEADER},
 * then packets, all little-endian. A packet is a 28-byte header
 * <pre>
 *   i16 eventType  i16 eventSource  i32 eventSize  i32 eventTSOffset  i32 eventTSOverflow
 *   i32 eventCapacity  i32 eventNumber  i32 eventValid
 * </pre>
 * followed by eventCapacity x eventSize bytes. Polarity events (type 1, 8 bytes) are
 * {@code i32 data, i32 timestamp} with data bit 0 = valid, bit 1 = polarity, bits 2..16 = y,
 * bits 17..31 = x; the full timestamp (µs) is {@code eventTSOverflow << 31 | timestamp}. Other packet
 * types (special, IMU, frames) are skipped; invalid events are dropped.
 */
public final class Aedat31 {
    public static final String MAGIC = "#!AER-DAT3.1";
    public static final String END_HEADER = "#!END-HEADER";
    public static final int PACKET_HEADER_BYTES = 28;
    public static final short POLARITY_EVENT = 1;
    public static final int POLARITY_EVENT_BYTES = 8;

    /** Receives valid polarity events in file order. */
    public interface Sink {
        void event(int x, int y, int polarity, long tUs);
    }

    private Aedat31() {}

    /** Byte offset of the first packet (just after the header), or an error naming the file. */
    public static int headerEnd(String source, byte[] raw) {
        int pos = 0, line = 0;
        while (pos < raw.length && raw[pos] == '#') {
            int eol = pos;
            while (eol < raw.length && raw[eol] != '\n') eol++;
            if (eol == raw.length) break;
            String text = new String(raw, pos, eol - pos, StandardCharsets.US_ASCII).strip();
            if (line == 0 && !text.equals(MAGIC)) {
                throw new MemtileException(source, "byte 0", "not an AEDAT 3.1 file: first line '" + abbreviate(text)
                        + "', expected " + MAGIC);
            }
            line++;
            pos = eol + 1;
            if (text.equals(END_HEADER)) return pos;
        }
        if (line == 0) throw new MemtileException(source, "byte 0", "not an AEDAT 3.1 file: no '" + MAGIC + "' header line");
        throw new MemtileException(source, "byte " + pos, "AEDAT header not terminated by " + END_HEADER + " (truncated at byte offset " + pos + ")");
    }

    /** Streams every valid polarity event of {@code raw} into {@code sink}. */
    public static void read(String source, byte[] raw, int sensor, Sink sink) {
        ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int pos = headerEnd(source, raw);
        while (pos < raw.length) {
            if (raw.length - pos < PACKET_HEADER_BYTES) {
                throw new MemtileException(source, "byte " + pos, "truncated packet header at byte offset " + pos + " ("
                        + (raw.length - pos) + " of 28 bytes)");
            }
            short type = bb.getShort(pos);
            int size = bb.getInt(pos + 4);
            int overflow = bb.getInt(pos + 12);
            int capacity = bb.getInt(pos + 16);
            int number = bb.getInt(pos + 20);
            if (size <= 0 || capacity < 0 || number < 0 || number > capacity) {
                throw new MemtileException(source, "byte " + pos, "corrupt packet header at byte offset " + pos + ": eventSize "
                        + size + ", eventCapacity " + capacity + ", eventNumber " + number);
            }
            long payload = (long) size * capacity;
            int body = pos + PACKET_HEADER_BYTES;
            if (payload > raw.length - body) {
                throw new MemtileException(source, "byte " + body, "truncated packet: header at byte offset " + pos + " declares "
                        + payload + " bytes of events, only " + (raw.length - body) + " remain");
            }
            if (type == POLARITY_EVENT) {
                if (size != POLARITY_EVENT_BYTES) {
                    throw new MemtileException(source, "byte " + pos, "polarity packet at byte offset " + pos + " has eventSize "
                            + size + ", expected 8");
                }
                long hi = (long) overflow << 31;
                for (int k = 0; k < number; k++) {
                    int o = body + k * POLARITY_EVENT_BYTES;
                    int data = bb.getInt(o);
                    if ((data & 1) == 0) continue;
                    int y = (data >>> 2) & 0x7fff, x = (data >>> 17) & 0x7fff;
                    if (x >= sensor || y >= sensor) {
                        throw new MemtileException(source, "byte " + o, "event at byte offset " + o + ": pixel (" + x + ", " + y
                                + ") is outside the " + sensor + "x" + sensor + " sensor");
                    }
                    long ts = hi | (bb.getInt(o + 4) & 0x7fffffffL);
                    sink.event(x, y, (data >>> 1) & 1, ts);
                }
            }
            pos = (int) (body + payload);
        }
    }

    private static String abbreviate(String s) { return s.length() > 40 ? s.substring(0, 40) + "..." : s; }
}
