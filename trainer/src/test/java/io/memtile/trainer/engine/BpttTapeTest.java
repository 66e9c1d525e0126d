package io.memtile.trainer.engine;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.datasets.Dataset;
import io.memtile.trainer.model.NetworkConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bptt's taped reverse sweep (after a training forward pass) against its recomputing fallback
 * (after an inference-only forward pass, which records no tape), on identical states.
 */
class BpttTapeTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"EXPONENTIAL, 1e-10, 0.5", "SEMI_IMPLICIT, 1e-10, 0.5", "EXPLICIT_EULER, 1e-7, 50"})
    void tapedBackwardEqualsRecomputedBackward(String integrator, double cMem, double a0) {
        int[] layers = {20, 8, 3};
        NetworkConfig c = TestModels.config(layers, integrator, a0, new double[] {4, 2}, 1e-2, 200, 1e-5, 50);
        Network net = new Network(c, TestModels.withCapacitance(TestModels.paper(), cMem));
        double[][][] w = TestModels.randomWeights(layers, 0.6, 7);
        Dataset d = TestModels.synthetic(3, 20, 3, 11);
        double[] p = new double[d.dim()];
        Bptt taped = new Bptt(net), plain = new Bptt(net);
        for (int s = 0; s < d.size(); s++) {
            d.sample(s, p);
            int y = d.label(s);
            double loss = taped.forward(p, y, w);
            assertTrue(Double.isFinite(loss));
            assertTrue(Double.isNaN(plain.forward(p, -1, w)));
            assertArrayEquals(taped.voltages(1)[200], plain.voltages(1)[200], 0.0);
            double[] guT = new double[8], guP = new double[8];
            double[][][] gwT = zeros(w), gwP = zeros(w);
            taped.backward(y, w, 0.5, guT, gwT);
            plain.backward(y, w, 0.5, guP, gwP);
            assertClose(guP, guT, integrator + " gu");
            for (int j = 0; j < gwT[1].length; j++) assertClose(gwP[1][j], gwT[1][j], integrator + " gW1 row " + j);
            double norm = 0;
            for (double g : guT) norm += Math.abs(g);
            assertTrue(norm > 0, "gradient vanished");
        }
    }

    private static double[][][] zeros(double[][][] w) {
        double[][][] z = new double[w.length][][];
        for (int l = 0; l < w.length; l++) z[l] = new double[w[l].length][w[l][0].length];
        return z;
    }

    private static void assertClose(double[] want, double[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            double err = Math.abs(want[i] - got[i]);
            assertTrue(err <= 1e-12 * Math.abs(want[i]) || err == 0, what + " [" + i + "]: " + want[i] + " vs " + got[i]);
        }
    }
}
