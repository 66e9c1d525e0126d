package io.memtile.physics.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WordLineDriverTest {
    private final WordLineDriver d = new WordLineDriver(0.0, 0.2);

    @Test
    void followsBetweenTheRailsAndSaturatesOutside() {
        assertEquals(0.0, d.apply(-0.35));
        assertEquals(0.0, d.apply(0.0));
        assertEquals(0.123, d.apply(0.123));
        assertEquals(0.2, d.apply(0.2));
        assertEquals(0.2, d.apply(0.9));
        assertEquals(0.05f, d.apply(0.05f));
        assertEquals(0.2f, d.apply(3f));
    }

    @Test
    void adjointIsTheDerivativeOfTheClampAwayFromTheRails() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 200;
        double[] v = new double[n], g = new double[n], acc = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = -0.5 + r.nextDouble();
            g[k] = r.nextDouble() - 0.5;
            acc[k] = 1.0;
        }
        d.addAdjoint(v, g, acc, n);
        double h = 1e-7;
        for (int k = 0; k < n; k++) {
            double fd = (d.apply(v[k] + h) - d.apply(v[k] - h)) / (2 * h);
            assertEquals(1.0 + fd * g[k], acc[k], 1e-6, "element " + k + " at V = " + v[k]);
        }
        float[] vf = new float[n], gf = new float[n], accf = new float[n];
        for (int k = 0; k < n; k++) {
            vf[k] = (float) v[k];
            gf[k] = (float) g[k];
        }
        d.addAdjoint(vf, gf, accf, n);
        for (int k = 0; k < n; k++) assertEquals(d.follows(vf[k]) ? gf[k] : 0f, accf[k]);
    }

    @Test
    void arrayFormsMatchTheScalarForm() {
        double[] v = {-1, -0.01, 0, 0.01, 0.19, 0.2, 0.21, Double.NaN};
        double[] out = new double[v.length];
        d.apply(v, out, v.length);
        for (int k = 0; k < v.length - 1; k++) assertEquals(d.apply(v[k]), out[k]);
        float[] vf = {-1f, 0.1f, 0.5f};
        float[] of = new float[3];
        d.apply(vf, of, 3);
        assertArrayEquals(new float[] {0f, 0.1f, 0.2f}, of);
    }

    @Test
    void noRangeMeansNoDriverAndBadRailsAreRefused() {
        assertNull(WordLineDriver.of(null));
        assertEquals(d, WordLineDriver.of(new double[] {0, 0.2}));
        assertThrows(IllegalArgumentException.class, () -> new WordLineDriver(0.2, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new WordLineDriver(Double.NaN, 0.2));
    }
}
