package io.memtile.trainer.hwaware;

import io.memtile.core.rng.Seeds;
import io.memtile.core.target.MssParams;
import io.memtile.core.target.Target;
import io.memtile.physics.crossbar.IrAttenuation;
import java.util.SplittableRandom;

/**
 * Hardware-aware training as a weight-level transform around the (unchanged) BPTT engine: per batch
 * the nominal weights w are mapped to an effective instance w_eff = T(w; theta) with theta the
 * batch's draws, the engine runs forward/backward on w_eff, and {@link #chain} maps dL/dw_eff back
 * to dL/dw with the exact Jacobian of T at fixed theta.
 *
 * <p>T per weight, in the trainer's signal chain (NetworkConfig: w = (G+ - G-)/gUnit, gUnit = gOn - gOff):
 * <ol>
 *   <li>states x+ = q(max(w, 0)), x- = q(max(-w, 0)), q = rounding to the N+1 MSS levels (level/N);
 *       equals the compiler's quantisation (QuantizePass: k = round(N w), pair (max(k,0), max(-k,0)));</li>
 *   <li>each device its own range (device-to-device): G_on' = 1/(R_on e^{s z}), G_off' = 1/(R_off e^{s z'});
 *       G = G_off' + x (G_on' - G_off'), as the simulator's ChipInstance reads a programmed state;</li>
 *   <li>stuck devices sit at G_on' (fraction stuckOnFraction) or G_off', whatever w is;</li>
 *   <li>read noise G (1 + sigma z'');</li>
 *   <li>IR drop: G a(r, c), the per-cell attenuation of {@link IrAttenuation} on the layout's tiles;</li>
 *   <li>w_eff = (G+ - G-)/gUnit (+ the chip's fixed offset when finetuning). A compiled chip's range mapping
 *       ({@link FixedChip#outputScale}) puts s w on the devices and divides the current by s:
 *       w_eff = (a+ G+(s w) - a- G-(s w)) / (gUnit s), so dw_eff/dw keeps the unscaled form.</li>
 * </ol>
 * Derivative: exact for every step with theta fixed, except that the rounding q is passed straight
 * through (dq/dx = 1; it is piecewise constant). max(.,0) is differentiated as is, so only the
 * device carrying the sign of w receives gradient, and a stuck device receives none.
 *
 * <p>The attenuation depends on the tile's conductances, i.e. on the weights themselves (line
 * loading). In sampled mode it is recomputed every batch from the nominal quantised conductances
 * and treated as part of theta (not differentiated): its sensitivity to one weight is a
 * second-order wire effect spread over a whole line. With a {@link FixedChip} it is the chip's.
 *
 * <p>Not thread-safe; one instance per training run. Draws depend only on (seed, epoch, batch), so
 * a resumed run sees the same instances.
 */
public final class HwTransform {
    private final HwAwareConfig cfg;
    private final int[] layers;
    private final double gOn, gOff, rOn, rOff, gUnit;
    private final CellLayout layout;
    private final FixedChip chip;
    private final double[][][] eff;
    private final double[][][] deriv;
    /** [l][k] sampled-mode attenuation of the + / - cell (recomputed per batch). */
    private final double[][] attP, attM;
    /** [l][k] stuck state of this batch: 0 = not stuck, 1 = stuck ON, 2 = stuck OFF; per device sign. */
    private final byte[][] stuckP, stuckM;

    public HwTransform(HwAwareConfig cfg, Target t, int[] layers, CellLayout layout, FixedChip chip) {
        this.cfg = cfg;
        this.layers = layers.clone();
        MssParams s = t.synapse();
        this.gOn = s.gOn();
        this.gOff = s.gOff();
        this.rOn = s.rOn();
        this.rOff = s.rOff();
        this.gUnit = gOn - gOff;
        this.layout = layout;
        this.chip = chip;
        int depth = layers.length - 1;
        eff = new double[depth][][];
        deriv = new double[depth][][];
        attP = new double[depth][];
        attM = new double[depth][];
        stuckP = new byte[depth][];
        stuckM = new byte[depth][];
        for (int l = 0; l < depth; l++) {
            eff[l] = new double[layers[l + 1]][layers[l]];
            deriv[l] = new double[layers[l + 1]][layers[l]];
            int n = layers[l] * layers[l + 1];
            attP[l] = new double[n];
            attM[l] = new double[n];
            java.util.Arrays.fill(attP[l], 1);
            java.util.Arrays.fill(attM[l], 1);
            stuckP[l] = new byte[n];
            stuckM[l] = new byte[n];
        }
        if (cfg.wireResistanceOhm() > 0 && layout == null && chip == null) {
            throw new IllegalArgumentException("IR-drop attenuation needs a cell layout");
        }
    }

    public HwAwareConfig config() { return cfg; }

    /** Level rounding of a state in [0, 1] (identity when quantisation is off). */
    private double q(double x) { return state(x, cfg.switches()); }

    /** A device state x in [0, 1] rounded to the N+1 levels (x itself when n &lt;= 0), as {@link #sample} does. */
    public static double state(double x, int n) {
        if (n <= 0) return x;
        double k = Math.floor(x * n + 0.5);
        // QuantizePass breaks exact half-level ties toward the smaller level (smaller conductance)
        if (x * n - Math.floor(x * n) == 0.5) k = Math.floor(x * n);
        return Math.min(n, k) / n;
    }

    /**
     * The effective weights of batch (epoch, batch) for nominal weights w; the returned array is
     * owned by this object and overwritten by the next call. Also records dw_eff/dw for {@link #chain}.
     */
    public double[][][] sample(double[][][] w, int epoch, int batch) {
        SplittableRandom r = Seeds.stream(cfg.seed(), "hw-aware", ((long) epoch << 32) | (batch & 0xffffffffL));
        if (chip == null) {
            drawStuck(r);
            if (cfg.wireResistanceOhm() > 0) attenuation(w);
        }
        final double sd = cfg.d2dSigma(), sr = cfg.readNoiseSigma();
        final Normals z = new Normals(r);
        for (int l = 0; l < w.length; l++) {
            int nin = layers[l];
            double[] aP = chip != null ? chip.attPlus()[l] : attP[l];
            double[] aM = chip != null ? chip.attMinus()[l] : attM[l];
            for (int j = 0; j < w[l].length; j++) {
                double[] wr = w[l][j], er = eff[l][j], dr = deriv[l][j];
                // range mapping of a compiled chip: the devices carry sg*w on levels round(N sg w); the current gain divides sg out
                final double sg = chip != null ? chip.scale(l, j) : 1.0;
                for (int i = 0; i < nin; i++) {
                    int k = j * nin + i;
                    double wi = wr[i];
                    double onP = gOn, offP = gOff, onM = gOn, offM = gOff;
                    if (sd > 0) {
                        onP = 1.0 / (rOn * Math.exp(sd * z.next()));
                        offP = 1.0 / (rOff * Math.exp(sd * z.next()));
                        onM = 1.0 / (rOn * Math.exp(sd * z.next()));
                        offM = 1.0 / (rOff * Math.exp(sd * z.next()));
                    }
                    double gp = offP + q(sg * Math.max(wi, 0)) * (onP - offP);
                    double dp = wi > 0 ? sg * (onP - offP) : 0;
                    double gm = offM + q(sg * Math.max(-wi, 0)) * (onM - offM);
                    double dm = wi < 0 ? sg * (onM - offM) : 0; // d(-G-)/dw = sg (onM - offM) when w < 0
                    if (chip != null) {
                        if (chip.stuckPlus()[l][k]) { gp = chip.stuckGPlus()[l][k]; dp = 0; }
                        if (chip.stuckMinus()[l][k]) { gm = chip.stuckGMinus()[l][k]; dm = 0; }
                    } else {
                        byte sp = stuckP[l][k], sm = stuckM[l][k];
                        if (sp != 0) { gp = sp == 1 ? onP : offP; dp = 0; }
                        if (sm != 0) { gm = sm == 1 ? onM : offM; dm = 0; }
                    }
                    if (sr > 0) {
                        double fp = 1 + sr * z.next(), fm = 1 + sr * z.next();
                        gp *= fp;
                        dp *= fp;
                        gm *= fm;
                        dm *= fm;
                    }
                    double ap = aP[k], am = aM[k];
                    er[i] = (ap * gp - am * gm) / (gUnit * sg) + (chip != null ? chip.offset()[l][k] : 0);
                    dr[i] = (ap * dp + am * dm) / (gUnit * sg);
                }
            }
        }
        return eff;
    }

    /** dL/dw from dL/dw_eff of the last {@link #sample}, in place: the Jacobian is diagonal. */
    public void chain(double[][][] grad) {
        for (int l = 0; l < grad.length; l++) {
            for (int j = 0; j < grad[l].length; j++) {
                double[] g = grad[l][j], d = deriv[l][j];
                for (int i = 0; i < g.length; i++) g[i] *= d[i];
            }
        }
    }

    /** dw_eff/dw of the last sample (for tests). */
    public double[][][] derivative() { return deriv; }

    /** Stuck devices of the last sampled batch (sampled mode), for tests and logs. */
    public long stuckDevices() {
        long n = 0;
        if (chip != null) return chip.stuckCells();
        for (int l = 0; l < stuckP.length; l++) for (int k = 0; k < stuckP[l].length; k++) n += (stuckP[l][k] != 0 ? 1 : 0) + (stuckM[l][k] != 0 ? 1 : 0);
        return n;
    }

    /** Stuck positions of this batch, by geometric gaps (rate ~1e-3 makes a per-cell draw wasteful). */
    private void drawStuck(SplittableRandom r) {
        double p = cfg.stuckAtRate();
        for (int l = 0; l < stuckP.length; l++) {
            java.util.Arrays.fill(stuckP[l], (byte) 0);
            java.util.Arrays.fill(stuckM[l], (byte) 0);
        }
        if (p <= 0) return;
        double logq = Math.log1p(-p);
        for (int l = 0; l < stuckP.length; l++) {
            long cells = 2L * stuckP[l].length;
            long pos = -1;
            while (true) {
                double u = r.nextDouble();
                pos += 1 + (long) Math.floor(Math.log(1 - u) / logq);
                if (pos >= cells || pos < 0) break;
                byte state = r.nextDouble() < cfg.stuckOnFraction() ? (byte) 1 : (byte) 2;
                int k = (int) (pos >> 1);
                if ((pos & 1) == 0) stuckP[l][k] = state; else stuckM[l][k] = state;
            }
        }
    }

    /** Sampled-mode attenuation from the nominal quantised conductances on the layout's tiles (unused cells at G_off). */
    private void attenuation(double[][][] w) {
        int nt = layout.tiles();
        double[][] g = new double[nt][];
        for (int t = 0; t < nt; t++) {
            g[t] = new double[layout.tileRows()[t] * layout.tileCols()[t]];
            java.util.Arrays.fill(g[t], gOff);
        }
        for (int l = 0; l < w.length; l++) {
            int nin = layers[l];
            for (int j = 0; j < w[l].length; j++) {
                for (int i = 0; i < nin; i++) {
                    int k = j * nin + i;
                    int t = layout.tile()[l][k], cols = layout.tileCols()[t], base = layout.row()[l][k] * cols;
                    double wi = w[l][j][i];
                    g[t][base + layout.plusCol()[l][k]] = gOff + gUnit * q(Math.max(wi, 0));
                    g[t][base + layout.minusCol()[l][k]] = gOff + gUnit * q(Math.max(-wi, 0));
                }
            }
        }
        double[][] a = new double[nt][];
        for (int t = 0; t < nt; t++) {
            a[t] = IrAttenuation.factors(layout.tileRows()[t], layout.tileCols()[t], g[t], cfg.wireResistanceOhm(), layout.sensed()[t]);
        }
        for (int l = 0; l < w.length; l++) {
            int n = attP[l].length;
            for (int k = 0; k < n; k++) {
                int t = layout.tile()[l][k], cols = layout.tileCols()[t], base = layout.row()[l][k] * cols;
                attP[l][k] = a[t][base + layout.plusCol()[l][k]];
                attM[l][k] = a[t][base + layout.minusCol()[l][k]];
            }
        }
    }

    /** Standard normals from one stream, both Box-Muller outputs used. */
    private static final class Normals {
        private final SplittableRandom r;
        private double spare;
        private boolean has;

        Normals(SplittableRandom r) { this.r = r; }

        double next() {
            if (has) {
                has = false;
                return spare;
            }
            double u1 = r.nextDouble(), u2 = r.nextDouble();
            if (u1 < 1e-300) u1 = 1e-300;
            double m = Math.sqrt(-2 * Math.log(u1)), a = 2 * Math.PI * u2;
            spare = m * Math.sin(a);
            has = true;
            return m * Math.cos(a);
        }
    }
}
