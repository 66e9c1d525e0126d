package io.memtile.trainer.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.target.Target;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.engine.LaneBptt;
import io.memtile.trainer.engine.Network;
import io.memtile.trainer.engine.Parallel;
import io.memtile.trainer.engine.TestModels;
import io.memtile.trainer.model.NetworkConfig;
import io.memtile.trainer.train.Adam;
import io.memtile.trainer.train.BatchGradient;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The activity term through the lane engine: its gradient (added to the exact BPTT adjoint) against
 * central finite differences of the lane engine's own objective, and its smooth count against the
 * action-potential counter.
 */
public class ActivityTermTest {
    static final int[] LAYERS = {20, 8, 3};

    /** A 20-8-3 network driven hard enough that its hidden neurons cross V_on (checked below). */
    static Network spikingNet() {
        Target t = TestModels.paper();
        NetworkConfig c = TestModels.config(LAYERS, "EXPONENTIAL", 1.5, new double[] {1, 2}, 1e-2, 200, 1e-5, 50);
        return new Network(c, t);
    }

    /** Mean objective (readout loss + the target's loss terms) of the lane engine over the dataset (shared with DriveEnergyTermTest). */
    public static double objective(Network net, double[][][] w, Dataset d, ActivityTarget a) {
        LaneBptt ws = net.laneWorkspace();
        ws.activity(a);
        double[] p = new double[d.dim()];
        double s = 0;
        for (int from = 0; from < d.size(); from += ws.lanes()) {
            int cnt = Math.min(ws.lanes(), d.size() - from);
            int[] y = new int[ws.lanes()];
            for (int b = 0; b < cnt; b++) {
                d.sample(from + b, p);
                ws.setInput(b, p);
                y[b] = d.label(from + b);
            }
            ws.load(cnt, y);
            ws.forward(w, true);
            for (int b = 0; b < cnt; b++) s += ws.loss(b);
        }
        return s / d.size();
    }

    /** Smooth count per hidden neuron, averaged over the dataset (lane engine, first lane group). */
    static double smoothCount(Network net, double[][][] w, Dataset d, ActivityTarget a) {
        LaneBptt ws = net.laneWorkspace();
        ws.activity(a);
        double[] p = new double[d.dim()];
        int cnt = Math.min(ws.lanes(), d.size());
        int[] y = new int[ws.lanes()];
        for (int b = 0; b < cnt; b++) {
            d.sample(b, p);
            ws.setInput(b, p);
            y[b] = d.label(b);
        }
        ws.load(cnt, y);
        ws.forward(w, true);
        double s = 0;
        for (int b = 0; b < cnt; b++) s += ws.activityTerm().smoothCount(0, b);
        return s / cnt;
    }

    /** Action potentials per hidden neuron (ActionPotentialCounter on the same voltages). */
    static double counted(Network net, double[][][] w, Dataset d) {
        LaneBptt ws = net.laneWorkspace();
        double[] p = new double[d.dim()];
        int cnt = Math.min(ws.lanes(), d.size());
        int[] y = new int[ws.lanes()];
        for (int b = 0; b < cnt; b++) {
            d.sample(b, p);
            ws.setInput(b, p);
            y[b] = d.label(b);
        }
        ws.load(cnt, y);
        ws.forward(w, false);
        ActionPotentialCounter c = new ActionPotentialCounter(ActionPotentialCriterion.of(net.target.neuron()), LAYERS[1]);
        long aps = 0;
        double[] v = new double[LAYERS[1]];
        for (int b = 0; b < cnt; b++) {
            c.reset();
            for (int t = 0; t < net.steps; t++) {
                for (int j = 0; j < v.length; j++) v[j] = ws.voltage(0, t, j, b);
                c.step(v);
            }
            aps += c.actionPotentials();
        }
        return (double) aps / (cnt * LAYERS[1]);
    }

    /** Two hidden layers (so the term reaches a deeper weight layer too) and currents of 0.1-0.5 mA. */
    @Test
    void gradientOfTheObjectiveWithTheTermMatchesFiniteDifferences() {
        int[] layers = {20, 8, 6, 3};
        Network net = new Network(TestModels.config(layers, "EXPONENTIAL", 0.1, new double[] {1, 2, 4}, 1e-2, 200, 1e-5, 50),
                TestModels.paper());
        double[][][] w = TestModels.randomWeights(layers, 0.6, 7);
        Dataset d = TestModels.synthetic(4, 20, 3, 11);
        // target far from the actual count and a weight that makes the term dominate the readout loss
        ActivityTarget a = ActivityTarget.of(0.0, 1e5);
        double count = smoothCount(net, w, d, a);
        assertTrue(count > 0.05, "hidden neurons must cross V_on for the test to mean anything, smooth count " + count);
        double withTerm = objective(net, w, d, a), without = objective(net, w, d, null);
        System.out.printf("objective %.4f without the term %.4f%n", withTerm, without);
        assertTrue(withTerm > without, "the term adds to the objective: " + withTerm + " vs " + without);

        double[][][] g = Adam.zerosLike(w), g0 = Adam.zerosLike(w);
        int[] order = {0, 1, 2, 3};
        try (Parallel par = new Parallel(2)) {
            new BatchGradient(net, par, io.memtile.trainer.engine.Precision.FLOAT64, a).compute(w, d, order, 0, 4, g);
            new BatchGradient(net, par, io.memtile.trainer.engine.Precision.FLOAT64, null).compute(w, d, order, 0, 4, g0);
        }
        SplittableRandom r = new SplittableRandom(5);
        double h = 1e-6, worst = 0;
        for (int l = 0; l < w.length; l++) {
            double fdMax = 0, termMax = 0;
            double[] fd = new double[12], an = new double[12];
            for (int k = 0; k < fd.length; k++) {
                int j = r.nextInt(w[l].length), i = r.nextInt(w[l][j].length);
                fd[k] = io.memtile.trainer.train.CentralDifference.at(ww -> objective(net, ww, d, a), w, l, j, i, h);
                an[k] = g[l][j][i];
                fdMax = Math.max(fdMax, Math.abs(fd[k]));
                termMax = Math.max(termMax, Math.abs(g[l][j][i] - g0[l][j][i]));
            }
            assertTrue(fdMax > 0, "layer " + l + ": objective does not depend on the weights");
            // W0 and W1 feed the two hidden layers, so the term must change their gradient
            if (l < 2) assertTrue(termMax > 0.1 * fdMax, "layer " + l + ": the term does not change the gradient");
            for (int k = 0; k < fd.length; k++) {
                double den = Math.max(Math.max(Math.abs(fd[k]), Math.abs(an[k])), 1e-3 * fdMax);
                worst = Math.max(worst, Math.abs(an[k] - fd[k]) / den);
            }
        }
        System.out.printf("activity term gradient check: smooth count %.3f, max relative error %.3e%n", count, worst);
        assertTrue(worst < 1e-3, "relative error " + worst);
    }

    @Test
    void smoothCountApproachesTheCountedActionPotentialsAsTheWidthShrinks() {
        Network net = spikingNet();
        double[][][] w = TestModels.randomWeights(LAYERS, 0.6, 7);
        Dataset d = TestModels.synthetic(8, 20, 3, 11);
        double counted = counted(net, w, d);
        assertTrue(counted > 0.1, "needs action potentials, got " + counted);
        double narrow = smoothCount(net, w, d, new ActivityTarget(0, 1, 1e-5));
        // a few more than counted: without the counter's hysteresis, ringing across V_on counts again
        assertTrue(narrow >= counted && narrow <= 1.15 * counted, "κ = 10 µV counts the V_on crossings: " + narrow + " vs " + counted);
        double wide = smoothCount(net, w, d, ActivityTarget.of(0, 1));
        System.out.printf("counted %.4f, smooth κ=10µV %.4f, κ=5mV %.4f%n", counted, narrow, wide);
        assertEquals(counted, wide, 0.25 * counted, "the default κ stays a count of crossings");
    }

    @Test
    void zeroWeightLeavesTheLossBitIdentical() {
        Network net = spikingNet();
        double[][][] w = TestModels.randomWeights(LAYERS, 0.6, 7);
        Dataset d = TestModels.synthetic(4, 20, 3, 11);
        assertEquals(objective(net, w, d, null), objective(net, w, d, ActivityTarget.of(0.3, 0)), 0.0);
    }
}
