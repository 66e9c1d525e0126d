package io.memtile.datasets.events.gesture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.MemtileException;
import io.memtile.datasets.Dataset;
import io.memtile.datasets.Datasets;
import io.memtile.datasets.Split;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DvsGesture on AEDAT 3.1 files written here from the published format (cAER's "AEDAT 3.1" spec). */
class DvsGestureDatasetTest {
    @TempDir
    Path dir;

    /** A packet: 28-byte header (type, source, size, tsOffset, tsOverflow, capacity, number, valid) + events. */
    static byte[] packet(short type, int overflow, int[][] events) {
        int size = 8;
        ByteBuffer b = ByteBuffer.allocate(28 + size * events.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(type).putShort((short) 1).putInt(size).putInt(4).putInt(overflow).putInt(events.length)
                .putInt(events.length).putInt(events.length);
        for (int[] e : events) {
            // {x, y, polarity, ts, valid}
            int data = (e[0] << 17) | (e[1] << 2) | (e[2] << 1) | e[4];
            b.putInt(data).putInt(e[3]);
        }
        return b.array();
    }

    static byte[] file(byte[]... packets) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(("#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: DVS128\r\n#Start-Time: 2017-01-01\r\n#!END-HEADER\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        for (byte[] p : packets) o.write(p);
        return o.toByteArray();
    }

    void layout(byte[] aedat) throws IOException {
        Files.write(dir.resolve("user01_fluorescent.aedat"), aedat);
        Files.writeString(dir.resolve("user01_fluorescent_labels.csv"),
                "class,startTime_usec,endTime_usec\n3,1000,2000\n11,5000,6000\n1,2147483000,2147484000\n");
        Files.writeString(dir.resolve("trials_to_train.txt"), "user01_fluorescent.aedat\n\n");
        Files.writeString(dir.resolve("trials_to_test.txt"), "user01_fluorescent.aedat\n");
    }

    @Test
    void eachLabelledWindowIsOneSampleOnTwoBy32By32() throws IOException {
        byte[] special = packet((short) 0, 0, new int[][] {{0, 0, 0, 5, 1}});
        byte[] p1 = packet((short) 1, 0, new int[][] {
                {0, 0, 1, 500, 1},          // before any window: dropped
                {127, 127, 1, 1000, 1},     // window 0, bin 0, ON, (31, 31)
                {5, 9, 0, 1999, 1},         // window 0, bin 9, OFF, (1, 2)
                {6, 10, 0, 1999, 1},        // same 4x4 block: count 2
                {6, 10, 0, 1999, 0},        // invalid: dropped
                {64, 0, 1, 5500, 1},        // window 1 (class 11 -> 10), bin 5
        });
        // timestamp overflow: overflow counter 1 and raw 100 give 2^31 + 100 = 2,147,483,748 us, inside window 2
        byte[] p2 = packet((short) 1, 1, new int[][] {{3, 3, 1, 100, 1}});
        layout(file(special, p1, p2));
        Dataset d = Datasets.load("dvs-gesture:" + dir, Split.TRAIN);
        assertEquals(3, d.size());
        assertEquals(2048, d.dim());
        assertEquals(11, d.classes());
        assertEquals(2, d.label(0));
        assertEquals(10, d.label(1));
        assertEquals(0, d.label(2));
        double[] f = new double[2048];
        d.frames().frame(0, 0, f);
        assertEquals(0.25, f[1024 + 31 * 32 + 31]);
        assertEquals(0.25, sum(f));
        d.frames().frame(0, 9, f);
        assertEquals(0.5, f[2 * 32 + 1]);
        assertEquals(0.5, sum(f));
        d.frames().frame(1, 5, f);
        assertEquals(0.25, f[1024 + 16]);
        assertEquals(1, d.frames().entries(2));
        assertEquals(2, d.frames().entries(0)); // (31,31) ON in bin 0; block (1,2) OFF in bin 9
    }

    @Test
    void truncatedPacketsNameTheFileAndByteOffset() throws IOException {
        byte[] ok = file(packet((short) 1, 0, new int[][] {{1, 1, 1, 1500, 1}, {1, 1, 1, 1600, 1}}));
        byte[] cut = java.util.Arrays.copyOf(ok, ok.length - 3);
        layout(cut);
        MemtileException e = assertThrows(MemtileException.class, () -> Datasets.load("dvs-gesture:" + dir, Split.TRAIN));
        int headerLen = ok.length - 28 - 16;
        assertTrue(e.getMessage().contains("user01_fluorescent.aedat") && e.getMessage().contains("byte offset " + headerLen),
                e.getMessage());
        layout(java.util.Arrays.copyOf(ok, headerLen + 10));
        e = assertThrows(MemtileException.class, () -> Datasets.load("dvs-gesture:" + dir, Split.TRAIN));
        assertTrue(e.getMessage().contains("truncated packet header at byte offset " + headerLen), e.getMessage());
        layout("not aedat".getBytes(StandardCharsets.US_ASCII));
        e = assertThrows(MemtileException.class, () -> Datasets.load("dvs-gesture:" + dir, Split.TRAIN));
        assertTrue(e.getMessage().contains("AEDAT 3.1"), e.getMessage());
        byte[] bad = file(packet((short) 1, 0, new int[][] {{200, 1, 1, 1500, 1}}));
        layout(bad);
        e = assertThrows(MemtileException.class, () -> Datasets.load("dvs-gesture:" + dir, Split.TRAIN));
        assertTrue(e.getMessage().contains("outside the 128x128"), e.getMessage());
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s;
    }
}
