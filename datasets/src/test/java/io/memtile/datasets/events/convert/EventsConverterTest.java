package io.memtile.datasets.events.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.json.Json;
import io.memtile.datasets.Dataset;
import io.memtile.datasets.Datasets;
import io.memtile.datasets.Split;
import io.memtile.datasets.events.EventStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsConverterTest {
    @TempDir
    Path dir;

    static SaccadeParams params(long seed, double noiseHz) {
        SaccadeParams d = SaccadeParams.defaults(seed);
        return new SaccadeParams(d.schemaVersion(), "", "", seed, d.threshold(), d.thresholdMismatch(), d.refractoryUs(), noiseHz,
                d.saccadeUs(), d.amplitudePx(), d.subSteps(), d.logEps(), 0, 0, 0);
    }

    @Test
    void seededRefractoryAndEdgeDriven() {
        Dataset img = Datasets.load("embedded:mnist", Split.TEST).head(3);
        SaccadeSimulator a = new SaccadeSimulator(params(7, 0));
        EventStream e1 = a.simulate(img.features(), 0, img.label(0), 0);
        EventStream e2 = new SaccadeSimulator(params(7, 0)).simulate(img.features(), 0, img.label(0), 0);
        EventStream e3 = new SaccadeSimulator(params(8, 0)).simulate(img.features(), 0, img.label(0), 0);
        assertArrayEquals(e1.tUs(), e2.tUs());
        assertArrayEquals(e1.x(), e2.x());
        assertFalse(java.util.Arrays.equals(e1.tUs(), e3.tUs()), "the seed must matter");
        assertTrue(e1.size() > 1000 && e1.size() < 20_000, "events per digit " + e1.size());
        // time order, inside the three saccades, both polarities, refractory period between a pixel's events
        long[] last = new long[34 * 34];
        java.util.Arrays.fill(last, Long.MIN_VALUE / 2);
        int on = 0;
        for (int k = 0; k < e1.size(); k++) {
            if (k > 0) assertTrue(e1.tUs()[k] >= e1.tUs()[k - 1]);
            assertTrue(e1.tUs()[k] < 300_000);
            int px = e1.y()[k] * 34 + e1.x()[k];
            assertTrue(e1.tUs()[k] - last[px] >= 2000 - 1, "refractory violated at pixel " + px);
            last[px] = e1.tUs()[k];
            on += e1.polarity()[k];
        }
        assertTrue(on > e1.size() / 5 && on < 4 * e1.size() / 5, "ON share " + on + "/" + e1.size());
        // a blank image yields no events without noise, and only noise events with it (~ rate x pixels x 2 x 0.3 s)
        float[] blank = new float[784];
        assertEquals(0, a.simulate(blank, 0, 0, 1).size());
        int noise = new SaccadeSimulator(params(7, 10)).simulate(blank, 0, 0, 1).size();
        double expect = 10 * 34 * 34 * 2 * 0.3;
        assertTrue(Math.abs(noise - expect) < 5 * Math.sqrt(expect), "noise events " + noise + " vs " + expect);
    }

    @Test
    void convertedDirectoryReadsBackAsNmnist() {
        Dataset train = Datasets.load("embedded:mnist", Split.TRAIN).head(12);
        Dataset test = Datasets.load("embedded:mnist", Split.TEST).head(5);
        Path out = dir.resolve("ev");
        SaccadeParams rec = EventsConverter.convert(train, test, "embedded:mnist", params(3, 0.5), out, null);
        Dataset back = Datasets.load("nmnist:" + out, Split.TRAIN);
        assertArrayEquals(train.labels(), back.labels());
        assertEquals(5, Datasets.load("nmnist:" + out, Split.TEST).size());
        SaccadeParams read = Json.read(out.resolve(EventsConverter.RECORD), SaccadeParams.class);
        assertEquals(3, read.seed());
        assertEquals(rec.meanEventsPerSample(), read.meanEventsPerSample());
        assertEquals(12, read.trainSamples());
    }
}
