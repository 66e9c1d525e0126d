package io.memtile.physics.mss;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.core.target.MssParams;
import io.memtile.core.target.Targets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MeanFieldMssTest {

    @ParameterizedTest
    @ValueSource(strings = {"paper-65nm", "knowm-mss"})
    void rk4OfTheRateLawMatchesTheExactSolutionAtConstantVoltage(String name) {
        MssParams p = Targets.load(name).synapse();
        for (double v : new double[] {-0.5, -0.27, 0, 0.2, 0.27, 0.4}) {
            for (double x0 : new double[] {0, 0.3, 1}) {
                double t = 2 * p.tau();
                double exact = MeanFieldMss.exact(p, x0, v, t);
                double rk4 = MeanFieldMss.integrate(p, x0, s -> v, 0, t, 400);
                assertEquals(exact, rk4, 1e-10, "v=" + v + " x0=" + x0);
                assertTrue(exact >= 0 && exact <= 1);
            }
        }
    }

    /** An arbitrary (sinusoidal) drive: RK4 converges at 4th order and agrees with the stepped exact solution. */
    @ParameterizedTest
    @ValueSource(strings = {"paper-65nm", "knowm-mss"})
    void arbitraryDriveConvergesAndMatchesPiecewiseExact(String name) {
        MssParams p = Targets.load(name).synapse();
        double period = p.tau();
        java.util.function.DoubleUnaryOperator drive = t -> 0.5 * Math.sin(2 * Math.PI * t / period);
        double t1 = 3 * p.tau();
        double ref = MeanFieldMss.integrate(p, 0.2, drive, 0, t1, 20_000);
        double e1 = Math.abs(MeanFieldMss.integrate(p, 0.2, drive, 0, t1, 100) - ref);
        double e2 = Math.abs(MeanFieldMss.integrate(p, 0.2, drive, 0, t1, 200) - ref);
        assertTrue(e2 < e1 / 8, "RK4 not converging at high order: " + e1 + " -> " + e2);
        // piecewise-constant sampling at the midpoints is a second-order approximation of the same drive
        int n = 4000;
        double dt = t1 / n;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = drive.applyAsDouble((i + 0.5) * dt);
        double[] x = MeanFieldMss.trajectory(p, 0.2, v, dt);
        assertEquals(ref, x[n], 1e-5);
        // and dx/dt agrees with the definition
        double xx = 0.37, vv = 0.21;
        assertEquals(((1 - xx) * MssRates.onRate(p, vv) - xx * MssRates.offRate(p, vv)) / p.tau(), MeanFieldMss.dxdt(p, xx, vv), 1e-9);
        assertEquals(p.conductance(xx) * vv, MeanFieldMss.current(p, xx, vv), 1e-18);
    }
}
