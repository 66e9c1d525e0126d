package io.memtile.datasets.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.MemtileException;
import io.memtile.datasets.idx.IdxWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFramesTest {
    @TempDir
    Path tmp;

    private static EventStream stream(int label, int[][] ev) {
        short[] x = new short[ev.length];
        short[] y = new short[ev.length];
        byte[] p = new byte[ev.length];
        long[] t = new long[ev.length];
        for (int k = 0; k < ev.length; k++) {
            x[k] = (short) ev[k][0];
            y[k] = (short) ev[k][1];
            p[k] = (byte) ev[k][2];
            t[k] = ev[k][3];
        }
        return new EventStream("synthetic", label, x, y, p, t);
    }

    private static final EventBinning RAW = new EventBinning(4, 4, 0, false);

    @Test
    void eventLandsInDownsampledChannelAndTimeBin() {
        // span 0..999 us, 4 bins of 250 us: t=600 -> bin 2; (x=13, y=70) -> (3, 17) -> channel 17*32+3 = 547 (ON)
        EventStream s = stream(5, new int[][] {{0, 0, 0, 0}, {13, 70, 1, 600}, {127, 127, 1, 999}});
        float[] f = EventBinner.bin(s, RAW);
        assertEquals(4 * 2048, f.length);
        assertEquals(2048, RAW.channels());
        assertEquals(1f, f[0 * 2048 + 0], "first event: OFF, (0,0), bin 0");
        assertEquals(1f, f[2 * 2048 + 1024 + 17 * 32 + 3], "ON event at (13,70), t=600 us");
        assertEquals(1f, f[3 * 2048 + 1024 + 31 * 32 + 31], "last event in the last bin");
        double sum = 0;
        for (float v : f) sum += v;
        assertEquals(3, sum, 0, "every event counted exactly once");
    }

    @Test
    void polaritySelectsChannelHalf() {
        EventStream s = stream(0, new int[][] {{40, 8, 0, 0}, {40, 8, 1, 0}, {40, 8, 1, 0}});
        float[] f = EventBinner.bin(s, new EventBinning(1, 4, 0, false));
        int pix = 2 * 32 + 10;
        assertEquals(1f, f[pix], "OFF half");
        assertEquals(2f, f[1024 + pix], "ON half");
    }

    @Test
    void downsamplingMergesFourByFourBlocks() {
        // the 16 pixels of one 4x4 block all map to one channel; the neighbouring block does not
        int[][] ev = new int[17][];
        int k = 0;
        for (int dy = 0; dy < 4; dy++) for (int dx = 0; dx < 4; dx++) ev[k++] = new int[] {8 + dx, 4 + dy, 1, 0};
        ev[16] = new int[] {12, 4, 1, 0};
        float[] f = EventBinner.bin(stream(0, ev), new EventBinning(1, 4, 0, false));
        assertEquals(16f, f[1024 + 1 * 32 + 2]);
        assertEquals(1f, f[1024 + 1 * 32 + 3]);
        float[] g = EventBinner.bin(stream(0, ev), new EventBinning(1, 8, 0, false));
        assertEquals(2 * 16 * 16, new EventBinning(1, 8, 0, false).channels());
        assertEquals(17f, g[256 + 0 * 16 + 1], "factor 8: both blocks merge");
    }

    @Test
    void clippingAndNormalisation() {
        int[][] ev = new int[6][];
        for (int i = 0; i < 5; i++) ev[i] = new int[] {0, 0, 1, 0};
        ev[5] = new int[] {4, 0, 1, 0};
        float[] clipped = EventBinner.bin(stream(0, ev), EventBinning.dvsGesture(1));
        assertEquals(1f, clipped[1024], "5 events clipped at 4, /4");
        assertEquals(0.25f, clipped[1025]);
        float[] byMax = EventBinner.bin(stream(0, ev), new EventBinning(1, 4, 0, true));
        assertEquals(1f, byMax[1024]);
        assertEquals(0.2f, byMax[1025], 1e-7);
    }

    @Test
    void csvAndBinaryFilesGiveIdenticalFrames() throws IOException {
        List<EventStream> samples = List.of(
                stream(3, new int[][] {{1, 2, 1, 100}, {50, 60, 0, 400}, {127, 0, 1, 900}}),
                stream(10, new int[][] {{64, 64, 0, 5}, {64, 65, 1, 5}}));
        Path csv = tmp.resolve("g.csv");
        Files.writeString(csv, "# synthetic\n" + EventFileWriter.csv(samples));
        Path bin = tmp.resolve("g.mtev.gz");
        Files.write(bin, IdxWriter.gzip(EventFileWriter.binary(samples)));
        EventBinning b = EventBinning.dvsGesture(3);
        EventFrames a = EventFileReader.load(csv, b);
        EventFrames c = EventFileReader.load(bin, b);
        assertEquals(2, a.size());
        assertEquals(11, a.classes());
        assertArrayEquals(new int[] {3, 10}, a.labels());
        assertArrayEquals(a.frames(), c.frames());
        assertArrayEquals(a.labels(), c.labels());
        assertEquals(3 * 2048, a.sample(1).length);
        // sample 1: both events in bin 0 (zero-length span), pixels (16,16) OFF and (16,16) ON
        double[] drive = new double[2048];
        a.step(1, 0, drive);
        assertEquals(0.25, drive[16 * 32 + 16], 1e-7);
        assertEquals(0.25, drive[1024 + 16 * 32 + 16], 1e-7);
        a.step(1, 2, drive);
        assertEquals(0, Arrays.stream(drive).sum());
        io.memtile.datasets.Dataset d = a.asDataset();
        assertEquals(3 * 2048, d.dim());
        assertEquals(10, d.label(1));
        assertEquals(0.25f, d.features()[d.dim() + 16 * 32 + 16]);
        List<EventStream> one = List.of(samples.get(0));
        assertEquals("binning.normalise", assertThrows(MemtileException.class, () -> EventBinner.frames("raw", one, 11,
                new EventBinning(2, 4, 0, false), "x").asDataset()).field());
    }

    private MemtileException csvFails(String body) throws IOException {
        Path p = tmp.resolve("bad.csv");
        Files.writeString(p, EventFileReader.CSV_HEADER + "\n" + body);
        MemtileException e = assertThrows(MemtileException.class, () -> EventFileReader.read(p));
        assertEquals(p.toString(), e.source());
        return e;
    }

    @Test
    void outOfRangeCoordinatesAreRejected() throws IOException {
        MemtileException e = csvFails("0,1,3,4,1,0\n0,1,128,4,1,5\n");
        assertEquals("samples[0].events[1].x", e.field());
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("128"), e.getMessage());
        assertEquals("samples[0].events[0].y", csvFails("0,1,3,-1,1,0\n").field());
        // binary: y = 200
        List<EventStream> s = List.of(stream(0, new int[][] {{0, 200, 1, 0}}));
        Path p = tmp.resolve("bad.mtev");
        Files.write(p, EventFileWriter.binary(s));
        MemtileException b = assertThrows(MemtileException.class, () -> EventFileReader.read(p));
        assertEquals("samples[0].events[0].y", b.field());
    }

    @Test
    void otherViolationsNameTheField() throws IOException {
        assertEquals("samples[0].events[0].polarity", csvFails("0,1,3,4,2,0\n").field());
        assertEquals("samples[0].label", csvFails("0,11,3,4,1,0\n").field());
        assertEquals("samples[0].events[1].t_us", csvFails("0,1,3,4,1,50\n0,1,3,4,1,49\n").field());
        assertEquals("samples[0].label", csvFails("0,1,3,4,1,0\n0,2,3,4,1,1\n").field());
        assertEquals("sample", csvFails("0,1,3,4,1,0\n1,1,3,4,1,0\n0,1,3,4,1,1\n").field());
        assertEquals("x", csvFails("0,1,three,4,1,0\n").field());
        assertEquals(1, EventFileReader.parse("s", "sample,label,x,y,polarity,t_us\n0,1,3,4,-1,0\n"
                .getBytes(StandardCharsets.UTF_8), 11).size(), "-1 polarity accepted as OFF");
        Path p = tmp.resolve("noheader.csv");
        Files.writeString(p, "0,1,3,4,1,0\n");
        assertEquals("header", assertThrows(MemtileException.class, () -> EventFileReader.read(p)).field());
    }

    @Test
    void truncatedBinaryIsRejected() throws IOException {
        byte[] full = EventFileWriter.binary(List.of(stream(1, new int[][] {{1, 1, 1, 0}, {2, 2, 0, 10}})));
        Path p = tmp.resolve("t.mtev");
        Files.write(p, Arrays.copyOf(full, full.length - 5));
        MemtileException e = assertThrows(MemtileException.class, () -> EventFileReader.read(p));
        assertEquals("samples[0].events", e.field());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Files.write(p, Arrays.copyOf(full, full.length + 3));
        assertEquals("data", assertThrows(MemtileException.class, () -> EventFileReader.read(p)).field());
    }

    @Test
    void binningOptionsAreValidated() {
        assertEquals("downsample", assertThrows(MemtileException.class, () -> new EventBinning(4, 3, 0, false)).field());
        assertEquals("steps", assertThrows(MemtileException.class, () -> new EventBinning(0, 4, 0, false)).field());
        assertEquals("clip", assertThrows(MemtileException.class, () -> new EventBinning(4, 4, -1, false)).field());
    }
}
