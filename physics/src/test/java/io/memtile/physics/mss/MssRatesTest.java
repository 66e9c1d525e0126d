package io.memtile.physics.mss;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.core.target.MssParams;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rates and per-pulse probabilities of every device of both bundled targets. */
class MssRatesTest {
    static Stream<Arguments> devices() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String name : new String[] {"paper-65nm", "knowm-mss"}) {
            Target t = Targets.load(name);
            b.add(Arguments.of(name + " synapse", t.synapse()));
            b.add(Arguments.of(name + " neuron.m1", t.neuron().m1()));
            b.add(Arguments.of(name + " neuron.m2", t.neuron().m2()));
        }
        return b.build();
    }

    private static final double[] VOLTAGES = {Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1e6, -10, -1, -0.3, -0.27, -0.1,
        -0.005, 0, 0.005, 0.0575, 0.11, 0.27, 0.3, 1, 10, 1e6, Double.MAX_VALUE, Double.POSITIVE_INFINITY};

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void probabilitiesStayInUnitInterval(String label, MssParams p) {
        double[] out = new double[2];
        for (double v : VOLTAGES) {
            assertUnit(MssRates.onRate(p, v), label + " onRate " + v);
            assertUnit(MssRates.offRate(p, v), label + " offRate " + v);
            for (double dt : new double[] {0, 1e-9, p.tau() * 0.01, p.tau(), 100 * p.tau()}) {
                assertUnit(MssRates.knowmPOn(p, v, dt), label + " P_on");
                assertUnit(MssRates.knowmPOff(p, v, dt), label + " P_off");
                MssRates.pulseProbabilities(p, v, dt, out);
                assertUnit(out[0], label + " pulse on");
                assertUnit(out[1], label + " pulse off");
            }
            assertUnit(MssRates.xEq(p, v), label + " xEq " + v);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void limitsAtInfiniteVoltage(String label, MssParams p) {
        for (double big : new double[] {1e3, 1e6, Double.POSITIVE_INFINITY}) {
            assertEquals(1.0, MssRates.onRate(p, big), 1e-12, label);
            assertEquals(0.0, MssRates.offRate(p, big), 1e-12, label);
            assertEquals(0.0, MssRates.onRate(p, -big), 1e-12, label);
            assertEquals(1.0, MssRates.offRate(p, -big), 1e-12, label);
            assertEquals(1.0, MssRates.xEq(p, big), 1e-12, label);
            assertEquals(0.0, MssRates.xEq(p, -big), 1e-12, label);
        }
        // rates are monotone in V: on increasing, off decreasing
        double prevOn = -1, prevOff = 2;
        for (double v = -2; v <= 2; v += 0.01) {
            double on = MssRates.onRate(p, v), off = MssRates.offRate(p, v);
            assertTrue(on >= prevOn && off <= prevOff, label + " not monotone at " + v);
            prevOn = on;
            prevOff = off;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void detailedBalanceAtEquilibrium(String label, MssParams p) {
        double dt = p.tau() * 0.01;
        for (double v = -1; v <= 1; v += 0.0125) {
            double xeq = MssRates.xEq(p, v);
            double pOn = MssRates.knowmPOn(p, v, dt), pOff = MssRates.knowmPOff(p, v, dt);
            double flux = (1 - xeq) * pOn;
            // absolute tolerance: 1 - xeq carries ~1e-16 absolute rounding where xeq -> 1
            assertEquals(flux, xeq * pOff, 1e-14 * Math.max(pOn, pOff), label + " at " + v);
            if (xeq > 0.01 && xeq < 0.99) assertEquals(flux, xeq * pOff, 1e-12 * flux, label + " at " + v);
            // the exact pulse probabilities balance too, for any width
            double[] pr = new double[2];
            MssRates.pulseProbabilities(p, v, 3 * p.tau(), pr);
            assertEquals((1 - xeq) * pr[0], xeq * pr[1], 1e-14 * Math.max(pr[0], pr[1]), label);
            // and x = xEq is a fixed point of the mean field
            assertEquals(xeq, MeanFieldMss.exact(p, xeq, v, 7 * p.tau()), 1e-12);
            assertEquals(0, MeanFieldMss.dxdt(p, xeq, v) * p.tau(), 1e-14);
        }
    }

    @Test
    void pulseProbabilitiesMatchKnowmForShortPulses() {
        MssParams p = Targets.paper().synapse();
        double[] pr = new double[2];
        for (double v : new double[] {-1, -0.3, 0, 0.3, 1}) {
            double w = p.tau() * 1e-4;
            MssRates.pulseProbabilities(p, v, w, pr);
            assertEquals(MssRates.knowmPOn(p, v, w), pr[0], 1e-4 * MssRates.knowmPOn(p, v, w) + 1e-18);
            assertEquals(MssRates.knowmPOff(p, v, w), pr[1], 1e-4 * MssRates.knowmPOff(p, v, w) + 1e-18);
        }
    }

    /**
     * The one structural difference between the forms: Knowm's OFF rate is centred at -vOff, so an
     * ON device keeps its state at zero bias (non-volatile); the MIF form centres it at +vOff, so
     * the device relaxes OFF with time constant ~tau at zero bias (volatile).
     */
    @Test
    void knowmIsRetentiveAndMifIsVolatileAtZeroBias() {
        MssParams knowm = Targets.load("knowm-mss").synapse();
        MssParams mif = Targets.paper().neuron().m1();
        assertFalse(knowm.volatileOff());
        assertTrue(mif.volatileOff());
        assertEquals(-knowm.vOff(), knowm.offCentre());
        assertEquals(mif.vOff(), mif.offCentre());
        double xKnowm = MeanFieldMss.exact(knowm, 1.0, 0.0, 5 * knowm.tau());
        double xMif = MeanFieldMss.exact(mif, 1.0, 0.0, 5 * mif.tau());
        assertTrue(xKnowm > 0.99, "Knowm device lost its state at zero bias: x = " + xKnowm);
        assertTrue(xMif < 0.1, "MIF device did not relax at zero bias: x = " + xMif);
        // at V = 0 the MIF off-rate is sigma(vOff/k) > 1/2; Knowm's is sigma(-vOff/V_T) ~ 0
        assertTrue(MssRates.offRate(mif, 0) > 0.5);
        assertTrue(MssRates.offRate(knowm, 0) < 1e-4);
        // both are centred where the two forms say: the off rate is exactly 1/2 at offCentre
        assertEquals(0.5, MssRates.offRate(knowm, -knowm.vOff()), 1e-15);
        assertEquals(0.5, MssRates.offRate(mif, mif.vOff()), 1e-15);
    }

    private static void assertUnit(double p, String what) {
        assertTrue(p >= 0 && p <= 1, what + " = " + p + " outside [0, 1]");
    }
}
