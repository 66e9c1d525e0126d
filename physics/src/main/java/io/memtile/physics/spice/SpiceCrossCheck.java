package io.memtile.physics.spice;

import io.memtile.core.target.NeuronParams;
import io.memtile.physics.mif.Integrator;
import io.memtile.physics.mif.KernelTiming;
import io.memtile.physics.mif.MifKernel;
import io.memtile.physics.mif.MifNeuron;
import io.memtile.physics.mif.NeuronTrace;
import io.memtile.physics.mif.SpikeDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cross-checks memtile's discrete MIF neuron against ngspice's continuous-time solution of the
 * same circuit (templates/spice/mif-neuron.cir.vm), for all three integrators.
 *
 * <p>Both start from {@link MifKernel#restState()} and see the same piecewise-constant input.
 * SPICE's waveform is resampled (linear interpolation) at the step boundaries t_k = k dt, where
 * memtile's state lives. Figures: membrane RMS and max difference (mV) over all boundaries, the
 * RMS of x1, and the spike-time error: the largest |t_memtile - t_spice| over matched spikes (see
 * {@link SpikeDetector}; SPICE spikes are detected on its full-resolution output), as a percentage
 * of SPICE's mean inter-spike period. A run whose spike count differs from SPICE's has an infinite
 * spike-time error (not assessed, NaN, when SPICE shows fewer than two spikes); a run that leaves
 * |V| &lt; 10 V or goes non-finite is reported as diverged.
 */
public final class SpiceCrossCheck {
    /** Acceptance limits for the default integrator (also asserted by the unit test). */
    public static final double MAX_RMS_MV = 2.0;
    public static final double MAX_SPIKE_ERROR_PCT = 2.0;

    private SpiceCrossCheck() {}

    /** Per-integrator comparison figures. */
    public record Row(Integrator integrator, boolean diverged, int divergedAtStep, double rmsMv, double maxAbsMv,
                      double x1Rms, int spikes, double spikeErrorPct, double nsPerNeuronStep) {
        public boolean passes() {
            return !diverged && rmsMv < MAX_RMS_MV && (Double.isNaN(spikeErrorPct) || spikeErrorPct < MAX_SPIKE_ERROR_PCT);
        }
    }

    /**
     * @param netlist       the rendered netlist (for --out)
     * @param spiceTime     resampled SPICE boundary times (s)
     * @param spiceV        SPICE membrane voltage at the boundaries (V)
     * @param spiceSpikes   SPICE spike times (s)
     * @param periodS       mean SPICE inter-spike period (s), NaN with fewer than two spikes
     * @param rows          one per integrator, in {@link Integrator} order
     * @param ngspiceSeconds wall time of the ngspice run
     * @param spiceRows     number of SPICE output points
     */
    public record Result(String netlist, double[] spiceTime, double[] spiceV, double[] spiceX1, double[] spiceX2,
                         double[] spiceSpikes, double periodS, List<Row> rows, double ngspiceSeconds, int spiceRows) {
        public Row row(Integrator k) {
            return rows.stream().filter(r -> r.integrator() == k).findFirst().orElseThrow();
        }

        /** A human-readable table of the figures. */
        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "ngspice: %d points in %.2f s; %d spikes at [%s] ms, mean period %.3f ms%n",
                    spiceRows, ngspiceSeconds, spiceSpikes.length, ms(spiceSpikes), periodS * 1e3));
            sb.append(String.format(Locale.ROOT, "%-14s %10s %10s %10s %7s %14s %12s  %s%n",
                    "integrator", "V rms mV", "V max mV", "x1 rms", "spikes", "t_spike err %", "ns/neur-step", "verdict"));
            for (Row r : rows) {
                String name = r.integrator().name().toLowerCase(Locale.ROOT).replace('_', '-');
                if (r.diverged()) {
                    sb.append(String.format(Locale.ROOT, "%-14s %10s %10s %10s %7s %14s %12.2f  DIVERGED at step %d%n",
                            name, "-", "-", "-", "-", "-", r.nsPerNeuronStep(), r.divergedAtStep()));
                } else {
                    String se = Double.isNaN(r.spikeErrorPct()) ? "n/a (<2 spikes)"
                            : Double.isInfinite(r.spikeErrorPct()) ? "count differs" : String.format(Locale.ROOT, "%.3f", r.spikeErrorPct());
                    sb.append(String.format(Locale.ROOT, "%-14s %10.4f %10.4f %10.3e %7d %14s %12.2f  %s%n",
                            name, r.rmsMv(), r.maxAbsMv(), r.x1Rms(), r.spikes(), se, r.nsPerNeuronStep(),
                            r.passes() ? "within limits" : "OUTSIDE limits (rms < " + MAX_RMS_MV + " mV, spike < " + MAX_SPIKE_ERROR_PCT + " %)"));
                }
            }
            return sb.toString();
        }
    }

    /**
     * Runs the cross-check.
     *
     * @param current  per-step input current (A), length = steps
     * @param timeCost whether to time each integrator's kernel (adds ~0.5 s)
     */
    public static Result run(NeuronParams p, String targetName, String title, double dt, double[] current, boolean timeCost) {
        return run(p, p, targetName, title, dt, current, timeCost);
    }

    /**
     * As {@link #run(NeuronParams, String, String, double, double[], boolean)} but SPICE simulates
     * {@code spiceParams} (from memtile's rest state): lets a test prove the comparison detects a
     * circuit that differs from the model.
     */
    static Result run(NeuronParams p, NeuronParams spiceParams, String targetName, String title, double dt, double[] current,
                      boolean timeCost) {
        int steps = current.length;
        double[] rest = new MifKernel(p, dt, Integrator.EXPONENTIAL).restState();
        String out = "mif.data";
        String netlist = MifNetlist.render(spiceParams, targetName, title, rest[0], rest[1], rest[2], current, dt, out);
        long t0 = System.nanoTime();
        double[][] cols = Ngspice.run(netlist, out);
        double secs = (System.nanoTime() - t0) / 1e9;
        if (cols.length < 4) throw new IllegalStateException("ngspice returned " + cols.length + " columns, expected 4");
        double[] ts = prepend(cols[0], 0), vs = prepend(cols[1], rest[0]), x1s = prepend(cols[2], rest[1]), x2s = prepend(cols[3], rest[2]);
        double[] tb = new double[steps + 1];
        for (int k = 0; k <= steps; k++) tb[k] = k * dt;
        double[] vb = resample(ts, vs, tb), x1b = resample(ts, x1s, tb), x2b = resample(ts, x2s, tb);
        SpikeDetector det = SpikeDetector.forNeuron(p, rest[0]);
        double[] spiceSpikes = det.spikeTimes(ts, vs);
        double period = spiceSpikes.length >= 2
                ? (spiceSpikes[spiceSpikes.length - 1] - spiceSpikes[0]) / (spiceSpikes.length - 1) : Double.NaN;
        double[] drive = new double[steps + 1];
        System.arraycopy(current, 0, drive, 0, steps);
        drive[steps] = current[steps - 1];
        List<Row> rows = new ArrayList<>();
        for (Integrator kind : Integrator.values()) {
            MifNeuron neuron = new MifNeuron(p, dt, kind);
            NeuronTrace tr = neuron.run(drive).trace();
            double ns = timeCost ? KernelTiming.nsPerNeuronStep(neuron.kernel(), 1024, 200, 9) : Double.NaN;
            rows.add(compare(kind, tr, vb, x1b, spiceSpikes, period, det, ns));
        }
        return new Result(netlist, tb, vb, x1b, x2b, spiceSpikes, period, List.copyOf(rows), secs, cols[0].length);
    }

    static Row compare(Integrator kind, NeuronTrace tr, double[] vb, double[] x1b, double[] spiceSpikes, double period,
                       SpikeDetector det, double ns) {
        double[] v = tr.v();
        for (int k = 0; k < v.length; k++) {
            if (!Double.isFinite(v[k]) || Math.abs(v[k]) > 10) {
                return new Row(kind, true, k, Double.NaN, Double.NaN, Double.NaN, 0, Double.POSITIVE_INFINITY, ns);
            }
        }
        double se = 0, maxAbs = 0, sx = 0;
        for (int k = 0; k < v.length; k++) {
            double d = v[k] - vb[k];
            se += d * d;
            maxAbs = Math.max(maxAbs, Math.abs(d));
            double dx = tr.x1()[k] - x1b[k];
            sx += dx * dx;
        }
        double rms = Math.sqrt(se / v.length) * 1e3;
        double[] mine = det.spikeTimes(v, tr.dt());
        double err;
        if (mine.length != spiceSpikes.length) {
            err = Double.POSITIVE_INFINITY;
        } else if (spiceSpikes.length < 2) {
            err = Double.NaN; // no inter-spike period to scale by: spike timing not assessed
        } else {
            double worst = 0;
            for (int i = 0; i < mine.length; i++) worst = Math.max(worst, Math.abs(mine[i] - spiceSpikes[i]));
            err = 100 * worst / period;
        }
        return new Row(kind, false, -1, rms, maxAbs * 1e3, Math.sqrt(sx / v.length), mine.length, err, ns);
    }

    private static double[] prepend(double[] a, double first) {
        if (a.length > 0 && a[0] == 0) return a;
        double[] b = new double[a.length + 1];
        b[0] = first;
        System.arraycopy(a, 0, b, 1, a.length);
        return b;
    }

    /** Linear interpolation of (t, y) at increasing query times q (held constant beyond the ends). */
    static double[] resample(double[] t, double[] y, double[] q) {
        double[] out = new double[q.length];
        int j = 0;
        for (int i = 0; i < q.length; i++) {
            double x = q[i];
            while (j + 1 < t.length && t[j + 1] < x) j++;
            if (j + 1 >= t.length) {
                out[i] = y[t.length - 1];
            } else if (x <= t[j]) {
                out[i] = y[j];
            } else {
                double f = (x - t[j]) / (t[j + 1] - t[j]);
                out[i] = y[j] + f * (y[j + 1] - y[j]);
            }
        }
        return out;
    }

    private static String ms(double[] s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length; i++) sb.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.4f", s[i] * 1e3));
        return sb.toString();
    }
}
