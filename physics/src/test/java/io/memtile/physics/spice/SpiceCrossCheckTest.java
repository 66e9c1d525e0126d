package io.memtile.physics.spice;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.core.target.MssParams;
import io.memtile.core.target.NeuronParams;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.physics.alpha.AlphaForm;
import io.memtile.physics.mif.CurrentInput;
import io.memtile.physics.mif.Integrator;
import io.memtile.physics.mif.NeuronExperiment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * memtile's MIF neuron against ngspice on the same circuit. Skipped only on a developer machine
 * without ngspice; with CI=true a missing ngspice fails the build.
 */
class SpiceCrossCheckTest {
    private static final Target T = Targets.paper();
    private static final double DT = T.timing().dt();

    @BeforeAll
    static void needNgspice() {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (ci) {
            assertTrue(Ngspice.available(), "CI=true but '" + Ngspice.executable() + "' is not runnable: install ngspice");
        } else {
            Assumptions.assumeTrue(Ngspice.available(), "ngspice not installed; SPICE cross-check skipped (runs in CI)");
        }
    }

    private static double[] stimulus() {
        CurrentInput in = NeuronExperiment.parseInput(NeuronExperiment.DEFAULT_SPICE_INPUT, T);
        return in.samples(T.timing().steps(), DT, T.neuron().tauAlpha(), AlphaForm.STEP_AVERAGE);
    }

    @Test
    void defaultIntegratorTracksNgspice() {
        SpiceCrossCheck.Result r = SpiceCrossCheck.run(T.neuron(), T.name(), "unit test", DT, stimulus(), false);
        System.out.print(r.table());
        assertTrue(r.spiceSpikes().length >= 4, "stimulus must give several spikes, got " + r.spiceSpikes().length);
        SpiceCrossCheck.Row exp = r.row(Integrator.EXPONENTIAL);
        assertFalse(exp.diverged());
        assertEquals(r.spiceSpikes().length, exp.spikes());
        assertTrue(exp.rmsMv() < SpiceCrossCheck.MAX_RMS_MV, "membrane RMS " + exp.rmsMv() + " mV");
        assertTrue(exp.spikeErrorPct() < SpiceCrossCheck.MAX_SPIKE_ERROR_PCT, "spike-time error " + exp.spikeErrorPct() + " %");
        // the semi-implicit scheme is stable too; the paper's explicit Euler is not at this dt
        assertFalse(r.row(Integrator.SEMI_IMPLICIT).diverged());
        assertTrue(r.row(Integrator.EXPLICIT_EULER).diverged());
        // SPICE's own waveform is the MIF response: starts at rest, first spike above V_on
        double peak = 0;
        for (double v : r.spiceV()) peak = Math.max(peak, v);
        assertTrue(peak > T.neuron().e1() + T.neuron().m1().vOn(), "SPICE peak " + peak);
        assertEquals(18.3e-3, r.spiceV()[0], 0.1e-3);
    }

    /**
     * The comparison can fail: SPICE simulates a circuit whose M1 switches 40% slower (tau) or 10 mV
     * later (V_on), memtile the nominal one; the figures must fall outside the limits. (A 3x larger
     * C_mem is NOT detectable at these limits, 0.93 mV / 0.38 %: with RC = 5 us below dt = 10 us the
     * membrane is quasi-static and C hardly shapes the waveform.)
     */
    @Test
    void detectsACircuitThatDriftsFromTheModel() {
        NeuronParams p = T.neuron();
        MssParams m1 = p.m1();
        MssParams slow = new MssParams(m1.rOn(), m1.rOff(), m1.vOn(), m1.vOff(), m1.tau() * 1.4, m1.thermalVoltage(), m1.phi(),
                m1.volatileOff(), m1.switches());
        NeuronParams slowM1 = new NeuronParams(p.cMem(), p.e1(), p.e2(), slow, p.m2(), p.tauAlpha());
        SpiceCrossCheck.Row a = SpiceCrossCheck.run(p, slowM1, T.name(), "perturbed tau", DT, stimulus(), false).row(Integrator.EXPONENTIAL);
        assertFalse(a.passes(), "a 40% slower M1 went unnoticed: rms " + a.rmsMv() + " mV, spike " + a.spikeErrorPct() + " %");
        MssParams late = new MssParams(m1.rOn(), m1.rOff(), m1.vOn() + 0.010, m1.vOff(), m1.tau(), m1.thermalVoltage(), m1.phi(),
                m1.volatileOff(), m1.switches());
        NeuronParams lateM1 = new NeuronParams(p.cMem(), p.e1(), p.e2(), late, p.m2(), p.tauAlpha());
        SpiceCrossCheck.Row b = SpiceCrossCheck.run(p, lateM1, T.name(), "perturbed V_on", DT, stimulus(), false).row(Integrator.EXPONENTIAL);
        assertFalse(b.passes(), "a 10 mV higher V_on went unnoticed: rms " + b.rmsMv() + " mV, spike " + b.spikeErrorPct() + " %");
        System.out.printf(java.util.Locale.ROOT, "perturbed SPICE: tau x1.4 -> %.3f mV / %.3f %%; V_on +10 mV -> %.3f mV / %.3f %%%n",
                a.rmsMv(), a.spikeErrorPct(), b.rmsMv(), b.spikeErrorPct());
    }
}
