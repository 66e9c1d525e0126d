package io.memtile.trainer.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.target.MssParams;
import io.memtile.core.target.NeuronParams;
import io.memtile.core.target.Target;
import io.memtile.datasets.Dataset;
import io.memtile.trainer.engine.Network;
import io.memtile.trainer.engine.TestModels;
import io.memtile.trainer.eval.EvalResult;
import io.memtile.trainer.eval.Evaluator;
import io.memtile.trainer.model.NetworkConfig;
import org.junit.jupiter.api.Test;

/**
 * Proof that the trainer's gradients are the exact derivative of the forward loss, not a
 * surrogate: a surrogate or straight-through estimator agrees with finite differences only where
 * the neuron is sub-threshold (if at all); here the agreement is required at many random weight
 * points, including ones where most neurons spike, and the gradients must change when only the
 * memristor state dynamics (tau of M1/M2) change.
 */
class NoSurrogateTest {
    static final int[] LAYERS = {20, 8, 3};

    @Test
    void finiteDifferencesAgreeAtRandomPointsIncludingStronglySpikingOnes() {
        Target t = TestModels.paper();
        Dataset d = TestModels.synthetic(2, 20, 3, 21);
        double maxActivity = 0;
        for (int k = 0; k < 6; k++) {
            double a0 = 0.5 + 1.5 * k; // from sub-threshold to saturating drive
            NetworkConfig c = TestModels.config(LAYERS, "EXPONENTIAL", a0, new double[] {3, 2}, 1e-2, 160, 1e-5, 40);
            double[][][] w = TestModels.randomWeights(LAYERS, 1.0, 100 + k);
            Network net = new Network(c, t);
            EvalResult r = Evaluator.evaluate(TestModels.model(c, t, w), d, 0, 1);
            maxActivity = Math.max(maxActivity, r.meanActivity(0));
            double err = GradientCheckTest.maxRelativeError(net, w, d, 12, 1e-5, 7 + k);
            System.out.printf("point %d: A0=%.1f hidden spiking fraction %.3f, max rel err %.2e%n", k, a0, r.meanActivity(0), err);
            assertTrue(err < 1e-3, "point " + k + " relative error " + err);
        }
        assertTrue(maxActivity > 0.2, "no strongly spiking regime was tested (max activity " + maxActivity + ")");
    }

    @Test
    void lossAndGradientsDependOnMemristorStateDynamics() {
        Target t = TestModels.paper();
        Target slow = withM1Tau(t, 100 * t.neuron().m1().tau());
        NetworkConfig c = TestModels.config(LAYERS, "EXPONENTIAL", 4, new double[] {3, 2}, 1e-2, 160, 1e-5, 40);
        double[][][] w = TestModels.randomWeights(LAYERS, 1.0, 42);
        Dataset d = TestModels.synthetic(2, 20, 3, 22);
        int[] order = {0, 1};
        double[][][] g1 = Adam.zerosLike(w), g2 = Adam.zerosLike(w);
        double l1, l2;
        try (var par = new io.memtile.trainer.engine.Parallel(1)) {
            l1 = new BatchGradient(new Network(c, t), par).compute(w, d, order, 0, 2, g1).meanLoss();
            l2 = new BatchGradient(new Network(c, slow), par).compute(w, d, order, 0, 2, g2).meanLoss();
        }
        assertTrue(Math.abs(l1 - l2) > 1e-3 * Math.abs(l1), "loss ignores M1 dynamics: " + l1 + " vs " + l2);
        double diff = 0, norm = 0;
        for (int l = 0; l < w.length; l++)
            for (int j = 0; j < w[l].length; j++)
                for (int i = 0; i < w[l][j].length; i++) {
                    diff += Math.pow(g1[l][j][i] - g2[l][j][i], 2);
                    norm += Math.pow(g1[l][j][i], 2);
                }
        assertTrue(Math.sqrt(diff / norm) > 0.05, "gradients ignore M1 dynamics: relative change " + Math.sqrt(diff / norm));
        // and in the slow-memristor network the gradients are exact too
        double err = GradientCheckTest.maxRelativeError(new Network(c, slow), w, d, 12, 1e-5, 5);
        assertTrue(err < 1e-3, "slow-M1 relative error " + err);
    }

    static Target withM1Tau(Target t, double tau) {
        NeuronParams n = t.neuron();
        MssParams m = n.m1();
        MssParams m1 = new MssParams(m.rOn(), m.rOff(), m.vOn(), m.vOff(), tau, m.thermalVoltage(), m.phi(), m.volatileOff(), m.switches());
        NeuronParams n2 = new NeuronParams(n.cMem(), n.e1(), n.e2(), m1, n.m2(), n.tauAlpha());
        return new Target(t.schemaVersion(), t.name(), t.description(), t.timing(), t.synapse(), n2, t.tile(), t.adc(),
                t.nonIdealities(), t.programming(), t.paper(), t.trim());
    }
}
