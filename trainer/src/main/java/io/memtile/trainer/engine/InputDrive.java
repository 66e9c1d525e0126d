package io.memtile.trainer.engine;

import io.memtile.datasets.events.SparseFrames;
import io.memtile.physics.mif.lanes.LaneOps;
import java.util.Arrays;

/**
 * The layer-0 drive of a {@link LaneBptt} lane group, and its adjoint. The input layer's alpha
 * generators scale one shared alpha waveform by a per-row value, so neuron j of layer 0 receives
 * {@code coeff0 * alpha[t] * u_j(t)} with {@code u(t) = W0 x(t)}:
 * <ul>
 *   <li><b>static</b> input (images): x(t) = p for every step, so u is one product per sample (one "bin");</li>
 *   <li><b>binned events</b>: the run's steps are split into B equal bins ({@link SparseFrames#binOf}) and
 *       x(t) is frame k of the sample during bin k, so u is one product per bin, computed from the
 *       sparse frame (one column add per event entry, never a dense 2,312-wide row).</li>
 * </ul>
 * The reverse accumulates {@code gu_k = sum_{t in bin k} coeff0 alpha[t] dL/dI0[t]} per bin; the
 * first-layer weight gradient is then {@code sum_k gu_k ⊗ x_k} (formed by the caller, sparse for
 * events). Static input is exactly the one-bin case, with the arithmetic of the original engine.
 *
 * <p>Layouts follow LaneBptt: [neuron][lane] ({@code j * lanes + b}). Allocation-free after the first
 * use with a given bin count.
 */
public final class InputDrive {
    private final int lanes, inputs, width, steps;
    /** Static inputs [i][lane]. */
    private final double[] in;
    /** Per lane, the event sample (frames null = static mode). */
    private SparseFrames frames;
    private final int[] sample;
    private int bins = 1;
    private int[] binOf;
    /** u per bin [k][j * lanes + b] and its adjoint. */
    private double[][] u, gu;

    public InputDrive(int lanes, int inputs, int width, int steps) {
        this.lanes = lanes;
        this.inputs = inputs;
        this.width = width;
        this.steps = steps;
        in = new double[inputs * lanes];
        sample = new int[lanes];
        Arrays.fill(sample, -1);
        configure(1);
    }

    private void configure(int b) {
        if (u != null && bins == b) return;
        bins = b;
        binOf = new int[steps];
        for (int t = 0; t < steps; t++) binOf[t] = SparseFrames.binOf(t, steps, b);
        u = new double[b][width * lanes];
        gu = new double[b][width * lanes];
    }

    /** Static input of lane b (switches the group to static mode). */
    public void setStatic(int b, double[] p) {
        if (frames != null) {
            frames = null;
            configure(1);
        }
        for (int i = 0; i < p.length; i++) in[i * lanes + b] = p[i];
    }

    /** Event sample {@code s} of {@code f} for lane b (switches the group to binned mode). */
    public void setFrames(int b, SparseFrames f, int s) {
        if (f.channels() != inputs) throw new IllegalArgumentException("frames have " + f.channels() + " channels, the network " + inputs + " inputs");
        if (frames != f) {
            frames = f;
            Arrays.fill(sample, -1);
        }
        configure(f.bins());
        sample[b] = s;
    }

    /** Lane b carries no sample: zero drive. */
    public void clear(int b) {
        for (int i = 0; i < inputs; i++) in[i * lanes + b] = 0;
        sample[b] = -1;
    }

    public int bins() { return bins; }

    public boolean binned() { return frames != null; }

    /** Computes u = W0 x per bin for every lane. */
    public void forward(double[][] w0, LaneOps ops) {
        if (frames == null) {
            ops.gemv(w0, width, inputs, in, 0, lanes, 1.0, u[0], 0);
            return;
        }
        for (int k = 0; k < bins; k++) {
            double[] uk = u[k];
            Arrays.fill(uk, 0);
            for (int b = 0; b < lanes; b++) {
                int s = sample[b];
                if (s < 0) continue;
                for (int e = frames.from(s, k), end = frames.to(s, k); e < end; e++) {
                    int ch = frames.channel()[e];
                    double v = frames.value(e);
                    for (int j = 0; j < width; j++) uk[j * lanes + b] = Math.fma(w0[j][ch], v, uk[j * lanes + b]);
                }
            }
        }
    }

    /** u for step t, [j * lanes + b]. */
    public double[] u(int t) { return u[binOf[t]]; }

    public void clearGradient() {
        for (double[] g : gu) Arrays.fill(g, 0);
    }

    /** gu_{bin(t)} += a * gi (a = coeff0 alpha[t]). */
    public void accumulate(int t, double a, double[] gi, int n) {
        double[] g = gu[binOf[t]];
        for (int k = 0; k < n; k++) g[k] += a * gi[k];
    }

    /** d/du_j of bin k, lane b (times coeff0 and the loss scale). */
    public double gradient(int k, int j, int b) { return gu[k][j * lanes + b]; }
}
