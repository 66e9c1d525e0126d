package io.memtile.physics.mif;

import io.memtile.physics.alpha.AlphaForm;
import io.memtile.physics.alpha.AlphaWaveform;
import java.util.Locale;

/**
 * A single neuron's input current, held constant over each step (the integrators assume exactly
 * this, and the SPICE cross-check drives the same piecewise-constant waveform).
 *
 * <p>Text form (the {@code memtile neuron --input} option):
 * <ul>
 *   <li>{@code const:I} &mdash; I amps at every step;</li>
 *   <li>{@code step:I@T0-T1} &mdash; I amps during steps T0 (inclusive) to T1 (exclusive), 0 otherwise;</li>
 *   <li>{@code alpha:A[@PERIOD]} &mdash; alpha currents injected at steps 0, PERIOD, 2 PERIOD, ... each
 *       peaking at A amps (impulse weight w = A e), PERIOD defaulting to the target's injection period.</li>
 * </ul>
 */
public sealed interface CurrentInput {

    /** Current over step t = 0..n-1 (A). */
    double[] samples(int n, double dt, double tauAlpha, AlphaForm form);

    /** Canonical text form (parseable). */
    String spec();

    record Constant(double amps) implements CurrentInput {
        public double[] samples(int n, double dt, double tauAlpha, AlphaForm form) {
            double[] out = new double[n];
            java.util.Arrays.fill(out, amps);
            return out;
        }

        public String spec() { return "const:" + amps; }
    }

    record Step(double amps, int from, int to) implements CurrentInput {
        public Step {
            if (from < 0 || to < from) throw new IllegalArgumentException("step window must satisfy 0 <= T0 <= T1, got " + from + "-" + to);
        }

        public double[] samples(int n, double dt, double tauAlpha, AlphaForm form) {
            double[] out = new double[n];
            for (int t = from; t < Math.min(to, n); t++) out[t] = amps;
            return out;
        }

        public String spec() { return "step:" + amps + "@" + from + "-" + to; }
    }

    /** Alpha train; {@code period} 0 means "the target's injection period" (resolved by the caller). */
    record Alpha(double peakAmps, int period) implements CurrentInput {
        public Alpha {
            if (period < 0) throw new IllegalArgumentException("alpha period must be >= 1 step, got " + period);
        }

        /** The impulse weight w: a single alpha current w (t/tau) e^{-t/tau} peaks at w/e. */
        public double weight() { return peakAmps * Math.E; }

        public Alpha withDefaultPeriod(int p) { return period > 0 ? this : new Alpha(peakAmps, p); }

        public double[] samples(int n, double dt, double tauAlpha, AlphaForm form) {
            if (period < 1) throw new IllegalStateException("alpha period unresolved; call withDefaultPeriod first");
            double[] u = AlphaWaveform.unit(n, dt, tauAlpha, period, form);
            double w = weight();
            for (int t = 0; t < n; t++) u[t] *= w;
            return u;
        }

        public String spec() { return "alpha:" + peakAmps + (period > 0 ? "@" + period : ""); }
    }

    /** Parses the text form; throws IllegalArgumentException with the expected grammar on bad input. */
    static CurrentInput parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        if (colon < 0) throw bad(text, "missing 'kind:'");
        String kind = s.substring(0, colon), rest = s.substring(colon + 1);
        try {
            switch (kind) {
                case "const": {
                    return new Constant(finite(rest, text));
                }
                case "step": {
                    int at = rest.indexOf('@');
                    if (at < 0) throw bad(text, "step needs '@T0-T1'");
                    String[] w = rest.substring(at + 1).split("-", -1);
                    if (w.length != 2) throw bad(text, "step window must be T0-T1 (steps)");
                    return new Step(finite(rest.substring(0, at), text), Integer.parseInt(w[0].trim()), Integer.parseInt(w[1].trim()));
                }
                case "alpha": {
                    int at = rest.indexOf('@');
                    double a = finite(at < 0 ? rest : rest.substring(0, at), text);
                    int period = at < 0 ? 0 : Integer.parseInt(rest.substring(at + 1).trim());
                    if (at >= 0 && period < 1) throw bad(text, "alpha period must be >= 1 step");
                    return new Alpha(a, period);
                }
                default:
                    throw bad(text, "unknown kind '" + kind + "'");
            }
        } catch (NumberFormatException e) {
            throw bad(text, "not a number: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("malformed input")) throw e;
            throw bad(text, e.getMessage());
        }
    }

    private static double finite(String s, String text) {
        double d = Double.parseDouble(s.trim());
        if (!Double.isFinite(d)) throw bad(text, "current must be finite");
        return d;
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("malformed input '" + text + "': " + why
                + " (expected const:I | step:I@T0-T1 | alpha:A[@PERIOD], currents in amps, times in steps)");
    }
}
