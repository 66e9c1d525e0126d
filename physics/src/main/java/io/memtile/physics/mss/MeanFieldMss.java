package io.memtile.physics.mss;

import io.memtile.core.target.MssParams;
import java.util.function.DoubleUnaryOperator;

/**
 * The mean-field (N -&gt; infinity) MSS device (spec 3.2): the expected fraction x of ON switches
 * obeys tau dx/dt = (1 - x) a(V) - x b(V) with a, b the per-tau rates of {@link MssRates}.
 *
 * <p>Two solution paths, because callers have two kinds of drive: for a voltage that is constant
 * (or piecewise constant, as in a stepped simulation or a programming pulse) the linear ODE has the
 * exact solution x(t) = xEq + (x0 - xEq) exp(-(a+b) t / tau); for an arbitrary continuous V(t) the
 * {@link #dxdt} form is integrated with classical RK4 (x stays a convex combination for any step
 * the caller can afford, since the ODE contracts towards xEq in [0, 1]).
 *
 * <p>The expectation of {@link StochasticMss} driven by the same piecewise-constant pulses equals
 * {@link #trajectory} exactly: each switch is an independent two-state Markov chain whose
 * transition probabilities over a pulse are the ones this solution integrates.
 */
public final class MeanFieldMss {
    private MeanFieldMss() {}

    /** dx/dt (1/s) at state x and device voltage v. */
    public static double dxdt(MssParams p, double x, double v) {
        return ((1 - x) * MssRates.onRate(p, v) - x * MssRates.offRate(p, v)) / p.tau();
    }

    /** Exact state after {@code t} seconds at constant v. */
    public static double exact(MssParams p, double x0, double v, double t) {
        return MssRates.meanFieldAfter(p, x0, v, t);
    }

    /**
     * Exact solution for a piecewise-constant drive: v[i] is held over [i dt, (i+1) dt). Returns
     * x at the n+1 step boundaries (x[0] = x0).
     */
    public static double[] trajectory(MssParams p, double x0, double[] v, double dt) {
        double[] x = new double[v.length + 1];
        x[0] = x0;
        for (int i = 0; i < v.length; i++) x[i + 1] = exact(p, x[i], v[i], dt);
        return x;
    }

    /** RK4 integration of {@link #dxdt} for an arbitrary drive v(t) from t0 to t1 in {@code steps} steps. */
    public static double integrate(MssParams p, double x0, DoubleUnaryOperator v, double t0, double t1, int steps) {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        double h = (t1 - t0) / steps;
        double x = x0;
        for (int i = 0; i < steps; i++) {
            double t = t0 + i * h;
            double vm = v.applyAsDouble(t + 0.5 * h);
            double k1 = dxdt(p, x, v.applyAsDouble(t));
            double k2 = dxdt(p, x + 0.5 * h * k1, vm);
            double k3 = dxdt(p, x + 0.5 * h * k2, vm);
            double k4 = dxdt(p, x + h * k3, v.applyAsDouble(t + h));
            x += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }
        return x;
    }

    /** Device current (A) at state x and voltage v: the memristive branch only (spec 3.3 with phi_K = 1). */
    public static double current(MssParams p, double x, double v) { return p.conductance(x) * v; }
}
