package io.memtile.trainer.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.datasets.Dataset;
import io.memtile.trainer.engine.LaneEngine;
import io.memtile.trainer.engine.Network;
import io.memtile.trainer.engine.Parallel;
import io.memtile.trainer.engine.Precision;
import io.memtile.trainer.engine.TestModels;
import io.memtile.trainer.train.Adam;
import io.memtile.trainer.train.BatchGradient;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The activity term in the float32 engine ({@link FloatActivityTerm} in FloatLaneBptt): its gradient
 * against central finite differences of the objective (the float64 map that float32 rounds; a float
 * objective's own differences would be rounding noise at any useful step), its agreement with the
 * float64 term (value, smooth count, whole gradient), and bit-identity across threads and SIMD/scalar.
 */
class FloatActivityTermTest {
    /** Two hidden layers (the term reaches a deeper weight layer too), currents of 0.1-0.5 mA: ActivityTermTest's network. */
    static final int[] LAYERS = {20, 8, 6, 3};
    /**
     * Tolerance of the float32 gradient, |g32 - g| / max(|g32|, |g|, 1e-3 max|g|), as FloatEngineTest's
     * (float eps 6e-8, accumulated over 200 forward and reverse steps).
     */
    static final double TOLERANCE = 5e-4;
    /**
     * Tolerance of the float32 gradient against the float64 one, measured against the largest entry.
     * This test's network spikes, and float rounding of the state is amplified across spikes: without
     * the term the entry-wise measure is already 7.5e-4 here. The term adds the non-smooth part: where
     * a membrane sits on a plateau, rounding decides whether successive σ rise or fall, and each such
     * step carries the full adjoint c σ(1 - σ)/κ. Measured 1.6e-4 of the largest entry.
     */
    static final double OF_LARGEST_TOLERANCE = 1e-3;

    static Network net(boolean simd) {
        return new Network(TestModels.config(LAYERS, "EXPONENTIAL", 0.1, new double[] {1, 2, 4}, 1e-2, 200, 1e-5, 50),
                TestModels.paper(), simd);
    }

    /** Mean objective (readout loss + activity term) over the dataset, in precision p; smooth counts (layer 0) into {@code counts}. */
    static double objective(Network net, Precision p, double[][][] w, Dataset d, ActivityTarget a, double[] counts) {
        LaneEngine ws = net.laneWorkspace(p);
        ws.activity(a);
        double[] x = new double[d.dim()];
        double s = 0;
        for (int from = 0; from < d.size(); from += ws.lanes()) {
            int cnt = Math.min(ws.lanes(), d.size() - from);
            int[] y = new int[ws.lanes()];
            for (int b = 0; b < cnt; b++) {
                d.sample(from + b, x);
                ws.setInput(b, x);
                y[b] = d.label(from + b);
            }
            ws.load(cnt, y);
            ws.forward(w, true);
            for (int b = 0; b < cnt; b++) {
                s += ws.loss(b);
                if (counts != null) for (int l = 0; l < 2; l++) counts[(from + b) * 2 + l] = ws.smoothCount(l, b);
            }
        }
        return s / d.size();
    }

    static double[][][] grad(Network net, Precision p, double[][][] w, Dataset d, ActivityTarget a, int threads) {
        int[] order = new int[d.size()];
        for (int i = 0; i < order.length; i++) order[i] = order.length - 1 - i;
        double[][][] g = Adam.zerosLike(w);
        try (Parallel par = new Parallel(threads)) {
            new BatchGradient(net, par, p, a).compute(w, d, order, 0, order.length, g);
        }
        return g;
    }

    @Test
    void float32GradientWithTheTermMatchesFiniteDifferences() {
        Network net = net(true);
        double[][][] w = TestModels.randomWeights(LAYERS, 0.6, 7);
        Dataset d = TestModels.synthetic(4, 20, 3, 11);
        // target far from the actual count, and a weight that makes the term dominate the readout loss
        ActivityTarget a = ActivityTarget.of(0.0, 1e5);
        double[] counts = new double[8];
        objective(net, Precision.FLOAT32, w, d, a, counts);
        assertTrue(counts[0] > 0.05, "hidden neurons must cross V_on for the test to mean anything, smooth count " + counts[0]);
        double[][][] g = grad(net, Precision.FLOAT32, w, d, a, 2), g0 = grad(net, Precision.FLOAT32, w, d, null, 2);
        SplittableRandom r = new SplittableRandom(5);
        double h = 1e-6, worst = 0;
        for (int l = 0; l < w.length; l++) {
            double fdMax = 0, termMax = 0;
            double[] fd = new double[12], an = new double[12];
            for (int k = 0; k < fd.length; k++) {
                int j = r.nextInt(w[l].length), i = r.nextInt(w[l][j].length);
                double w0 = w[l][j][i];
                w[l][j][i] = w0 + h;
                double lp = objective(net, Precision.FLOAT64, w, d, a, null);
                w[l][j][i] = w0 - h;
                double lm = objective(net, Precision.FLOAT64, w, d, a, null);
                w[l][j][i] = w0;
                fd[k] = (lp - lm) / (2 * h);
                an[k] = g[l][j][i];
                fdMax = Math.max(fdMax, Math.abs(fd[k]));
                termMax = Math.max(termMax, Math.abs(g[l][j][i] - g0[l][j][i]));
            }
            assertTrue(fdMax > 0, "layer " + l + ": objective does not depend on the weights");
            if (l < 2) assertTrue(termMax > 0.1 * fdMax, "layer " + l + ": the term does not change the float32 gradient");
            for (int k = 0; k < fd.length; k++) {
                double den = Math.max(Math.max(Math.abs(fd[k]), Math.abs(an[k])), 1e-3 * fdMax);
                worst = Math.max(worst, Math.abs(an[k] - fd[k]) / den);
            }
        }
        System.out.printf("float32 activity term gradient vs central differences: max relative error %.3e%n", worst);
        assertTrue(worst < TOLERANCE, "relative error " + worst);
    }

    @Test
    void float32TermAgreesWithTheFloat64Term() {
        Network net = net(true);
        double[][][] w = TestModels.randomWeights(LAYERS, 0.6, 3);
        Dataset d = TestModels.synthetic(19, 20, 3, 12); // a full float group of 16 and a partial one
        ActivityTarget a = ActivityTarget.of(0.3, 1e5);
        double[] c32 = new double[2 * d.size()], c64 = new double[2 * d.size()];
        double o32 = objective(net, Precision.FLOAT32, w, d, a, c32), o64 = objective(net, Precision.FLOAT64, w, d, a, c64);
        double wc = 0, maxC = 0;
        for (int i = 0; i < c32.length; i++) {
            wc = Math.max(wc, Math.abs(c32[i] - c64[i]));
            maxC = Math.max(maxC, c64[i]);
        }
        assertTrue(maxC > 0.05, "needs action potentials, smooth count " + maxC);
        double[][][] g32 = grad(net, Precision.FLOAT32, w, d, a, 1), g64 = grad(net, Precision.FLOAT64, w, d, a, 1);
        double err = ofLargest(g32, g64);
        System.out.printf("float32 vs float64 activity term: objective %.3e relative, smooth count %.2e of %.3f; gradient %.3e of the "
                + "largest entry, %.3e entry-wise (without the term: %.3e entry-wise)%n", Math.abs(o32 - o64) / Math.abs(o64), wc, maxC, err,
                relativeError(g32, g64), relativeError(grad(net, Precision.FLOAT32, w, d, null, 1), grad(net, Precision.FLOAT64, w, d, null, 1)));
        assertEquals(o64, o32, 1e-5 * Math.abs(o64));
        assertTrue(wc < 1e-5 * Math.max(1, maxC), "smooth count differs by " + wc);
        assertTrue(err < OF_LARGEST_TOLERANCE, "gradient error " + err + " of the largest entry");
        assertTrue(err > 0, "the float32 path did not run in float");
    }

    @Test
    void bitIdenticalAcrossThreadsAndSimd() {
        double[][][] w = TestModels.randomWeights(LAYERS, 0.6, 3);
        Dataset d = TestModels.synthetic(19, 20, 3, 13);
        ActivityTarget a = ActivityTarget.of(0.3, 1e5);
        double[][][] ref = grad(net(true), Precision.FLOAT32, w, d, a, 1);
        assertBits(ref, grad(net(true), Precision.FLOAT32, w, d, a, 3));
        assertBits(ref, grad(net(false), Precision.FLOAT32, w, d, a, 2));
    }

    @Test
    void zeroWeightLeavesTheFloat32LossBitIdentical() {
        Network net = net(true);
        double[][][] w = TestModels.randomWeights(LAYERS, 0.6, 7);
        Dataset d = TestModels.synthetic(4, 20, 3, 11);
        assertEquals(objective(net, Precision.FLOAT32, w, d, null, null), objective(net, Precision.FLOAT32, w, d, ActivityTarget.of(0.3, 0), null), 0.0);
    }

    /** FloatEngineTest's measure: max over entries of |a - ref| / max(|a|, |ref|, 1e-3 max|ref|). */
    static double relativeError(double[][][] a, double[][][] ref) {
        double max = 0;
        for (double[][] l : ref) for (double[] r : l) for (double x : r) max = Math.max(max, Math.abs(x));
        double worst = 0;
        for (int l = 0; l < a.length; l++) for (int j = 0; j < a[l].length; j++) for (int i = 0; i < a[l][j].length; i++) {
            double x = a[l][j][i], y = ref[l][j][i];
            worst = Math.max(worst, Math.abs(x - y) / Math.max(Math.max(Math.abs(x), Math.abs(y)), 1e-3 * max));
        }
        return worst;
    }

    static void assertBits(double[][][] a, double[][][] b) {
        for (int l = 0; l < a.length; l++) for (int j = 0; j < a[l].length; j++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(a[l][j], b[l][j], 0.0, "layer " + l + " row " + j);
        }
    }

    /** max |a - ref| / max |ref| over every entry. */
    static double ofLargest(double[][][] a, double[][][] ref) {
        double max = 0, diff = 0;
        for (int l = 0; l < a.length; l++) for (int j = 0; j < a[l].length; j++) for (int i = 0; i < a[l][j].length; i++) {
            max = Math.max(max, Math.abs(ref[l][j][i]));
            diff = Math.max(diff, Math.abs(a[l][j][i] - ref[l][j][i]));
        }
        return diff / max;
    }
}
