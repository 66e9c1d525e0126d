package io.memtile.datasets.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.MemtileException;
import io.memtile.datasets.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path tmp;

    /** 3 images of 2x3 pixels with distinctive values, labels 0, 9, 4. */
    static byte[] pixels() {
        byte[] px = new byte[3 * 6];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 15);
        px[5] = (byte) 255;
        px[6] = (byte) 128;
        return px;
    }

    static byte[] images() { return IdxWriter.images(3, 2, 3, pixels()); }

    static byte[] labels() { return IdxWriter.labels(new int[] {0, 9, 4}); }

    private Path write(String name, byte[] content) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, content);
        return p;
    }

    private MemtileException fails(Path img, Path lab) {
        return assertThrows(MemtileException.class, () -> IdxReader.load("t", img, lab, 10));
    }

    @Test
    void readsPlainFilesScaledToUnitInterval() throws IOException {
        Dataset d = IdxReader.load("t", write("i", images()), write("l", labels()), 10);
        assertEquals(3, d.size());
        assertEquals(6, d.dim());
        assertEquals(10, d.classes());
        assertArrayEquals(new int[] {0, 9, 4}, d.labels());
        byte[] px = pixels();
        for (int i = 0; i < px.length; i++) assertEquals((px[i] & 0xff) / 255f, d.features()[i], 0f, "pixel " + i);
        assertEquals(1f, d.features()[5]);
        assertEquals(128 / 255f, d.features()[6]);
        assertEquals(0f, d.features()[0]);
        // provenance hash = SHA-256(images || labels), as sha256sum would print for `cat images labels`
        byte[] both = new byte[images().length + labels().length];
        System.arraycopy(images(), 0, both, 0, images().length);
        System.arraycopy(labels(), 0, both, images().length, labels().length);
        assertEquals(IdxReader.sha256(both), d.sha256());
        assertEquals(64, d.sha256().length());
    }

    @Test
    void gzipIsDetectedByContentNotName() throws IOException {
        Dataset plain = IdxReader.load("t", write("a", images()), write("b", labels()), 10);
        // gzip data without .gz suffix, and plain data with a .gz suffix: both must read.
        Path gzNoSuffix = write("train-images-idx3-ubyte", IdxWriter.gzip(images()));
        Path plainWithSuffix = write("train-labels-idx1-ubyte.gz", labels());
        Dataset mixed = IdxReader.load("t", gzNoSuffix, plainWithSuffix, 10);
        assertArrayEquals(plain.features(), mixed.features());
        assertArrayEquals(plain.labels(), mixed.labels());
        assertEquals(plain.sha256(), mixed.sha256(), "hash is over uncompressed bytes");
        assertTrue(IdxReader.isGzip(Files.readAllBytes(gzNoSuffix)));
    }

    @Test
    void corruptMagicNamesFileAndField() throws IOException {
        byte[] img = images();
        img[3] = 0x04;
        Path p = write("bad-images", img);
        MemtileException e = fails(p, write("l", labels()));
        assertEquals("header.magic", e.field());
        assertEquals(p.toString(), e.source());
        assertTrue(e.getMessage().contains("0x00000804"), e.getMessage());
    }

    @Test
    void swappedFilesAreReportedAsSwapped() throws IOException {
        MemtileException e = fails(write("l", labels()), write("i", images()));
        assertEquals("header.magic", e.field());
        assertTrue(e.getMessage().contains("swapped"), e.getMessage());
    }

    @Test
    void truncatedImageFileIsRejected() throws IOException {
        byte[] img = Arrays.copyOf(images(), images().length - 1);
        MemtileException e = fails(write("i", img), write("l", labels()));
        assertEquals("data", e.field());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("34"), "expected byte length named: " + e.getMessage());
    }

    @Test
    void oversizedLabelFileIsRejected() throws IOException {
        byte[] lab = Arrays.copyOf(labels(), labels().length + 2);
        Path l = write("l", lab);
        MemtileException e = fails(write("i", images()), l);
        assertEquals("data", e.field());
        assertEquals(l.toString(), e.source());
        assertTrue(e.getMessage().contains("oversized"), e.getMessage());
    }

    @Test
    void truncatedHeaderIsRejected() throws IOException {
        MemtileException e = fails(write("i", Arrays.copyOf(images(), 10)), write("l", labels()));
        assertEquals("header", e.field());
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        Path i = write("i", images());
        Path l = write("l", IdxWriter.labels(new int[] {1, 2}));
        MemtileException e = fails(i, l);
        assertEquals("header.count", e.field());
        assertEquals(l.toString(), e.source());
        assertTrue(e.getMessage().contains(i.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("2 labels") && e.getMessage().contains("3 images"), e.getMessage());
    }

    @Test
    void labelOutsideClassesIsRejectedWithIndex() throws IOException {
        MemtileException e = fails(write("i", images()), write("l", IdxWriter.labels(new int[] {0, 1, 10})));
        assertEquals("data[2]", e.field());
        assertTrue(e.getMessage().contains("label 10"), e.getMessage());
        // the same file is fine when the caller declares 11 classes
        Dataset d = IdxReader.load("t", tmp.resolve("i"), tmp.resolve("l"), 11);
        assertEquals(10, d.label(2));
    }

    @Test
    void zeroRowsIsRejected() throws IOException {
        byte[] img = IdxWriter.images(0, 1, 1, new byte[0]);
        IdxWriter.putInt(img, 8, 0);
        MemtileException e = fails(write("i", img), write("l", IdxWriter.labels(new int[0])));
        assertEquals("header.rows", e.field());
    }

    @Test
    void truncatedGzipIsRejected() throws IOException {
        byte[] gz = IdxWriter.gzip(images());
        MemtileException e = fails(write("i.gz", Arrays.copyOf(gz, gz.length - 12)), write("l", labels()));
        assertEquals("data", e.field());
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void missingFileIsAMemtileException() {
        MemtileException e = fails(tmp.resolve("nope"), tmp.resolve("nope2"));
        assertEquals(tmp.resolve("nope").toString(), e.source());
    }

    @Test
    void writerRoundTripsReaderFeatures() {
        float[] f = IdxReader.parseImages("x", images()).features();
        assertArrayEquals(pixels(), IdxWriter.toBytes(f, 0, f.length));
    }
}
