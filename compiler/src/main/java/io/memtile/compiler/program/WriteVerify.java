package io.memtile.compiler.program;

import io.memtile.core.target.MssParams;
import io.memtile.core.target.Programming;
import io.memtile.physics.mss.MssRates;
import io.memtile.physics.mss.StochasticMss;
import java.util.SplittableRandom;

/**
 * Write-verify programming of one MSS device (N switches, levels 0..N) against the stochastic
 * device model: read, and while the level is off target by more than the tolerance, apply a SET
 * (level too low) or RESET (too high) pulse whose width makes the mean-field expected level after
 * the pulse equal the target (MssRates.meanFieldAfter solved for the width, clamped to the
 * driver's [minPulseWidthNs, maxPulseWidthNs]), then verify-read again.
 *
 * <p>The pulse depends only on (current level, target level), so the distribution of the level
 * after each pulse — the clamped sum of Binomial(N-n, pOn) up-switches and Binomial(n, pOff)
 * down-switches that {@link StochasticMss#applyPulse} draws — is tabulated once per (n, t) and a
 * pulse costs one uniform draw (alias method). Replaces per-switch Bernoulli draws because
 * a 4096-4096-4096-10 network has 67 M devices; for N &gt; {@link #TABLE_MAX} the direct
 * StochasticMss path is used.
 *
 * <p>Stuck detection: a stuck device never moves. After every pulse that left the level unchanged
 * the log-probability that a healthy device would not have moved is accumulated; once that is
 * below ln(1e-6) the device is declared stuck (a healthy device is misjudged about once per
 * million such episodes). Any observed movement resets the evidence.
 */
public final class WriteVerify {
    public static final int TABLE_MAX = 128;
    static final double STUCK_LOG_EVIDENCE = Math.log(1e-6);
    public static final byte SET = 0, RESET = 1;

    public enum Outcome { OK, MISS, STUCK }

    private final MssParams p;
    private final Programming prog;
    private final int n;
    private final double tol;
    private final double readE0; // Vr^2 * readTime, times G gives read energy
    private final double readTimeS;
    // tables indexed by key = level * (N+1) + target
    private final double[] width, expected, logNoMove, voltage, pulseEnergy, pulseTime;
    /** Level conductances G(l) (S). */
    private final double[] gLevel;
    /** Walker alias tables of the post-pulse level, flattened: key * (N+1) + slot. Null for N > TABLE_MAX. */
    private final double[] aliasProb;
    private final int[] aliasIdx;

    public WriteVerify(MssParams device, Programming prog) {
        this.p = device;
        this.prog = prog;
        this.n = device.switches();
        this.tol = prog.toleranceLevels();
        this.readTimeS = prog.readTimeNs() * 1e-9;
        this.readE0 = prog.readVoltage() * prog.readVoltage() * readTimeS;
        int k = (n + 1) * (n + 1);
        width = new double[k];
        expected = new double[k];
        voltage = new double[k];
        logNoMove = new double[k];
        pulseEnergy = new double[k];
        pulseTime = new double[k];
        gLevel = new double[n + 1];
        for (int l = 0; l <= n; l++) gLevel[l] = StochasticMss.conductance(device, l);
        boolean table = n <= TABLE_MAX;
        aliasProb = table ? new double[k * (n + 1)] : null;
        aliasIdx = table ? new int[k * (n + 1)] : null;
        double[] pr = new double[2];
        for (int lv = 0; lv <= n; lv++) {
            for (int t = 0; t <= n; t++) {
                int key = lv * (n + 1) + t;
                if (lv == t) continue;
                double v = lv < t ? prog.setVoltage() : prog.resetVoltage();
                double w = pulseWidth(lv, t, v);
                voltage[key] = v;
                width[key] = w;
                expected[key] = n * MssRates.meanFieldAfter(p, lv / (double) n, v, w);
                // pulse energy ~ V^2 G w with G at the level before the pulse
                pulseEnergy[key] = v * v * gLevel[lv] * w;
                pulseTime[key] = w + readTimeS;
                MssRates.pulseProbabilities(p, v, w, pr);
                if (table) {
                    double[] pmf = transition(n, lv, pr[0], pr[1]);
                    logNoMove[key] = Math.log(Math.max(pmf[lv], 1e-300));
                    buildAlias(pmf, aliasProb, aliasIdx, key * (n + 1));
                } else {
                    logNoMove[key] = (n - lv) * Math.log1p(-Math.min(pr[0], 1 - 1e-16)) + lv * Math.log1p(-Math.min(pr[1], 1 - 1e-16));
                }
            }
        }
    }

    public int switches() { return n; }

    /** Pulse width (s) whose mean-field outcome from level lv at voltage v is level t. */
    double pulseWidth(int lv, int t, double v) {
        double a = MssRates.onRate(p, v), b = MssRates.offRate(p, v), r = a + b;
        double x0 = lv / (double) n, xt = t / (double) n, xe = a / r;
        double w;
        double ratio = (xt - xe) / (x0 - xe);
        if (r > 0 && ratio > 0 && ratio < 1) w = -p.tau() / r * Math.log(ratio);
        else w = prog.maxPulseWidthNs() * 1e-9; // target at or beyond the equilibrium: longest pulse
        return Math.max(prog.minPulseWidthNs() * 1e-9, Math.min(prog.maxPulseWidthNs() * 1e-9, w));
    }

    /** Distribution of the level after a pulse: clamp(n0 + Bin(N-n0, pOn) - Bin(n0, pOff)). */
    static double[] transition(int n, int n0, double pOn, double pOff) {
        double[] up = binomialPmf(n - n0, pOn), down = binomialPmf(n0, pOff);
        double[] out = new double[n + 1];
        for (int u = 0; u < up.length; u++) {
            if (up[u] == 0) continue;
            for (int d = 0; d < down.length; d++) {
                int j = Math.max(0, Math.min(n, n0 + u - d));
                out[j] += up[u] * down[d];
            }
        }
        return out;
    }

    /** Walker/Vose alias table: one uniform draw per sample, independent of N. */
    static void buildAlias(double[] pmf, double[] prob, int[] alias, int off) {
        int m = pmf.length;
        double total = 0;
        for (double x : pmf) total += x;
        double[] scaled = new double[m];
        int[] small = new int[m], large = new int[m];
        int ns = 0, nl = 0;
        for (int j = 0; j < m; j++) {
            scaled[j] = pmf[j] / total * m;
            if (scaled[j] < 1) small[ns++] = j;
            else large[nl++] = j;
        }
        while (ns > 0 && nl > 0) {
            int sm = small[--ns], lg = large[--nl];
            prob[off + sm] = scaled[sm];
            alias[off + sm] = lg;
            scaled[lg] = scaled[lg] + scaled[sm] - 1;
            if (scaled[lg] < 1) small[ns++] = lg;
            else large[nl++] = lg;
        }
        while (nl > 0) { int j = large[--nl]; prob[off + j] = 1; alias[off + j] = j; }
        while (ns > 0) { int j = small[--ns]; prob[off + j] = 1; alias[off + j] = j; } // rounding leftovers
    }

    static double[] binomialPmf(int m, double q) {
        double[] pmf = new double[m + 1];
        if (m == 0 || q <= 0) { pmf[0] = 1; return pmf; }
        if (q >= 1) { pmf[m] = 1; return pmf; }
        boolean flip = q > 0.5;
        double qq = flip ? 1 - q : q;
        double[] tmp = new double[m + 1];
        tmp[0] = Math.pow(1 - qq, m);
        double ratio = qq / (1 - qq);
        for (int k = 0; k < m; k++) tmp[k + 1] = tmp[k] * ratio * (m - k) / (k + 1);
        for (int k = 0; k <= m; k++) pmf[flip ? m - k : k] = tmp[k];
        return pmf;
    }

    /** Accumulates programming cost; one per worker. */
    public static final class Cost {
        public long pulses, reads;
        public double timeS, energyJ;
    }

    /** Receives every pulse (for the programming CSV). */
    public interface PulseSink {
        void pulse(int pulseIndex, byte kind, double volts, double widthNs, double expectedLevel);
    }

    /** Result of {@link #program}: final level and outcome (packed to avoid allocation). */
    public static int level(long packed) { return (int) (packed >> 32); }

    public static int pulses(long packed) { return (int) ((packed >> 2) & 0x3fffffff); }

    public static Outcome outcome(long packed) { return Outcome.values()[(int) (packed & 3)]; }

    /**
     * Write-verify from {@code start} to {@code target}. {@code stuckLevel} &gt;= 0 marks a device
     * that never moves from that level (its {@code start} must equal it).
     *
     * @return packed (final level, pulses, outcome); decode with {@link #level}, {@link #pulses}, {@link #outcome}
     */
    public long program(int start, int target, int stuckLevel, SplittableRandom rng, Cost cost, PulseSink sink) {
        int lv = stuckLevel >= 0 ? stuckLevel : start;
        cost.reads++;
        cost.timeS += readTimeS;
        cost.energyJ += readE0 * gLevel[lv];
        if (lv == target && stuckLevel < 0) return pack(lv, 0, Outcome.OK); // e.g. level-0 targets: one verify read
        int pulses = 0;
        double evidence = 0;
        double[] scratch = aliasProb == null ? new double[2] : null;
        int m = n + 1;
        int maxPulses = prog.maxPulses();
        while (Math.abs(lv - target) > tol) {
            if (pulses >= maxPulses) return pack(lv, pulses, Outcome.MISS);
            int key = lv * (n + 1) + target;
            double v = voltage[key], w = width[key];
            int next;
            if (stuckLevel >= 0) next = lv;
            else if (aliasProb != null) {
                double u = rng.nextDouble() * m;
                int j = (int) u;
                int slot = key * m + j;
                next = u - j < aliasProb[slot] ? j : aliasIdx[slot];
            }
            else next = StochasticMss.applyPulse(p, lv, v, w, rng, scratch);
            pulses++;
            cost.pulses++;
            cost.reads++;
            cost.timeS += pulseTime[key];
            cost.energyJ += pulseEnergy[key] + readE0 * gLevel[next]; // verify read at the new level
            if (sink != null) sink.pulse(pulses, lv < target ? SET : RESET, v, w * 1e9, expected[key]);
            if (next == lv) {
                evidence += logNoMove[key];
                if (evidence < STUCK_LOG_EVIDENCE) return pack(lv, pulses, Outcome.STUCK);
            } else {
                evidence = 0;
            }
            lv = next;
        }
        return pack(lv, pulses, Outcome.OK);
    }

    private static long pack(int level, int pulses, Outcome o) {
        return ((long) level << 32) | ((long) Math.min(pulses, 0x3fffffff) << 2) | o.ordinal();
    }

    /** Conductance of level l (S). */
    public double conductance(int l) { return gLevel[l]; }

    /** Expected level after the pulse the plan applies at (level, target) (mean field). */
    public double expectedAfter(int level, int target) { return expected[level * (n + 1) + target]; }

    public double widthS(int level, int target) { return width[level * (n + 1) + target]; }
}
