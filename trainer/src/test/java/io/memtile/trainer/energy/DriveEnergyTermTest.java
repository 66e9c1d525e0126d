package io.memtile.trainer.energy;

import static io.memtile.trainer.activity.ActivityTermTest.objective;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.datasets.Dataset;
import io.memtile.trainer.activity.ActivityTarget;
import io.memtile.trainer.engine.LaneEngine;
import io.memtile.trainer.engine.Network;
import io.memtile.trainer.engine.Parallel;
import io.memtile.trainer.engine.Precision;
import io.memtile.trainer.engine.TestModels;
import io.memtile.trainer.model.NetworkConfig;
import io.memtile.trainer.train.Adam;
import io.memtile.trainer.train.BatchGradient;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The drive-energy term: its value is μ times the mean square hidden word-line voltage computed independently from the
 * engine's voltages, and the gradient of the objective with it matches central finite differences, with and without a
 * word-line driver, through two hidden layers; the float32 engine gives the same gradient to float accuracy.
 */
class DriveEnergyTermTest {
    static final int[] LAYERS = {20, 8, 6, 3};
    static final double MU = 3e4;

    static NetworkConfig config(boolean driver, double[][][] w, Dataset d) {
        NetworkConfig c = TestModels.config(LAYERS, "EXPONENTIAL", 0.1, new double[] {1, 2, 4}, 1e-2, 200, 1e-5, 50);
        if (!driver) return c;
        // rails inside the first hidden layer's spread without a driver (30th/70th percentile), off the values it takes
        return c.withDriveRange(io.memtile.trainer.train.GradientCheckTest.railsWithin(
                io.memtile.trainer.train.GradientCheckTest.hiddenVoltages(new Network(c, TestModels.paper()), w, d, 0)));
    }

    @ParameterizedTest(name = "driver {0}")
    @ValueSource(booleans = {false, true})
    void valueIsTheMeanSquareDriveAndTheGradientIsExact(boolean driver) {
        double[][][] w = TestModels.randomWeights(LAYERS, 0.6, 7);
        Dataset d = TestModels.synthetic(4, 20, 3, 11);
        Network net = new Network(config(driver, w, d), TestModels.paper());
        ActivityTarget a = new ActivityTarget(0, 0, ActivityTarget.DEFAULT_WIDTH_VOLTS, MU);

        // the term's value, recomputed from the engine's voltages (without the term) and the driver
        LaneEngine e = net.laneWorkspace(Precision.FLOAT64);
        double[] p = new double[d.dim()];
        double expect = 0;
        int clipped = 0, all = 0;
        for (int i = 0; i < d.size(); i++) {
            d.sample(i, p);
            e.setInput(0, p);
            e.load(1, new int[] {d.label(i)});
            e.forward(w, false);
            for (int l = 0; l < 2; l++) {
                double s = 0;
                for (int t = 0; t < net.steps; t++) {
                    for (int j = 0; j < LAYERS[l + 1]; j++) {
                        double v = e.voltage(l, t, j, 0), x = net.driver == null ? v : net.driver.apply(v);
                        if (x != v) clipped++;
                        all++;
                        s += x * x;
                    }
                }
                expect += MU * s / (net.steps * LAYERS[l + 1]);
            }
        }
        expect /= d.size();
        if (driver) assertTrue(clipped > all / 10 && clipped < all * 9 / 10, "the rails must bind on part of the steps: " + clipped + " of " + all);
        double with = objective(net, w, d, a), without = objective(net, w, d, null);
        assertEquals(expect, with - without, 1e-9 * with, "term = μ · mean square word-line voltage");

        double[][][] g = Adam.zerosLike(w), g0 = Adam.zerosLike(w), g32 = Adam.zerosLike(w);
        int[] order = {0, 1, 2, 3};
        try (Parallel par = new Parallel(2)) {
            new BatchGradient(net, par, Precision.FLOAT64, a).compute(w, d, order, 0, 4, g);
            new BatchGradient(net, par, Precision.FLOAT64, null).compute(w, d, order, 0, 4, g0);
            new BatchGradient(net, par, Precision.FLOAT32, a).compute(w, d, order, 0, 4, g32);
        }
        SplittableRandom r = new SplittableRandom(5);
        double h = 1e-7, worst = 0, worst32 = 0;
        for (int l = 0; l < w.length; l++) {
            double fdMax = 0, termMax = 0, gMax = 0;
            double[] fd = new double[12], an = new double[12];
            for (int k = 0; k < fd.length; k++) {
                int j = r.nextInt(w[l].length), i = r.nextInt(w[l][j].length);
                fd[k] = io.memtile.trainer.train.CentralDifference.at(ww -> objective(net, ww, d, a), w, l, j, i, h);
                an[k] = g[l][j][i];
                fdMax = Math.max(fdMax, Math.abs(fd[k]));
                termMax = Math.max(termMax, Math.abs(g[l][j][i] - g0[l][j][i]));
            }
            for (double[] row : g[l]) for (double x : row) gMax = Math.max(gMax, Math.abs(x));
            for (int j = 0; j < g[l].length; j++) {
                for (int i = 0; i < g[l][j].length; i++) worst32 = Math.max(worst32, Math.abs(g32[l][j][i] - g[l][j][i]) / gMax);
            }
            assertTrue(fdMax > 0, "layer " + l + ": objective does not depend on the weights");
            if (l < 2) assertTrue(termMax > 0.05 * fdMax, "layer " + l + ": the term does not change the gradient");
            for (int k = 0; k < fd.length; k++) {
                double den = Math.max(Math.max(Math.abs(fd[k]), Math.abs(an[k])), 1e-3 * fdMax);
                worst = Math.max(worst, Math.abs(an[k] - fd[k]) / den);
            }
        }
        System.out.printf("drive-energy term (driver %s): term %.4f, gradient max relative error %.3e, float32 vs float64 %.3e%n",
                driver, expect, worst, worst32);
        assertTrue(worst < 1e-3, "relative error " + worst);
        assertTrue(worst32 < 1e-3, "float32 gradient differs by " + worst32);
    }
}
