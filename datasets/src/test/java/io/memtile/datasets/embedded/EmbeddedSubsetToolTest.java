package io.memtile.datasets.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.memtile.core.MemtileException;
import io.memtile.datasets.Dataset;
import io.memtile.datasets.idx.IdxReader;
import org.junit.jupiter.api.Test;

class EmbeddedSubsetToolTest {
    /** Sample i has the single feature i/10, so the chosen indices can be read back from the features. */
    private static Dataset synthetic(int[] labels, int classes) {
        float[] f = new float[labels.length];
        for (int i = 0; i < f.length; i++) f[i] = i / 10f;
        return new Dataset("s", f, labels, 1, classes, "x");
    }

    @Test
    void takesFirstPerClassInFileOrder() {
        Dataset d = synthetic(new int[] {2, 0, 0, 1, 2, 0, 1, 2, 1}, 3);
        Dataset s = EmbeddedSubsetTool.balancedSubset(d, 2);
        assertArrayEquals(new int[] {2, 0, 0, 1, 2, 1}, s.labels());
        assertArrayEquals(new float[] {0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.6f}, s.features());
        assertArrayEquals(new int[] {2, 2, 2}, EmbeddedSubsetTool.classCounts(s));
    }

    @Test
    void rejectsClassWithTooFewSamples() {
        Dataset d = synthetic(new int[] {0, 0, 1}, 3);
        MemtileException e = assertThrows(MemtileException.class, () -> EmbeddedSubsetTool.balancedSubset(d, 1));
        assertEquals("labels", e.field());
    }

    @Test
    void encodedSubsetRoundTrips() {
        float[] f = new float[2 * 4];
        for (int i = 0; i < f.length; i++) f[i] = (i * 31 % 256) / 255f;
        Dataset d = new Dataset("s", f, new int[] {4, 1}, 4, 10, "x");
        byte[][] files = EmbeddedSubsetTool.encode(d, 2, 2);
        Dataset back = IdxReader.assemble("b", "i", IdxReader.decode("i", files[0]), "l",
                IdxReader.decode("l", files[1]), 10);
        assertArrayEquals(d.features(), back.features());
        assertArrayEquals(d.labels(), back.labels());
    }
}
