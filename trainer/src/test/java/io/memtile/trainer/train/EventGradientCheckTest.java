package io.memtile.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.datasets.Dataset;
import io.memtile.datasets.events.SparseFrames;
import io.memtile.trainer.engine.Bptt;
import io.memtile.trainer.engine.LaneBptt;
import io.memtile.trainer.engine.Network;
import io.memtile.trainer.engine.Parallel;
import io.memtile.trainer.engine.TestModels;
import io.memtile.trainer.model.NetworkConfig;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Time-varying (binned event) input: the trainer's sparse per-bin drive and its gradient against the
 * dense reference {@link Bptt#forward(double[][], int, double[][][])} and central finite differences.
 */
class EventGradientCheckTest {
    static final int[] LAYERS = {20, 8, 3};
    static final int BINS = 5;

    /** n samples of BINS sparse frames over 20 channels; counts 1..2 with clip 2; class k favours block k. */
    static Dataset events(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        SparseFrames.Builder fb = new SparseFrames.Builder(BINS, LAYERS[0], 2);
        int[] y = new int[n];
        for (int s = 0; s < n; s++) {
            y[s] = r.nextInt(3);
            for (int k = 0; k < BINS; k++) {
                for (int c = 0; c < LAYERS[0]; c++) {
                    boolean favoured = c / 7 == y[s];
                    if (r.nextDouble() < (favoured ? 0.6 : 0.2)) fb.add(k, c);
                    if (r.nextDouble() < 0.2) fb.add(k, c);
                }
            }
            fb.endSample();
        }
        SparseFrames f = fb.build();
        float[] mean = new float[n * LAYERS[0]];
        for (int s = 0; s < n; s++) f.meanInto(s, mean, s * LAYERS[0]);
        return new Dataset("synthetic-events", mean, y, LAYERS[0], 3, "none", f);
    }

    static double[][] dense(SparseFrames f, int s) {
        double[][] x = new double[f.bins()][f.channels()];
        for (int k = 0; k < f.bins(); k++) f.frame(s, k, x[k]);
        return x;
    }

    static double loss(Network net, double[][][] w, Dataset d) {
        Bptt ws = new Bptt(net);
        double sum = 0;
        for (int i = 0; i < d.size(); i++) sum += ws.forward(dense(d.frames(), i), d.label(i), w);
        return sum / d.size();
    }

    static Network net() {
        NetworkConfig c = TestModels.config(LAYERS, "EXPONENTIAL", 0.5, new double[] {4, 2}, 1e-2, 200, 1e-5, 50);
        return new Network(c, TestModels.paper());
    }

    @Test
    void binnedGradientMatchesFiniteDifferences() {
        Network net = net();
        double[][][] w = TestModels.randomWeights(LAYERS, 0.6, 7);
        Dataset d = events(3, 11);
        int[] order = {0, 1, 2};
        double[][][] g = Adam.zerosLike(w);
        try (Parallel par = new Parallel(2)) {
            new BatchGradient(net, par).compute(w, d, order, 0, 3, g);
        }
        SplittableRandom r = new SplittableRandom(5);
        double h = 1e-5, worst = 0;
        for (int l = 0; l < w.length; l++) {
            double fdMax = 0;
            double[] fd = new double[30], an = new double[30];
            for (int k = 0; k < 30; k++) {
                int j = r.nextInt(w[l].length), i = r.nextInt(w[l][j].length);
                double w0 = w[l][j][i];
                w[l][j][i] = w0 + h;
                double lp = loss(net, w, d);
                w[l][j][i] = w0 - h;
                double lm = loss(net, w, d);
                w[l][j][i] = w0;
                fd[k] = (lp - lm) / (2 * h);
                an[k] = g[l][j][i];
                fdMax = Math.max(fdMax, Math.abs(fd[k]));
            }
            assertTrue(fdMax > 0, "layer " + l + " dead");
            for (int k = 0; k < 30; k++) {
                double den = Math.max(Math.max(Math.abs(fd[k]), Math.abs(an[k])), 1e-3 * fdMax);
                worst = Math.max(worst, Math.abs(an[k] - fd[k]) / den);
            }
        }
        System.out.printf("event-input gradient check: max relative error %.3e%n", worst);
        assertTrue(worst < 1e-3, "relative error " + worst);
    }

    @Test
    void laneEngineMatchesTheDenseReferenceAndBinsMatter() {
        Network net = net();
        double[][][] w = TestModels.randomWeights(LAYERS, 0.6, 3);
        Dataset d = events(5, 12);
        LaneBptt ws = net.laneWorkspace();
        Bptt ref = new Bptt(net);
        int lanes = ws.lanes();
        for (int s0 = 0; s0 < d.size(); s0 += lanes) {
            int cnt = Math.min(lanes, d.size() - s0);
            int[] y = new int[lanes];
            for (int b = 0; b < cnt; b++) {
                ws.setFrames(b, d.frames(), s0 + b);
                y[b] = d.label(s0 + b);
            }
            ws.load(cnt, y);
            ws.forward(w, true);
            assertEquals(BINS, ws.bins());
            for (int b = 0; b < cnt; b++) {
                double expect = ref.forward(dense(d.frames(), s0 + b), y[b], w);
                assertEquals(expect, ws.loss(b), 1e-9 * Math.abs(expect), "sample " + (s0 + b));
                // the time-averaged (static) input is a different map: time variation is really seen
                double[] mean = new double[LAYERS[0]];
                d.sample(s0 + b, mean);
                double stat = ref.forward(mean, y[b], w);
                assertTrue(Math.abs(stat - expect) > 1e-6 * Math.abs(expect), "binned input behaves like its mean");
            }
        }
    }

    @Test
    void constantFramesEqualStaticInput() {
        Network net = net();
        double[][][] w = TestModels.randomWeights(LAYERS, 0.6, 4);
        double[] p = new double[LAYERS[0]];
        for (int i = 0; i < p.length; i++) p[i] = (i % 3) * 0.5;
        double[][] frames = new double[BINS][];
        for (int k = 0; k < BINS; k++) frames[k] = p.clone();
        Bptt ref = new Bptt(net);
        double a = ref.forward(p, 1, w);
        double b = ref.forward(frames, 1, w);
        assertEquals(a, b, 0.0);
    }
}
