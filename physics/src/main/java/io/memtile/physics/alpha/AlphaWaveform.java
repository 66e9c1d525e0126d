package io.memtile.physics.alpha;

/**
 * The unit alpha current waveform: the response to unit impulses injected every
 * {@code period} steps starting at step 0. Every input pixel sees the same waveform scaled by its
 * intensity, which is why the first layer's weighted input is computed once per sample
 * (W1 p) and then only scaled by this waveform each step.
 *
 * <p>Normalisation: a single impulse of weight w gives I(t) = w (t/tau) e^{-t/tau}, which peaks at
 * t = tau with value w/e and carries charge w*tau.
 */
public final class AlphaWaveform {
    private AlphaWaveform() {}

    /** Value of the current used over step t (t = 0..steps-1) for unit impulses every {@code period} steps. */
    public static double[] unit(int steps, double dt, double tauAlpha, int period, AlphaForm form) {
        double[] out = new double[steps];
        if (form == AlphaForm.FORWARD_EULER) {
            double h = dt / tauAlpha;
            double a = 0, cur = 0;
            for (int t = 0; t < steps; t++) {
                out[t] = cur;
                double s = (t % period == 0) ? 1.0 : 0.0;
                double an = (1 - h) * a + s;
                cur = cur + h * (a - cur);
                a = an;
            }
            return out;
        }
        // STEP_AVERAGE: sum over injections k <= t of the mean of the kernel over [t - t_k, t - t_k + 1) steps.
        // Kernel primitive K(u) = tau * (1 - (1 + u/tau) e^{-u/tau}) for u >= 0 (u in seconds).
        for (int t = 0; t < steps; t++) {
            double sum = 0;
            for (int k = (t / period) * period; k >= 0; k -= period) {
                double u0 = (t - k) * dt, u1 = u0 + dt;
                double contrib = (primitive(u1, tauAlpha) - primitive(u0, tauAlpha)) / dt;
                sum += contrib;
                if (u0 > 60 * tauAlpha) break; // older injections have decayed below 1e-24
            }
            out[t] = sum;
        }
        return out;
    }

    /** Continuous unit-impulse response at time u (s) after the impulse. */
    public static double kernel(double u, double tauAlpha) {
        return u < 0 ? 0 : (u / tauAlpha) * Math.exp(-u / tauAlpha);
    }

    static double primitive(double u, double tau) {
        double r = u / tau;
        return tau * (1 - (1 + r) * Math.exp(-r));
    }
}
