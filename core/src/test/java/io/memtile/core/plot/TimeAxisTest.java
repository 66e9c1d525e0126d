package io.memtile.core.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The membrane/raster time axis: round ms steps and at most about ten labels. */
class TimeAxisTest {
    @Test
    void timeAxisStepsAreRoundAndFew() {
        assertEquals(1.0, TimeAxis.stepMs(10), 1e-12);
        assertEquals(0.2, TimeAxis.stepMs(2), 1e-12);
        assertEquals(0.5, TimeAxis.stepMs(3.5), 1e-12);
        assertEquals(5.0, TimeAxis.stepMs(40), 1e-12);
        for (double span : new double[] {0.3, 1, 2.5, 7, 10, 64, 640}) {
            double step = TimeAxis.stepMs(span);
            assertTrue(span / step <= 10 + 1e-9 && span / step > 2, span + " ms -> step " + step);
        }
    }

    @Test
    void onlyMultiplesOfTheStepAreLabelled() {
        // XChart offers a tick at every sample (every 0.01 ms); the labels that survive are the round ones
        List<String> labels = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            String s = TimeAxis.label(i * 0.01, 1.0);
            if (!s.isEmpty()) labels.add(s);
        }
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), labels);
        assertEquals("0.6", TimeAxis.label(0.6000000000000001, 0.2));
        assertEquals("", TimeAxis.label(0.35, 0.2));
    }
}
