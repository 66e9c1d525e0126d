package io.memtile.trainer.train;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.datasets.Dataset;
import io.memtile.trainer.engine.Bptt;
import io.memtile.trainer.engine.Network;
import io.memtile.trainer.engine.Parallel;
import io.memtile.trainer.engine.TestModels;
import io.memtile.trainer.model.NetworkConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The batch-lane engine (BatchGradient over LaneBptt): the same gradient whatever the thread count,
 * SIMD or scalar (bit for bit), with a batch that leaves a partial lane group; and the same loss and
 * gradient as the per-sample reference engine (Bptt with MifKernel) to rounding.
 */
class LaneEngineTest {
    static final int[] LAYERS = {20, 8, 3};

    private static double[][][] grad(Network net, double[][][] w, Dataset d, int threads) {
        int[] order = new int[d.size()];
        for (int i = 0; i < order.length; i++) order[i] = order.length - 1 - i;
        double[][][] g = Adam.zerosLike(w);
        try (Parallel par = new Parallel(threads)) {
            BatchGradient.Stats s = new BatchGradient(net, par).compute(w, d, order, 0, order.length, g);
            assertTrue(Double.isFinite(s.meanLoss()));
        }
        return g;
    }

    /** A one-sample lane group (the layout for networks too large for 8 lanes) computes the same bits per sample. */
    @org.junit.jupiter.api.Test
    void singleLaneGroupsGiveTheSameBits() {
        NetworkConfig c = TestModels.config(LAYERS, "EXPONENTIAL", 0.5, new double[] {4, 2}, 1e-2, 200, 1e-5, 50);
        double[][][] w = TestModels.randomWeights(LAYERS, 0.6, 7);
        Dataset d = TestModels.synthetic(5, 20, 3, 11);
        Network net = new Network(c, TestModels.paper(), true);
        io.memtile.trainer.engine.LaneBptt group = net.laneWorkspace();
        io.memtile.trainer.engine.LaneBptt one = new io.memtile.trainer.engine.LaneBptt(net, net.laneKernel,
                io.memtile.physics.mif.lanes.LaneOps.scalar(), 1);
        double[] p = new double[d.dim()];
        int[] y = new int[group.lanes()];
        for (int s = 0; s < d.size(); s++) {
            d.sample(s, p);
            group.setInput(s, p);
            y[s] = d.label(s);
        }
        group.load(d.size(), y);
        group.forward(w, true);
        group.backward(w, 0.25);
        for (int s = 0; s < d.size(); s++) {
            d.sample(s, p);
            one.setInput(0, p);
            one.load(1, new int[] {d.label(s)});
            one.forward(w, true);
            one.backward(w, 0.25);
            assertEquals(group.loss(s), one.loss(0), 0.0, "loss of sample " + s);
            assertEquals(group.predict(s), one.predict(0));
            for (int j = 0; j < LAYERS[1]; j++) assertEquals(group.inputGradient(j, s), one.inputGradient(j, 0), 0.0);
            double[][] gg = group.laneGradient(1), go = one.laneGradient(1);
            for (int j = 0; j < LAYERS[2]; j++) {
                for (int i = 0; i < LAYERS[1]; i++) assertEquals(gg[j][i * group.lanes() + s], go[j][i], 0.0);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"EXPONENTIAL", "SEMI_IMPLICIT"})
    void bitIdenticalAcrossThreadsAndSimdAndCloseToTheReference(String integrator) {
        check(TestModels.config(LAYERS, integrator, 0.5, new double[] {4, 2}, 1e-2, 200, 1e-5, 50), integrator);
    }

    /** The same with the hidden layer behind a word-line driver whose rails bind (GradientCheckTest picks such rails). */
    @org.junit.jupiter.api.Test
    void withAWordLineDriverToo() {
        NetworkConfig direct = TestModels.config(LAYERS, "EXPONENTIAL", 0.5, new double[] {4, 2}, 1e-2, 200, 1e-5, 50);
        double[] v = GradientCheckTest.hiddenVoltages(new Network(direct, TestModels.paper()), TestModels.randomWeights(LAYERS, 0.6, 7),
                TestModels.synthetic(11, 20, 3, 11), 0);
        check(direct.withDriveRange(GradientCheckTest.railsWithin(v)), "EXPONENTIAL with driver");
    }

    private static void check(NetworkConfig c, String integrator) {
        double[][][] w = TestModels.randomWeights(LAYERS, 0.6, 7);
        Dataset d = TestModels.synthetic(11, 20, 3, 11); // 11 samples: one full group of 8 and a partial one
        Network simd = new Network(c, TestModels.paper(), true), scalar = new Network(c, TestModels.paper(), false);
        double[][][] g1 = grad(simd, w, d, 1), g2 = grad(simd, w, d, 2), g3 = grad(simd, w, d, 3), gs = grad(scalar, w, d, 2);
        for (int l = 0; l < w.length; l++) {
            for (int j = 0; j < w[l].length; j++) {
                assertArrayEquals(g1[l][j], g2[l][j], 0.0, "threads 1 vs 2, layer " + l);
                assertArrayEquals(g1[l][j], g3[l][j], 0.0, "threads 1 vs 3, layer " + l);
                assertArrayEquals(g1[l][j], gs[l][j], 0.0, "SIMD vs scalar, layer " + l);
            }
        }
        // reference: per-sample Bptt over MifKernel (Math.exp, its own operation order)
        double[][][] ref = Adam.zerosLike(w);
        Bptt ws = new Bptt(new Network(c, TestModels.paper()));
        double[] p = new double[d.dim()];
        double[] gu = new double[LAYERS[1]];
        double[][][] gDeep = Adam.zerosLike(w);
        for (int s = d.size() - 1; s >= 0; s--) {
            d.sample(s, p);
            java.util.Arrays.fill(gu, 0);
            ws.forward(p, d.label(s), w);
            ws.backward(d.label(s), w, 1.0 / d.size(), gu, gDeep);
            for (int j = 0; j < gu.length; j++) for (int i = 0; i < p.length; i++) ref[0][j][i] += gu[j] * p[i];
        }
        for (int j = 0; j < ref[1].length; j++) ref[1][j] = gDeep[1][j].clone();
        double worst = 0;
        for (int l = 0; l < w.length; l++) {
            double scale = 0;
            for (double[] row : ref[l]) for (double x : row) scale = Math.max(scale, Math.abs(x));
            assertTrue(scale > 0);
            for (int j = 0; j < w[l].length; j++) {
                for (int i = 0; i < w[l][j].length; i++) worst = Math.max(worst, Math.abs(g1[l][j][i] - ref[l][j][i]) / scale);
            }
        }
        System.out.printf("lane engine %s vs reference Bptt: max gradient difference %.2e of the largest entry%n", integrator, worst);
        assertTrue(worst < 1e-9, "lane engine differs from the reference by " + worst);
    }
}
