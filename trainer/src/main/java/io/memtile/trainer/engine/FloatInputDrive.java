package io.memtile.trainer.engine;

import io.memtile.datasets.events.SparseFrames;
import io.memtile.physics.mif.lanes.FloatLaneOps;
import java.util.Arrays;

/**
 * The float32 twin of {@link InputDrive} for {@link FloatLaneBptt}: layer 0 receives
 * {@code coeff0 * alpha[t] * u_j(t)} with {@code u(t) = W0 x(t)}, static (one bin, one product per
 * sample) or binned events (one sparse product per bin; see InputDrive), and the reverse accumulates
 * {@code gu_k = sum_{t in bin k} coeff0 alpha[t] dL/dI0[t]} per bin. u, gu and the weights (rounded
 * by the caller) are float; the event counts are small integers over the clip, so their float value
 * is the double one rounded once. Layout [neuron][lane] ({@code j * lanes + b}).
 */
public final class FloatInputDrive {
    private final int lanes, inputs, width, steps;
    /** Static inputs [i][lane]. */
    private final float[] in;
    /** The event frames (null = static mode) and per lane the sample index (-1 = none). */
    private SparseFrames frames;
    private final int[] sample;
    private int bins = 1;
    private int[] binOf;
    /** u per bin [k][j * lanes + b] and its adjoint. */
    private float[][] u, gu;

    public FloatInputDrive(int lanes, int inputs, int width, int steps) {
        this.lanes = lanes;
        this.inputs = inputs;
        this.width = width;
        this.steps = steps;
        in = new float[inputs * lanes];
        sample = new int[lanes];
        Arrays.fill(sample, -1);
        configure(1);
    }

    private void configure(int b) {
        if (u != null && bins == b) return;
        bins = b;
        binOf = new int[steps];
        for (int t = 0; t < steps; t++) binOf[t] = SparseFrames.binOf(t, steps, b);
        u = new float[b][width * lanes];
        gu = new float[b][width * lanes];
    }

    /** Static input of lane b (switches the group to static mode). */
    public void setStatic(int b, double[] p) {
        if (frames != null) {
            frames = null;
            configure(1);
        }
        for (int i = 0; i < p.length; i++) in[i * lanes + b] = (float) p[i];
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
        for (int i = 0; i < inputs; i++) in[i * lanes + b] = 0f;
        sample[b] = -1;
    }

    public int bins() { return bins; }

    /** Computes u = W0 x per bin for every lane ({@code w0}: the weights rounded to float). */
    public void forward(float[][] w0, FloatLaneOps ops) {
        if (frames == null) {
            ops.gemv(w0, width, inputs, in, 0, lanes, 1f, u[0], 0);
            return;
        }
        for (int k = 0; k < bins; k++) {
            float[] uk = u[k];
            Arrays.fill(uk, 0f);
            for (int b = 0; b < lanes; b++) {
                int s = sample[b];
                if (s < 0) continue;
                for (int e = frames.from(s, k), end = frames.to(s, k); e < end; e++) {
                    int ch = frames.channel()[e];
                    float v = (float) frames.value(e);
                    for (int j = 0; j < width; j++) uk[j * lanes + b] = Math.fma(w0[j][ch], v, uk[j * lanes + b]);
                }
            }
        }
    }

    /** u for step t, [j * lanes + b]. */
    public float[] u(int t) { return u[binOf[t]]; }

    public void clearGradient() {
        for (float[] g : gu) Arrays.fill(g, 0f);
    }

    /** gu_{bin(t)} += a * gi (a = coeff0 alpha[t] in float). */
    public void accumulate(int t, float a, float[] gi, int n) {
        float[] g = gu[binOf[t]];
        for (int k = 0; k < n; k++) g[k] += a * gi[k];
    }

    /** d/du_j of bin k, lane b (times coeff0 and the loss scale). */
    public float gradient(int k, int j, int b) { return gu[k][j * lanes + b]; }
}
