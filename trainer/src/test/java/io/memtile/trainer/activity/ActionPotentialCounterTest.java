package io.memtile.trainer.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.memtile.core.target.Targets;
import io.memtile.physics.mif.Integrator;
import io.memtile.physics.mif.MifKernel;
import org.junit.jupiter.api.Test;

class ActionPotentialCounterTest {
    static final ActionPotentialCriterion C = ActionPotentialCriterion.of(Targets.paper().neuron());

    @Test
    void levelsAreVonAndTheHalfSwitchPointOfM1() {
        assertEquals(0.110, C.onVolts(), 1e-15);
        assertEquals(0.0575, C.rearmVolts(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new ActionPotentialCriterion(0.05, 0.06));
    }

    @Test
    void ringingAboveVonIsOneActionPotentialAndAPlateauIsNone() {
        ActionPotentialCounter c = new ActionPotentialCounter(C, 2);
        // neuron 0 crosses V_on, rings around it, is pulled down, fires again; neuron 1 sits on a 90 mV plateau
        double[][] v = {{0.03, 0.09}, {0.115, 0.09}, {0.105, 0.09}, {0.118, 0.09}, {0.08, 0.09}, {0.05, 0.09}, {0.12, 0.09}, {0.04, 0.09}};
        int[] began = new int[v.length];
        for (int t = 0; t < v.length; t++) began[t] = c.step(v[t]);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0, 1, 0, 0, 0, 0, 1, 0}, began);
        assertEquals(2, c.actionPotentials());
        // inside: steps 1..4 (until V < 57.5 mV at step 5) and step 6
        assertEquals(5, c.stepsInActionPotential());
        c.reset();
        assertEquals(0, c.actionPotentials());
        assertEquals(0, c.stepsInActionPotential());
    }

    @Test
    void aStrongAlphaTrainOnOneNeuronFiresOnlyWhileItPeaksAboveVon() {
        // an alpha train every 2 ms strong enough for the first event to cross V_on (M1 then adapts: SpikeDetector's note)
        var n = Targets.paper().neuron();
        MifKernel k = new MifKernel(n, 1e-5, Integrator.EXPONENTIAL);
        double[] s = k.restState();
        double[] v = {s[0]}, a = {s[1]}, b = {s[2]}, vn = new double[1], an = new double[1], bn = new double[1], i = new double[1];
        ActionPotentialCounter c = new ActionPotentialCounter(C, 1);
        double[] alpha = io.memtile.physics.alpha.AlphaWaveform.unit(1000, 1e-5, n.tauAlpha(), 200, io.memtile.physics.alpha.AlphaForm.STEP_AVERAGE);
        double peak = 0;
        for (int t = 0; t < 1000; t++) {
            i[0] = 80e-6 * alpha[t];
            k.forward(1, v, a, b, i, vn, an, bn);
            v[0] = vn[0]; a[0] = an[0]; b[0] = bn[0];
            peak = Math.max(peak, v[0]);
            c.step(v);
        }
        // only the first event of the train reaches V_on; M1 stays partly ON and the later ones peak below it
        org.junit.jupiter.api.Assertions.assertTrue(peak > C.onVolts(), "peak " + peak);
        assertEquals(1, c.actionPotentials(), "peak " + peak + " V");
    }
}
