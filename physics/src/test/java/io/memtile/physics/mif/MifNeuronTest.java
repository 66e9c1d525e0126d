package io.memtile.physics.mif;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.core.target.NeuronParams;
import io.memtile.core.target.Targets;
import io.memtile.physics.alpha.AlphaForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MifNeuronTest {
    private static final NeuronParams P = Targets.paper().neuron();
    private static final double DT = Targets.paper().timing().dt();

    @Test
    void restPointOfThePaperTarget() {
        double[] r = new MifKernel(P, DT, Integrator.EXPONENTIAL).restState();
        assertEquals(18.3e-3, r[0], 0.1e-3, "V_rest");
        assertEquals(7.5e-3, r[1], 0.1e-3, "x1");
        assertEquals(8.6e-5, r[2], 0.1e-5, "x2");
        // it is an equilibrium of the continuous model: no net membrane current, dx/dt = 0
        double g1 = P.m1().conductance(r[1]), g2 = P.m2().conductance(r[2]);
        assertEquals(0, g1 * (r[0] - P.e1()) + g2 * (r[0] - P.e2()), 1e-15);
        assertEquals(0, io.memtile.physics.mss.MeanFieldMss.dxdt(P.m1(), r[1], r[0] - P.e1()), 1e-9);
        assertEquals(0, io.memtile.physics.mss.MeanFieldMss.dxdt(P.m2(), r[2], r[0] - P.e2()), 1e-9);
    }

    /** Without input the neuron stays at rest under every integrator (where explicit Euler is stable, i.e. at a small dt). */
    @ParameterizedTest
    @EnumSource(Integrator.class)
    void restIsAFixedPoint(Integrator kind) {
        double dt = kind == Integrator.EXPLICIT_EULER ? 1e-7 : DT;
        MifNeuron.Run run = new MifNeuron(P, dt, kind).run(new double[501]);
        double v0 = run.trace().v()[0];
        for (double v : run.trace().v()) assertEquals(v0, v, 1e-9);
    }

    /** The paper's Fig. 4 phases under a 3 uA step from 1 ms to 3 ms. */
    @Test
    void spikeResetAndRecovery() {
        double[] cur = new CurrentInput.Step(3e-6, 100, 300).samples(1001, DT, P.tauAlpha(), AlphaForm.STEP_AVERAGE);
        MifNeuron.Run run = new MifNeuron(P, DT, Integrator.EXPONENTIAL).run(cur);
        NeuronTrace tr = run.trace();
        TraceSummary s = TraceSummary.of(tr, P);
        double vOn = P.e1() + P.m1().vOn();
        assertEquals(tr.v()[0], tr.v()[100], 1e-12, "at rest before the input");
        assertTrue(s.peakV() > vOn, "peak " + s.peakV() + " V does not exceed V_on " + vOn);
        assertTrue(s.peakTime() >= 100 * DT && s.peakTime() <= 102 * DT, "peak at " + s.peakTime());
        // M1 switches on while V > V_on and pulls V back down during the input
        assertTrue(tr.x1()[300] > 5 * tr.x1()[0], "M1 did not switch: x1 " + tr.x1()[0] + " -> " + tr.x1()[300]);
        assertTrue(tr.v()[299] < 0.5 * s.peakV());
        // reset towards E1: trough near V_off (5 mV), below rest
        assertEquals(P.m1().vOff(), s.troughV(), 2.5e-3, "trough");
        assertTrue(s.troughTime() >= 300 * DT && s.troughTime() <= 305 * DT);
        // recovery, monotone, as M1 relaxes: its OFF rate near V_off is ~1/2 per tau, so the time
        // constant is ~2 tau: about half-way after 3 tau, most of the way after 7 tau
        double r3 = recovered(tr, s, 300 + (int) Math.round(3 * P.m1().tau() / DT));
        double r7 = recovered(tr, s, 300 + (int) Math.round(7 * P.m1().tau() / DT));
        assertTrue(r3 > 0.4 && r3 < 0.8, "recovered fraction after 3 tau: " + r3);
        assertTrue(r7 > 0.85 && r7 < 1.0, "recovered fraction after 7 tau: " + r7);
        for (int k = 302; k < 1000; k++) assertTrue(tr.v()[k + 1] >= tr.v()[k] - 1e-12, "recovery not monotone at " + k);
        assertEquals(1, s.spikeTimes().length);
        // the trace columns are consistent with each other
        for (int k = 0; k <= 1000; k += 97) {
            assertEquals(P.m1().conductance(tr.x1()[k]), tr.g1()[k], 1e-15);
            assertEquals(P.m2().conductance(tr.x2()[k]), tr.g2()[k], 1e-15);
            assertEquals(cur[k], tr.current()[k]);
        }
    }

    private static double recovered(NeuronTrace tr, TraceSummary s, int k) {
        return (tr.v()[k] - s.troughV()) / (s.restV() - s.troughV());
    }

    /** A stronger input drives a taller spike: the excursion is graded, not all-or-nothing (no threshold operator). */
    @Test
    void peakGrowsWithInput() {
        double prev = 0;
        for (double amps : new double[] {0.5e-6, 1e-6, 3e-6, 1e-5}) {
            double[] cur = new CurrentInput.Step(amps, 10, 50).samples(101, DT, P.tauAlpha(), AlphaForm.STEP_AVERAGE);
            double peak = TraceSummary.of(new MifNeuron(P, DT, Integrator.EXPONENTIAL).run(cur).trace(), P).peakV();
            assertTrue(peak > prev, "peak " + peak + " at " + amps + " A");
            prev = peak;
        }
    }

    @Test
    void explicitEulerDivergesWithTableThreeInSiUnits() {
        double[] cur = new CurrentInput.Step(3e-6, 10, 50).samples(101, DT, P.tauAlpha(), AlphaForm.STEP_AVERAGE);
        NeuronTrace tr = new MifNeuron(P, DT, Integrator.EXPLICIT_EULER).run(cur).trace();
        boolean blewUp = false;
        for (double v : tr.v()) blewUp |= !Double.isFinite(v) || Math.abs(v) > 10;
        assertTrue(blewUp, "dt G/C = 2.8 at rest: forward Euler must not be stable here");
    }

    @Test
    void parsesInputSpecs() {
        assertEquals(new CurrentInput.Constant(2e-6), CurrentInput.parse("const:2e-6"));
        assertEquals(new CurrentInput.Step(3e-6, 100, 300), CurrentInput.parse("step:3e-6@100-300"));
        assertEquals(new CurrentInput.Alpha(3e-5, 200), CurrentInput.parse(" ALPHA:3e-5@200 "));
        assertEquals(new CurrentInput.Alpha(3e-5, 100), ((CurrentInput.Alpha) CurrentInput.parse("alpha:3e-5")).withDefaultPeriod(100));
        for (CurrentInput in : new CurrentInput[] {new CurrentInput.Constant(-1e-6), new CurrentInput.Step(1e-6, 0, 5), new CurrentInput.Alpha(1e-6, 7)}) {
            assertEquals(in, CurrentInput.parse(in.spec()), "round trip of " + in.spec());
        }
        double[] s = new CurrentInput.Step(1e-6, 2, 4).samples(6, DT, P.tauAlpha(), AlphaForm.STEP_AVERAGE);
        assertArrayEquals(new double[] {0, 0, 1e-6, 1e-6, 0, 0}, s);
        // alpha amplitude is the peak current of one pulse
        double[] a = new CurrentInput.Alpha(2e-6, 10_000).samples(300, DT, P.tauAlpha(), AlphaForm.STEP_AVERAGE);
        double peak = 0;
        for (double x : a) peak = Math.max(peak, x);
        assertEquals(2e-6, peak, 0.01 * 2e-6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "const", "const:", "const:abc", "const:NaN", "step:1e-6", "step:1e-6@5", "step:1e-6@5-2",
        "step:1e-6@-1-4", "alpha:1e-6@0", "alpha:x", "ramp:1e-6", "alpha:1e-6@1.5"})
    void rejectsMalformedInput(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CurrentInput.parse(spec));
        assertTrue(e.getMessage().contains("const:I | step:I@T0-T1 | alpha:A[@PERIOD]"), e.getMessage());
    }

    @Test
    void spikeDetectorInterpolatesAndRearms() {
        SpikeDetector d = new SpikeDetector(1.0, 0.5);
        // crosses at 1.5 steps, ripples above 0.5 (no re-arm), falls below, crosses again at 6.25
        double[] v = {0, 0.5, 1.5, 0.8, 1.2, 0.4, 0.25, 1.25, 2};
        assertArrayEquals(new double[] {1.5 * 2, 6.75 * 2}, d.spikeTimes(v, 2.0), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new SpikeDetector(1, 1));
    }
}
