package io.memtile.trainer.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.target.Target;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.engine.Bptt;
import io.memtile.trainer.engine.Network;
import io.memtile.trainer.engine.Parallel;
import io.memtile.trainer.engine.TestModels;
import io.memtile.trainer.model.NetworkConfig;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Analytic BPTT gradients (BatchGradient, the trainer's own code path) against central finite
 * differences of the forward loss, on a 20-8-3 network over 200 steps.
 */
public class GradientCheckTest {
    static final int[] LAYERS = {20, 8, 3};

    /**
     * EXPONENTIAL and SEMI_IMPLICIT run on the paper's stiff Table III neuron (dt = 10 us,
     * C = 100 pF). EXPLICIT_EULER diverges there (dt*G_on/C = 100), so it is checked with C = 100 nF,
     * where dt*(G1+G2)_max/C = 1e-5 s * 2e-3 S / 1e-7 F = 0.2, inside Euler's stability region
     * (the larger C needs a larger input amplitude to reach the spiking regime).
     */
    @ParameterizedTest(name = "{0} cMem={1} A0={2}")
    @CsvSource({
            "EXPONENTIAL,   1e-10, 0.5",
            "SEMI_IMPLICIT, 1e-10, 0.5",
            "EXPLICIT_EULER, 1e-7, 50",
    })
    void analyticMatchesFiniteDifferences(String integrator, double cMem, double a0) {
        Target t = TestModels.withCapacitance(TestModels.paper(), cMem);
        NetworkConfig c = TestModels.config(LAYERS, integrator, a0, new double[] {4, 2}, 1e-2, 200, 1e-5, 50);
        double[][][] w = TestModels.randomWeights(LAYERS, 0.6, 7);
        Dataset d = TestModels.synthetic(3, 20, 3, 11);
        double err = maxRelativeError(new Network(c, t), w, d, 40, 1e-5, 99);
        System.out.printf("gradient check %s: max relative error %.3e%n", integrator, err);
        assertTrue(err < 1e-3, integrator + " relative error " + err);
    }

    /** Depth is not special-cased: a 3-weight-layer network (two hidden MIF layers) is exact too. */
    @org.junit.jupiter.api.Test
    void deeperNetworkIsExactToo() {
        int[] layers = {12, 7, 5, 3};
        NetworkConfig c = new NetworkConfig(layers, "EXPONENTIAL", "FORWARD_EULER", 1.0, new double[] {3, 2, 2}, 1e-2,
                "SUM_LOG_SOFTMAX", 150, 1e-5, 30);
        double[][][] w = TestModels.randomWeights(layers, 0.8, 9);
        Dataset d = TestModels.synthetic(2, 12, 3, 12);
        double err = maxRelativeError(new Network(c, TestModels.paper()), w, d, 15, 1e-5, 3);
        System.out.printf("gradient check 12-7-5-3 (FORWARD_EULER alpha): max relative error %.3e%n", err);
        assertTrue(err < 1e-3, "relative error " + err);
    }

    /**
     * The word-line driver (NetworkConfig.driveRange) between hidden layers is a clamp; its derivative is
     * exact almost everywhere, so the gradient through two clamped hidden layers matches finite differences
     * too. The rails are chosen so that both bind for a good share of the hidden neuron-steps.
     */
    @org.junit.jupiter.api.Test
    void wordLineDriverIsDifferentiatedExactly() {
        int[] layers = {12, 7, 5, 3};
        NetworkConfig direct = new NetworkConfig(layers, "EXPONENTIAL", "FORWARD_EULER", 1.0, new double[] {3, 2, 2}, 1e-2,
                "SUM_LOG_SOFTMAX", 150, 1e-5, 30);
        double[][][] w = TestModels.randomWeights(layers, 0.8, 9);
        Dataset d = TestModels.synthetic(2, 12, 3, 12);
        // rails at the 30th and 70th percentiles of the first hidden layer's voltages without a driver, so both bind
        double[] rails = railsWithin(hiddenVoltages(new Network(direct, TestModels.paper()), w, d, 0));
        assertTrue(rails[1] - rails[0] > 1e-3, "hidden voltages must spread: " + java.util.Arrays.toString(rails));
        NetworkConfig c = direct.withDriveRange(rails);
        Network net = new Network(c, TestModels.paper());
        double lossDirect = loss(new Network(direct, TestModels.paper()), w, d), lossDriven = loss(net, w, d);
        assertTrue(Math.abs(lossDriven - lossDirect) > 1e-3 * Math.abs(lossDirect), "the driver changed nothing: " + lossDriven + " vs " + lossDirect);
        double err = maxRelativeError(net, w, d, 15, 1e-7, 3);
        System.out.printf("gradient check 12-7-5-3 with word-line driver [%.4f, %.4f] V: max relative error %.3e%n", rails[0], rails[1], err);
        assertTrue(err < 1e-3, "relative error " + err);
    }

    /**
     * Rails at the 30th and 70th percentiles of voltages v, each set midway between two neighbouring distinct
     * values: a rail equal to a voltage the network reaches would sit on the clamp's kink, where the derivative
     * is a convention and engines differing by one rounding would disagree on it.
     */
    public static double[] railsWithin(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return new double[] {between(s, (int) (0.3 * s.length)), between(s, (int) (0.7 * s.length))};
    }

    private static double between(double[] sorted, int k) {
        int n = k + 1;
        while (n < sorted.length && sorted[n] == sorted[k]) n++;
        return n < sorted.length ? 0.5 * (sorted[k] + sorted[n]) : sorted[k] + 1e-6;
    }

    /** Layer l's membrane voltages over every step and sample (float64 lane engine, one lane). */
    public static double[] hiddenVoltages(Network net, double[][][] w, Dataset d, int l) {
        io.memtile.trainer.engine.LaneEngine e = net.laneWorkspace(io.memtile.trainer.engine.Precision.FLOAT64);
        int n = net.layers[l + 1];
        double[] out = new double[d.size() * net.steps * n];
        double[] p = new double[d.dim()];
        int k = 0;
        for (int i = 0; i < d.size(); i++) {
            d.sample(i, p);
            e.setInput(0, p);
            e.load(1, new int[] {d.label(i)});
            e.forward(w, false);
            for (int t = 0; t < net.steps; t++) for (int j = 0; j < n; j++) out[k++] = e.voltage(l, t, j, 0);
        }
        return out;
    }

    /** Max over sampled weights of |analytic - fd| / max(|fd|, |analytic|, 1e-3 * max|fd|). */
    static double maxRelativeError(Network net, double[][][] w, Dataset d, int perLayer, double h, long seed) {
        int[] order = new int[d.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        double[][][] g = io.memtile.trainer.train.Adam.zerosLike(w);
        try (Parallel par = new Parallel(2)) {
            new BatchGradient(net, par).compute(w, d, order, 0, order.length, g);
        }
        SplittableRandom r = new SplittableRandom(seed);
        double worst = 0;
        for (int l = 0; l < w.length; l++) {
            double[] fd = new double[perLayer];
            double[] an = new double[perLayer];
            double fdMax = 0;
            for (int k = 0; k < perLayer; k++) {
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
            assertTrue(fdMax > 0, "layer " + l + ": loss does not depend on the weights (dead network)");
            for (int k = 0; k < perLayer; k++) {
                double den = Math.max(Math.max(Math.abs(fd[k]), Math.abs(an[k])), 1e-3 * fdMax);
                worst = Math.max(worst, Math.abs(an[k] - fd[k]) / den);
            }
        }
        return worst;
    }

    static double loss(Network net, double[][][] w, Dataset d) {
        Bptt ws = new Bptt(net);
        double[] p = new double[d.dim()];
        double s = 0;
        for (int i = 0; i < d.size(); i++) {
            d.sample(i, p);
            s += ws.forward(p, d.label(i), w);
        }
        return s / d.size();
    }
}
