package io.memtile.trainer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.core.target.Target;
import io.memtile.physics.alpha.AlphaForm;
import io.memtile.physics.alpha.AlphaWaveform;
import io.memtile.physics.mif.Integrator;
import io.memtile.physics.mif.MifKernel;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.NetworkConfig;
import org.junit.jupiter.api.Test;

class ReferenceForwardTest {
    /**
     * An independent, deliberately naive restatement of NetworkConfig's signal chain (per-neuron
     * kernel calls, currents recomputed from the definition each step) must give the same traces.
     */
    @Test
    void tracesFollowTheDocumentedSignalChain() {
        Target t = TestModels.paper();
        int[] layers = {12, 6, 5, 3};
        NetworkConfig c = TestModels.config(layers, "EXPONENTIAL", 1.5, new double[] {3, 2, 5}, 1e-3, 150, 1e-5, 40);
        ModelArtifact m = TestModels.model(c, t, TestModels.randomWeights(layers, 0.8, 3));
        double[] p = new double[12];
        for (int i = 0; i < p.length; i++) p[i] = (i % 4) / 3.0;
        double[][][] tr = ReferenceForward.traces(m, p);
        assertEquals(3, tr.length);
        assertEquals(150, tr[0].length);
        assertEquals(6, tr[0][0].length);
        assertEquals(3, tr[2][0].length);

        MifKernel k = new MifKernel(t.neuron(), 1e-5, Integrator.EXPONENTIAL);
        double[] alpha = AlphaWaveform.unit(150, 1e-5, t.neuron().tauAlpha(), 40, AlphaForm.STEP_AVERAGE);
        double gUnit = 1 / t.synapse().rOn() - 1 / t.synapse().rOff();
        double[] rest = k.restState();
        double[][] v = new double[3][], a = new double[3][], b = new double[3][];
        for (int l = 0; l < 3; l++) {
            v[l] = new double[layers[l + 1]];
            a[l] = new double[layers[l + 1]];
            b[l] = new double[layers[l + 1]];
            java.util.Arrays.fill(v[l], rest[0]);
            java.util.Arrays.fill(a[l], rest[1]);
            java.util.Arrays.fill(b[l], rest[2]);
        }
        double worst = 0;
        for (int s = 0; s < 150; s++) {
            for (int l = 0; l < 3; l++) {
                for (int j = 0; j < layers[l + 1]; j++) {
                    double sum = 0;
                    for (int i = 0; i < layers[l]; i++) {
                        double drive = l == 0 ? 1.5 * p[i] * alpha[s] : v[l - 1][i];
                        sum += m.weights()[l][j][i] * drive;
                    }
                    double[] cur = {gUnit / c.layerScales()[l] * sum};
                    double[] vv = {v[l][j]}, aa = {a[l][j]}, bb = {b[l][j]};
                    k.step(1, vv, aa, bb, cur);
                    v[l][j] = vv[0];
                    a[l][j] = aa[0];
                    b[l][j] = bb[0];
                    worst = Math.max(worst, Math.abs(v[l][j] - tr[l][s][j]));
                }
            }
        }
        assertTrue(worst < 1e-12, "max |naive - reference| = " + worst + " V");
        // the network must actually be doing something: some hidden neuron leaves the rest state by > 10 mV
        double maxExcursion = 0;
        for (double[] row : tr[0]) for (double x : row) maxExcursion = Math.max(maxExcursion, x - rest[0]);
        assertTrue(maxExcursion > 0.01, "hidden layer barely moves: " + maxExcursion);
    }

    @Test
    void spikeCriterionIsTheM1HalfSwitchPoint() {
        SpikeCriterion s = SpikeCriterion.of(TestModels.paper().neuron());
        assertEquals(0.0575, s.thresholdVolts(), 1e-15);
        // x_eq of M1 is exactly 1/2 there, below it M1 relaxes off, above it switches on
        var m1 = TestModels.paper().neuron().m1();
        assertEquals(0.5, MifKernel.xEq(s.thresholdVolts() - TestModels.paper().neuron().e1(), m1.vOn(), m1.offCentre(), m1.k()), 1e-12);
        assertTrue(s.spiking(0.058));
        assertTrue(!s.spiking(0.0575));
        assertEquals(2, s.count(new double[] {0.01, 0.06, 0.2, 0.05}, 4));
    }
}
