package io.memtile.trainer.engine;

import io.memtile.physics.mif.MifKernel;
import java.util.Arrays;

/**
 * One thread's workspace for the forward pass and exact backpropagation-through-time of one
 * sample. All buffers are allocated once; {@link #forward} and {@link #backward} allocate nothing.
 *
 * <p>Forward (NetworkConfig's signal chain, spec sections 2 and 4): u = W0 p once per sample, then
 * per step t: I0[t] = coeff0 alpha[t] u; layer-0 MIF step; I_l[t] = coeff_l W_l V_{l-1}[t+1];
 * layer-l MIF step; logits[t] = V_out[t+1] / lossVoltageUnit; loss = sum_t NLL(log_softmax(logits[t]), y).
 * Index t+1 is the state AFTER step t; index 0 is the rest state.
 *
 * <p>Backward is the reverse sweep of exactly that computation: every state of every step is
 * stored (3 doubles per neuron-step) and the exact vector-Jacobian product of the integrator is
 * applied step by step in reverse. A training forward pass also records the kernel's tape
 * ({@code MifKernel.forwardTaped}, TAPE_STRIDE doubles per neuron-step) so that the reverse step
 * ({@code MifKernel.backwardTaped}) recomputes no exp; without a tape it falls back to
 * {@code MifKernel.backward}, with bit-identical results. No surrogate gradient or
 * straight-through estimator exists anywhere: the MIF map is smooth and differentiated as is.
 */
public final class Bptt {
    private final Network net;
    private final int steps;
    private final int depth;
    private final int[] widths;
    /** u = W0 p (before coeff0 and alpha); for binned event input, u of the current bin (see binU). */
    private final double[] u;
    /**
     * Binned event input (null for static input): binU[k] = W0 x_k per input bin k, and
     * binOf[t] the bin of step t. The layer-0 current of step t is coeff0 alpha[t] binU[binOf[t]].
     */
    private double[][] binU;
    private int[] binOf;
    private final double[][][] v;
    private final double[][][] x1;
    private final double[][][] x2;
    private final double[][][] cur;
    private final double[] lsmSum;
    private final double[] maxV;
    /** exp(z_k - zMax) of the current step in backward (computed once, used for sum and softmax). */
    private final double[] ez;
    private final double[][] gV;
    private final double[][] gX1;
    private final double[][] gX2;
    private final double[][] gI;
    /** Word-line driver of the hidden layers (null: direct drive); dv scratch = driven voltages of one layer. */
    private final io.memtile.physics.driver.WordLineDriver driver;
    private final double[] dv;
    private final double[] gDrv;
    /**
     * Per layer, the kernel's tape for every step: [t * widths[l] * TAPE_STRIDE ...]. Allocated on
     * the first training forward pass (inference-only workspaces never need it); null when it
     * would exceed {@link #MAX_TAPE_BYTES}, in which case backward recomputes via
     * {@code MifKernel.backward} (bit-identical results either way).
     */
    private double[][] tape;
    /** Whether the last forward pass filled the tape. */
    private boolean taped;
    private final boolean tapeFits;
    /** Cap on the tape per workspace (one per thread); 784-100-10 x 1,000 steps needs 7 MB. */
    static final long MAX_TAPE_BYTES = 256L << 20;

    public Bptt(Network net) {
        this.net = net;
        this.steps = net.steps;
        this.depth = net.depth;
        this.widths = new int[depth];
        for (int l = 0; l < depth; l++) widths[l] = net.layers[l + 1];
        u = new double[widths[0]];
        v = new double[depth][][];
        x1 = new double[depth][][];
        x2 = new double[depth][][];
        cur = new double[depth][][];
        gV = new double[depth][];
        gX1 = new double[depth][];
        gX2 = new double[depth][];
        gI = new double[depth][];
        for (int l = 0; l < depth; l++) {
            int n = widths[l];
            v[l] = new double[steps + 1][n];
            x1[l] = new double[steps + 1][n];
            x2[l] = new double[steps + 1][n];
            cur[l] = new double[steps][n];
            Arrays.fill(v[l][0], net.rest[0]);
            Arrays.fill(x1[l][0], net.rest[1]);
            Arrays.fill(x2[l][0], net.rest[2]);
            gV[l] = new double[n];
            gX1[l] = new double[n];
            gX2[l] = new double[n];
            gI[l] = new double[n];
        }
        driver = net.driver;
        dv = new double[net.maxWidth()];
        gDrv = new double[net.maxWidth()];
        lsmSum = new double[net.classes()];
        maxV = new double[net.classes()];
        ez = new double[net.classes()];
        long neurons = 0;
        for (int l = 0; l < depth; l++) neurons += widths[l];
        long bytes = 8L * MifKernel.TAPE_STRIDE * steps * neurons;
        tapeFits = bytes <= MAX_TAPE_BYTES && (long) MifKernel.TAPE_STRIDE * steps * maxWidth() < Integer.MAX_VALUE;
    }

    private int maxWidth() {
        int m = 0;
        for (int wd : widths) m = Math.max(m, wd);
        return m;
    }

    private boolean ensureTape() {
        if (!tapeFits) return false;
        if (tape == null) {
            double[][] tp = new double[depth][];
            for (int l = 0; l < depth; l++) tp[l] = new double[MifKernel.TAPE_STRIDE * steps * widths[l]];
            tape = tp;
        }
        return true;
    }

    public Network network() { return net; }

    /**
     * Runs one sample. Returns the summed loss sum_t NLL(log_softmax(logits[t]), y) when
     * 0 &lt;= y, or NaN when y &lt; 0 (inference only). Afterwards {@link #predict()},
     * {@link #voltages(int)} and the readout scores refer to this sample.
     */
    public double forward(double[] p, int y, double[][][] w) {
        final int n0 = widths[0];
        final int nIn = net.layers[0];
        binU = null;
        matVec(w[0], p, n0, nIn, 1, u);
        return run(y, w);
    }

    /**
     * As {@link #forward(double[], int, double[][][])} with time-varying input: {@code frames[k]} is the
     * dense input of bin k, shown during steps {@code SparseFrames.binOf(t, steps, frames.length) == k}.
     * The reference for the lane engine's binned drive ({@link InputDrive}).
     */
    public double forward(double[][] frames, int y, double[][][] w) {
        final int n0 = widths[0];
        final int nIn = net.layers[0];
        int bins = frames.length;
        if (binU == null || binU.length != bins) {
            binU = new double[bins][n0];
            binOf = new int[steps];
            for (int t = 0; t < steps; t++) binOf[t] = io.memtile.datasets.events.SparseFrames.binOf(t, steps, bins);
        }
        for (int k = 0; k < bins; k++) matVec(w[0], frames[k], n0, nIn, 1, binU[k]);
        return run(y, w);
    }

    private double run(int y, double[][][] w) {
        Arrays.fill(lsmSum, 0);
        Arrays.fill(maxV, Double.NEGATIVE_INFINITY);
        // record the kernel's intermediates only when a backward pass can follow. Two copies of the
        // time loop so that training and inference each get their own JIT profile.
        final boolean tp = y >= 0 && ensureTape();
        taped = tp;
        return tp ? sweepTaped(y, w) : sweep(y, w);
    }

    /** The time loop of {@link #forward} without a tape. */
    private double sweep(int y, double[][][] w) {
        final int n0 = widths[0];
        final double c0 = net.coeff[0];
        final MifKernel kernel = net.kernel;
        double loss = 0;
        for (int t = 0; t < steps; t++) {
            double[] i0 = cur[0][t];
            double a = c0 * net.alpha[t];
            double[] uu = binU == null ? u : binU[binOf[t]];
            for (int j = 0; j < n0; j++) i0[j] = a * uu[j];
            kernel.forward(n0, v[0][t], x1[0][t], x2[0][t], i0, v[0][t + 1], x1[0][t + 1], x2[0][t + 1]);
            for (int l = 1; l < depth; l++) {
                double[] il = drive(l, t, w);
                kernel.forward(widths[l], v[l][t], x1[l][t], x2[l][t], il, v[l][t + 1], x1[l][t + 1], x2[l][t + 1]);
            }
            loss += readout(t, y);
        }
        return y >= 0 ? loss : Double.NaN;
    }

    /** The time loop of {@link #forward}, recording the kernel's tape for {@link #backward}. */
    private double sweepTaped(int y, double[][][] w) {
        final int n0 = widths[0];
        final double c0 = net.coeff[0];
        final MifKernel kernel = net.kernel;
        final int stride = MifKernel.TAPE_STRIDE;
        double loss = 0;
        for (int t = 0; t < steps; t++) {
            double[] i0 = cur[0][t];
            double a = c0 * net.alpha[t];
            double[] uu = binU == null ? u : binU[binOf[t]];
            for (int j = 0; j < n0; j++) i0[j] = a * uu[j];
            kernel.forwardTaped(n0, v[0][t], x1[0][t], x2[0][t], i0, v[0][t + 1], x1[0][t + 1], x2[0][t + 1],
                    tape[0], t * n0 * stride);
            for (int l = 1; l < depth; l++) {
                int n = widths[l];
                double[] il = drive(l, t, w);
                kernel.forwardTaped(n, v[l][t], x1[l][t], x2[l][t], il, v[l][t + 1], x1[l][t + 1], x2[l][t + 1],
                        tape[l], t * n * stride);
            }
            loss += readout(t, y);
        }
        return y >= 0 ? loss : Double.NaN;
    }

    /** I_l[t] = coeff_l W_l V_{l-1}[t+1], written into cur[l][t] and returned. */
    private double[] drive(int l, int t, double[][][] w) {
        int n = widths[l], m = widths[l - 1];
        double[] vPrev = v[l - 1][t + 1];
        if (driver != null) {
            driver.apply(vPrev, dv, m);
            vPrev = dv;
        }
        double[] il = cur[l][t];
        matVec(w[l], vPrev, n, m, net.coeff[l], il);
        return il;
    }

    /**
     * out[j] = c * sum_i wl[j][i] x[i] for j in [0, n), each sum accumulated from 0 in order of i
     * (bit-identical to the plain loop). Four rows run side by side so that four independent
     * add chains hide the floating-point add latency.
     */
    private static void matVec(double[][] wl, double[] x, int n, int m, double c, double[] out) {
        int j = 0;
        for (; j + 3 < n; j += 4) {
            double[] r0 = wl[j], r1 = wl[j + 1], r2 = wl[j + 2], r3 = wl[j + 3];
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int i = 0; i < m; i++) {
                double xi = x[i];
                s0 += r0[i] * xi;
                s1 += r1[i] * xi;
                s2 += r2[i] * xi;
                s3 += r3[i] * xi;
            }
            out[j] = c * s0;
            out[j + 1] = c * s1;
            out[j + 2] = c * s2;
            out[j + 3] = c * s3;
        }
        for (; j < n; j++) {
            double[] row = wl[j];
            double s = 0;
            for (int i = 0; i < m; i++) s += row[i] * x[i];
            out[j] = c * s;
        }
    }

    /** Readout scores and the loss of step t (0 when y &lt; 0). */
    private double readout(int t, int y) {
        final int classes = net.classes();
        final double unit = net.lossVoltageUnit;
        double[] vo = v[depth - 1][t + 1];
        double zMax = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            double z = vo[k] / unit;
            if (z > zMax) zMax = z;
            if (vo[k] > maxV[k]) maxV[k] = vo[k];
        }
        double se = 0;
        for (int k = 0; k < classes; k++) se += Math.exp(vo[k] / unit - zMax);
        double lse = zMax + Math.log(se);
        for (int k = 0; k < classes; k++) lsmSum[k] += vo[k] / unit - lse;
        return y >= 0 ? lse - vo[y] / unit : 0;
    }

    /**
     * Reverse sweep of the last {@link #forward} (which must have been called with the same w).
     * Adds scale * d(loss)/d(...) into: gu[j] += d/d u_j where u = W0 p, times coeff0 (so that
     * dW0 = gu ⊗ p), and gW[l][j][i] for l &gt;= 1 (gW[0] is not touched; the caller forms the
     * first-layer outer product, batched over samples).
     */
    public void backward(int y, double[][][] w, double scale, double[] gu, double[][][] gW) {
        if (binU != null) throw new IllegalStateException("the last forward pass had binned input: use backwardBinned");
        backwardInto(y, w, scale, gu, null, gW);
    }

    /**
     * Reverse sweep after {@link #forward(double[][], int, double[][][])}: guBins[k][j] += d/d(W0 x_k)_j
     * times coeff0 (so that dW0 = sum_k guBins[k] ⊗ x_k); deeper layers as {@link #backward}.
     */
    public void backwardBinned(int y, double[][][] w, double scale, double[][] guBins, double[][][] gW) {
        if (binU == null) throw new IllegalStateException("the last forward pass had static input: use backward");
        backwardInto(y, w, scale, null, guBins, gW);
    }

    private void backwardInto(int y, double[][][] w, double scale, double[] guStatic, double[][] guBins, double[][][] gW) {
        final int classes = net.classes();
        final int out = depth - 1;
        final double unit = net.lossVoltageUnit;
        for (int l = 0; l < depth; l++) {
            Arrays.fill(gV[l], 0);
            Arrays.fill(gX1[l], 0);
            Arrays.fill(gX2[l], 0);
        }
        final double c0 = net.coeff[0];
        final int n0 = widths[0];
        final MifKernel kernel = net.kernel;
        final boolean tp = taped;
        for (int t = steps - 1; t >= 0; t--) {
            // loss at step t: d/dV_k of (lse - z_y) = (softmax_k - [k == y]) / unit
            double[] vo = v[out][t + 1];
            double zMax = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) zMax = Math.max(zMax, vo[k] / unit);
            double se = 0;
            for (int k = 0; k < classes; k++) {
                double e = Math.exp(vo[k] / unit - zMax);
                ez[k] = e;
                se += e;
            }
            double[] gvo = gV[out];
            for (int k = 0; k < classes; k++) {
                double sm = ez[k] / se;
                gvo[k] += scale * (sm - (k == y ? 1 : 0)) / unit;
            }
            // layers top-down: gV[l] is the full adjoint of V_l[t+1] once layer l+1 has pushed into it
            for (int l = depth - 1; l >= 0; l--) {
                int n = widths[l];
                if (tp) {
                    kernel.backwardTaped(n, tape[l], t * n * MifKernel.TAPE_STRIDE, gV[l], gX1[l], gX2[l], gI[l]);
                } else {
                    kernel.backward(n, v[l][t], x1[l][t], x2[l][t], cur[l][t], gV[l], gX1[l], gX2[l], gI[l]);
                }
                double[] gi = gI[l];
                if (l > 0) {
                    int m = widths[l - 1];
                    double c = net.coeff[l];
                    double[] vPrev = v[l - 1][t + 1];
                    double[] gPrev = gV[l - 1];
                    double[] vRaw = vPrev;
                    if (driver != null) {
                        // through the driver: the weights see d(V); dV gets the adjoint only where d follows V
                        driver.apply(vRaw, dv, m);
                        vPrev = dv;
                        gPrev = gDrv;
                        java.util.Arrays.fill(gDrv, 0, m, 0);
                    }
                    double[][] wl = w[l];
                    double[][] gwl = gW[l];
                    for (int j = 0; j < n; j++) {
                        double g = c * gi[j];
                        if (g == 0) continue;
                        double[] row = wl[j];
                        double[] grow = gwl[j];
                        for (int i = 0; i < m; i++) {
                            grow[i] += g * vPrev[i];
                            gPrev[i] += g * row[i];
                        }
                    }
                    if (driver != null) driver.addAdjoint(vRaw, gDrv, gV[l - 1], m);
                } else {
                    double a = c0 * net.alpha[t];
                    double[] gu = guBins == null ? guStatic : guBins[binOf[t]];
                    for (int j = 0; j < n0; j++) gu[j] += a * gi[j];
                }
            }
        }
    }

    /** Class predicted by the network's readout for the last forward pass. */
    public int predict() {
        double[] s = net.readout == Readout.MAX_VOLTAGE ? maxV : lsmSum;
        int best = 0;
        for (int k = 1; k < s.length; k++) if (s[k] > s[best]) best = k;
        return best;
    }

    /** Membrane voltages of neuron layer l+1 (weight layer l), [t = 0..steps][neuron]; row 0 is the rest state. */
    public double[][] voltages(int l) { return v[l]; }

    /** Membrane state x1 of M1 in weight layer l, [t = 0..steps][neuron]. */
    public double[][] x1(int l) { return x1[l]; }

    /** Summed log-softmax scores of the last forward pass. */
    public double[] sumLogSoftmax() { return lsmSum; }

    /** Per-class maximum output voltage of the last forward pass. */
    public double[] maxVoltage() { return maxV; }
}
