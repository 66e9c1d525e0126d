package io.memtile.physics.energy;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.core.target.NeuronParams;
import io.memtile.core.target.Targets;
import io.memtile.physics.alpha.AlphaForm;
import io.memtile.physics.mif.CurrentInput;
import io.memtile.physics.mif.Integrator;
import io.memtile.physics.mif.MifNeuron;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnergyMeterTest {
    private static final NeuronParams P = Targets.paper().neuron();
    private static final double DT = Targets.paper().timing().dt();

    /** sources = capacitor change + dissipation for the default integrator, on inputs that spike. */
    @ParameterizedTest
    @ValueSource(strings = {"step:3e-6@100-300", "alpha:3e-5@200", "const:-1e-6"})
    void balanceClosesForTheExponentialIntegrator(String spec) {
        CurrentInput in = CurrentInput.parse(spec);
        double[] cur = in.samples(1001, DT, P.tauAlpha(), AlphaForm.STEP_AVERAGE);
        EnergyLedger e = new MifNeuron(P, DT, Integrator.EXPONENTIAL).run(cur).energy();
        assertTrue(e.relativeResidual() < 0.01, spec + ": " + e);
        assertTrue(e.relativeResidual() < 1e-9, "exact integrals should close to rounding: " + e.relativeResidual());
        assertEquals(0.0, e.fromE1(), "E1 = 0 V delivers no energy");
        assertTrue(e.dissipationM1() > 0 && e.dissipationM2() > 0);
    }

    /** The closed-form within-step integrals against brute-force quadrature of the exponential V(t). */
    @Test
    void exponentialStepIntegralsMatchQuadrature() {
        double c = P.cMem(), e1 = P.e1(), e2 = P.e2();
        double g1 = 3e-5, g2 = 1.2e-5, i = 2e-6, v0 = 0.02, dt = 2e-6; // RC = 2.4 us, comparable to dt
        double s = g1 + g2, vinf = (i + g1 * e1 + g2 * e2) / s, tau = c / s;
        double v1 = vinf + (v0 - vinf) * Math.exp(-dt / tau);
        EnergyMeter m = new EnergyMeter(Integrator.EXPONENTIAL, c, e1, e2);
        m.step(dt, v0, v1, g1, g2, i);
        EnergyLedger e = m.ledger();
        int n = 200_000;
        double fromE2 = 0, fromIn = 0, d1 = 0, d2 = 0, h = dt / n;
        for (int k = 0; k < n; k++) {
            double v = vinf + (v0 - vinf) * Math.exp(-(k + 0.5) * h / tau);
            fromE2 += e2 * g2 * (e2 - v) * h;
            fromIn += i * v * h;
            d1 += g1 * (v - e1) * (v - e1) * h;
            d2 += g2 * (v - e2) * (v - e2) * h;
        }
        assertEquals(fromE2, e.fromE2(), 1e-8 * Math.abs(fromE2));
        assertEquals(fromIn, e.fromInput(), 1e-8 * Math.abs(fromIn));
        assertEquals(d1, e.dissipationM1(), 1e-8 * d1);
        assertEquals(d2, e.dissipationM2(), 1e-8 * d2);
        assertEquals(0.5 * c * (v1 * v1 - v0 * v0), e.capacitorDelta(), 1e-25);
        assertTrue(e.relativeResidual() < 1e-12);
    }

    /** The Euler schemes' rectangle rules miss exactly C/2 (V1 - V0)^2 per step, with opposite signs. */
    @Test
    void eulerQuadratureErrorIsTheSchemesOwn() {
        double c = P.cMem();
        double g1 = 2e-5, g2 = 1e-5, i = 1e-6, v0 = 0.03, dt = 1e-7;
        double vExp = v0 + dt / c * (i - g1 * (v0 - P.e1()) - g2 * (v0 - P.e2()));
        EnergyMeter ex = new EnergyMeter(Integrator.EXPLICIT_EULER, c, P.e1(), P.e2());
        ex.step(dt, v0, vExp, g1, g2, i);
        assertEquals(-0.5 * c * (vExp - v0) * (vExp - v0), ex.ledger().residual(), 1e-6 * 0.5 * c * (vExp - v0) * (vExp - v0));
        double s = g1 + g2;
        double vImp = (c * v0 + dt * (i + g1 * P.e1() + g2 * P.e2())) / (c + dt * s);
        EnergyMeter im = new EnergyMeter(Integrator.SEMI_IMPLICIT, c, P.e1(), P.e2());
        im.step(dt, v0, vImp, g1, g2, i);
        assertEquals(0.5 * c * (vImp - v0) * (vImp - v0), im.ledger().residual(), 1e-6 * 0.5 * c * (vImp - v0) * (vImp - v0));
    }
}
