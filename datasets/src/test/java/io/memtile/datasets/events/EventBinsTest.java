package io.memtile.datasets.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.MemtileException;
import io.memtile.datasets.Dataset;
import io.memtile.datasets.Datasets;
import io.memtile.datasets.Split;
import org.junit.jupiter.api.Test;

/** {@code --bins K}: 1 ≤ K ≤ steps, event datasets only, and the frames really are K per sample. */
class EventBinsTest {
    @Test
    void boundsAreChecked() {
        assertEquals(1, EventBins.check(1, 1));
        assertEquals(1000, EventBins.check(1000, 1000));
        assertTrue(assertThrows(MemtileException.class, () -> EventBins.check(0)).getMessage().contains("must be >= 1"));
        assertTrue(assertThrows(MemtileException.class, () -> EventBins.check(-3, 100)).getMessage().contains("must be >= 1"));
        assertTrue(assertThrows(MemtileException.class, () -> EventBins.check(101, 100)).getMessage().contains("100 steps"));
    }

    @Test
    void eventDataAreBinnedIntoKFramesWithTheSameEvents() {
        Dataset ten = Datasets.load("embedded:nmnist", Split.TEST);
        Dataset three = Datasets.load("embedded:nmnist", Split.TEST, 3);
        assertEquals(10, ten.frames().bins());
        assertEquals(3, three.frames().bins());
        assertTrue(three.name().contains("[3 bins, clip 2]"), three.name());
        // coarser bins merge frames: every channel active in some frame of 10 is active in some frame of 3
        double[] f = new double[ten.dim()];
        boolean[] a10 = new boolean[ten.dim()], a3 = new boolean[ten.dim()];
        for (int k = 0; k < 10; k++) {
            ten.frames().frame(0, k, f);
            for (int c = 0; c < f.length; c++) a10[c] |= f[c] > 0;
        }
        for (int k = 0; k < 3; k++) {
            three.frames().frame(0, k, f);
            for (int c = 0; c < f.length; c++) a3[c] |= f[c] > 0;
        }
        assertTrue(java.util.Arrays.equals(a10, a3), "the same pixels fire, only the framing differs");
        assertTrue(Datasets.isEventSpec("nmnist:/x") && Datasets.isEventSpec("dvs-gesture:/x") && !Datasets.isEventSpec("mnist"));
    }

    @Test
    void staticImagesRejectBins() {
        MemtileException e = assertThrows(MemtileException.class, () -> Datasets.load("embedded:mnist", Split.TEST, 5));
        assertTrue(e.getMessage().contains("applies to event datasets"), e.getMessage());
        assertEquals(500, Datasets.load("embedded:mnist", Split.TEST, null).size());
    }
}
