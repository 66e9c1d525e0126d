package io.memtile.trainer.activity;

import io.memtile.physics.mif.lanes.ExpPolyF;
import io.memtile.physics.mif.lanes.FloatLaneOps;
import java.util.Arrays;

/**
 * The float32 twin of {@link ActivityTerm} for {@code FloatLaneBptt}: the same smooth count
 * {@code a = Σ_t max(0, s_t - s_{t-1})} of s_t = σ((V_t - V_fire)/κ), the same per-lane term
 * {@code λ Σ_l (A_l,b - R)^2} and the same adjoint (see ActivityTerm for the derivation), with the
 * sigmoid history, the per-neuron counts and the adjoint in float and the two per-step loops on
 * {@link FloatLaneOps} (SIMD: one vector = one neuron across 16 lanes; the sigmoid's exp is
 * {@link ExpPolyF}, so the SIMD and scalar paths are bit-identical). The per-lane means A_l,b and the
 * term's value are summed in double in neuron order, like every loss the float engine reports.
 *
 * <p>Float versus double: σ is within a few float ulp of the double one, and 1 - σ loses its
 * relative accuracy where σ rounds to 1 (|V - V_fire| &gt; 17 κ); there the adjoint σ(1 - σ)/κ is below
 * 6e-8 of its peak, so the loss of accuracy is at float resolution of the largest entry.
 */
public final class FloatActivityTerm {
    private final ActivityTarget target;
    private final FloatLaneOps ops;
    private final float fire;
    private final float invWidth;
    private final int hidden;
    private final int[] widths;
    private final int lanes;
    /** s history per hidden layer: sig[l][t][j * lanes + b], t = 0..steps (0 = rest). */
    private final float[][][] sig;
    /** Smooth count per neuron and lane of the current forward pass. */
    private final float[][] count;
    /** Per layer and lane: A_l,b (double) and the adjoint factor g_l,b = 2λ (A_l,b - R)/n_l (float). */
    private final double[][] mean;
    private final float[][] factor;
    private final double[] laneLoss;
    /** Scratch: per lane, factor times the loss scale. */
    private final float[] c;

    /**
     * @param widths widths of every neuron layer; the last (the readout) carries no term
     * @param steps  time steps per inference
     */
    public FloatActivityTerm(ActivityTarget target, ActionPotentialCriterion criterion, FloatLaneOps ops, int[] widths, int lanes, int steps) {
        this.target = target;
        this.ops = ops;
        this.fire = (float) criterion.onVolts();
        this.invWidth = (float) (1.0 / target.widthVolts());
        this.hidden = widths.length - 1;
        this.widths = widths.clone();
        this.lanes = lanes;
        sig = new float[hidden][steps + 1][];
        count = new float[hidden][];
        mean = new double[hidden][lanes];
        factor = new float[hidden][lanes];
        for (int l = 0; l < hidden; l++) {
            for (int t = 0; t <= steps; t++) sig[l][t] = new float[widths[l] * lanes];
            count[l] = new float[widths[l] * lanes];
        }
        laneLoss = new double[lanes];
        c = new float[lanes];
    }

    public ActivityTarget target() { return target; }

    /** Number of neuron layers that carry the term (all but the readout). */
    public int hiddenLayers() { return hidden; }

    /** Forward hook, before step 0: {@code rest} is layer l's membrane history at t = 0. */
    public void begin(int l, float[] rest) {
        float[] s0 = sig[l][0];
        // the same float operations as FloatLaneOps.sigmoidRise (scalar here in every mode: one call per pass)
        for (int k = 0; k < s0.length; k++) s0[k] = 1f / (1f + ExpPolyF.exp(-((rest[k] - fire) * invWidth)));
        Arrays.fill(count[l], 0f);
    }

    /** Forward hook after step t of hidden layer l: {@code v} is its membrane voltage after the step. */
    public void accumulate(int l, int t, float[] v) {
        ops.sigmoidRise(v.length, v, fire, invWidth, sig[l][t], sig[l][t + 1], count[l]);
    }

    /** Forward hook at the end: per-lane term λ Σ_l (A_l,b - R)^2 for lanes b &lt; {@code used}, and the adjoint factors. */
    public void finish(int used) {
        Arrays.fill(laneLoss, 0);
        for (int l = 0; l < hidden; l++) {
            int n = widths[l];
            float[] a = count[l];
            for (int b = 0; b < lanes; b++) {
                if (b >= used) {
                    mean[l][b] = 0;
                    factor[l][b] = 0f;
                    continue;
                }
                double sum = 0;
                for (int j = 0; j < n; j++) sum += a[j * lanes + b];
                double m = sum / n, e = m - target.rate();
                mean[l][b] = m;
                factor[l][b] = (float) (2 * target.weight() * e / n);
                laneLoss[b] += target.weight() * e * e;
            }
        }
    }

    /** The term's value for lane b (after {@link #finish}). */
    public double loss(int b) { return laneLoss[b]; }

    /** Smooth action potentials per neuron of hidden layer l, lane b (after {@link #finish}). */
    public double smoothCount(int l, int b) { return mean[l][b]; }

    /**
     * Backward hook at step t (reverse sweep) for hidden layer l: adds laneScale[b] · dTerm/dV_l(after
     * step t) into {@code gV} before the MIF adjoint of step t consumes it.
     */
    public void addAdjoint(int l, int t, float[] gV, float[] laneScale) {
        float[] f = factor[l];
        for (int b = 0; b < lanes; b++) c[b] = f[b] * laneScale[b];
        float[][] s = sig[l];
        ops.sigmoidAdjoint(widths[l], lanes, s[t], s[t + 1], t + 2 < s.length ? s[t + 2] : null, c, invWidth, gV);
    }
}
