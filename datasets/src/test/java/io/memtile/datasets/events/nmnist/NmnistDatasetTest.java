package io.memtile.datasets.events.nmnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.MemtileException;
import io.memtile.datasets.Dataset;
import io.memtile.datasets.Datasets;
import io.memtile.datasets.Split;
import io.memtile.datasets.events.SparseFrames;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads N-MNIST files produced by an independent writer: this test packs each event as one 40-bit
 * integer {@code x << 32 | y << 24 | p << 23 | t} and emits its five bytes most significant first,
 * exactly as the published format describes, without touching {@link NmnistFile#encode}.
 */
class NmnistDatasetTest {
    @TempDir
    Path dir;

    /** Independent writer: one event = 40-bit big-endian word. */
    static void write(Path file, int[][] events) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int[] e : events) {
                long word = ((long) e[0] << 32) | ((long) e[1] << 24) | ((long) e[2] << 23) | e[3];
                for (int shift = 32; shift >= 0; shift -= 8) out.write((int) (word >>> shift) & 0xff);
            }
        }
    }

    @Test
    void readsTheOfficialLayoutInFileOrderAndBinsFrames() throws IOException {
        // sample 00001 is a 3, 00002 a 7 (file names order the samples, not digit folders)
        write(dir.resolve("Train/3/00001.bin"), new int[][] {
                {0, 0, 1, 10}, {33, 33, 0, 5_000_000}, {5, 6, 1, 8_388_607}, {5, 6, 1, 8_388_607}, {5, 6, 1, 8_388_607}});
        write(dir.resolve("Train/7/00002.bin"), new int[][] {{1, 2, 0, 0}, {1, 2, 0, 99}});
        write(dir.resolve("Test/0/00001.bin"), new int[][] {{4, 4, 1, 7}});
        Dataset d = Datasets.load("nmnist:" + dir, Split.TRAIN);
        assertEquals(2, d.size());
        assertEquals(3, d.label(0));
        assertEquals(7, d.label(1));
        assertEquals(2312, d.dim());
        assertTrue(d.isEvents());
        SparseFrames f = d.frames();
        assertEquals(10, f.bins());
        double[] frame = new double[2312];
        // sample 0: t0 = 10, span = 8,388,598; the first event is in bin 0, ON at (0, 0)
        f.frame(0, 0, frame);
        assertEquals(0.5, frame[NmnistFile.channel(0, 0, 1)]);
        assertEquals(0.5, sum(frame));
        // 5,000,000 us: bin floor(4,999,990 * 10 / 8,388,598) = 5, OFF at (33, 33)
        f.frame(0, 5, frame);
        assertEquals(0.5, frame[33 * 34 + 33]);
        // three ON events at the last timestamp: count 3 clipped at 2 -> drive 1.0 in bin 9
        f.frame(0, 9, frame);
        assertEquals(1.0, frame[34 * 34 + 6 * 34 + 5]);
        assertEquals(1.0, sum(frame));
        // sample 1: two OFF events at (1, 2), t = 0 and 99 -> bins 0 and 9
        f.frame(1, 0, frame);
        assertEquals(0.5, frame[2 * 34 + 1]);
        f.frame(1, 9, frame);
        assertEquals(0.5, frame[2 * 34 + 1]);
        // the static view is the mean frame
        assertEquals(0.1, d.features()[2312 + 2 * 34 + 1], 1e-7);
        Dataset test = Datasets.load("nmnist:" + dir, Split.TEST);
        assertEquals(1, test.size());
        assertEquals(0, test.label(0));
        Dataset h = d.head(1);
        assertEquals(1, h.frames().samples());
        assertEquals(f.entries(0), h.frames().entries(0));
    }

    @Test
    void truncatedAndCorruptFilesNameTheFileAndByteOffset() throws IOException {
        write(dir.resolve("Train/1/00001.bin"), new int[][] {{1, 1, 0, 1}, {2, 2, 0, 2}});
        Path bad = dir.resolve("Train/1/00001.bin");
        byte[] b = Files.readAllBytes(bad);
        Files.write(bad, java.util.Arrays.copyOf(b, 8));
        MemtileException e = assertThrows(MemtileException.class, () -> Datasets.load("nmnist:" + dir, Split.TRAIN));
        assertTrue(e.getMessage().contains("00001.bin") && e.getMessage().contains("byte offset 5"), e.getMessage());
        write(bad, new int[][] {{1, 1, 0, 1}, {40, 2, 0, 2}});
        e = assertThrows(MemtileException.class, () -> Datasets.load("nmnist:" + dir, Split.TRAIN));
        assertTrue(e.getMessage().contains("byte offset 5") && e.getMessage().contains("34x34"), e.getMessage());
        write(bad, new int[][] {{1, 1, 0, 9}, {2, 2, 0, 2}});
        e = assertThrows(MemtileException.class, () -> Datasets.load("nmnist:" + dir, Split.TRAIN));
        assertTrue(e.getMessage().contains("byte offset 5") && e.getMessage().contains("before"), e.getMessage());
        e = assertThrows(MemtileException.class, () -> Datasets.load("nmnist:" + dir, Split.TEST));
        assertTrue(e.getMessage().contains("Test"), e.getMessage());
    }

    @Test
    void encoderAgreesWithTheIndependentWriter() throws IOException {
        int[][] ev = {{7, 30, 1, 123_456}, {33, 0, 0, 8_000_000}};
        Path p = dir.resolve("x.bin");
        write(p, ev);
        byte[] theirs = Files.readAllBytes(p);
        var s = NmnistFile.parse("x", theirs, 4);
        assertEquals(java.util.Arrays.toString(theirs), java.util.Arrays.toString(NmnistFile.encode(s)));
        assertEquals(8_000_000, s.tUs()[1]);
        assertEquals(1, s.polarity()[0]);
    }

    @Test
    void embeddedSubsetLoads() {
        Dataset d = Datasets.load("embedded:nmnist", Split.TEST);
        assertTrue(d.size() > 0 && d.isEvents());
        assertEquals(2312, d.dim());
        // converted from the first images of embedded:mnist, in order
        Dataset img = Datasets.load("embedded:mnist", Split.TEST).head(d.size());
        assertEquals(java.util.Arrays.toString(img.labels()), java.util.Arrays.toString(d.labels()));
        for (int i = 0; i < d.size(); i++) assertTrue(d.frames().entries(i) > 500, "sample " + i + " has too few events");
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s;
    }
}
