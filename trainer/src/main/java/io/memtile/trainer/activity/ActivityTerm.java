package io.memtile.trainer.activity;

import java.util.Arrays;

/**
 * The differentiable activity term of one batch-lane workspace: per sample b and hidden neuron layer
 * l, {@code λ (A_l,b - R)^2} with A_l,b the layer's smooth action-potential count per neuron.
 *
 * <p><b>The smooth count.</b> With s_t = σ((V_t - V_fire)/κ) of the membrane voltage after step t
 * (V_fire = E1 + V_on,1, {@link ActionPotentialCriterion#onVolts()}; s_0 from the rest state), a
 * neuron's count is the upward variation of s, {@code a = Σ_t max(0, s_t - s_{t-1})}. As κ → 0 this is
 * exactly the number of upward crossings of V_fire, which is what {@link ActionPotentialCounter} counts
 * (the counter's hysteresis only matters for ringing within κ of V_fire). It is a function of V alone:
 * M1's state cannot tell an action potential from a plateau (M1 is already half switched at 57.5 mV),
 * while V above V_fire is M1 being driven fully on, i.e. the action potential itself.
 *
 * <p><b>Gradient.</b> The term depends on the membrane history only, so its adjoint is added to
 * dL/dV_t step by step in the reverse sweep, before the exact MIF adjoint of that step runs; the
 * physics' own gradient is untouched. With g_l,b = 2λ (A_l,b - R)/n_l:
 * {@code dTerm/dV_t = g · [H(s_t - s_{t-1}) - H(s_{t+1} - s_t)] · s_t (1 - s_t)/κ} (H = step; the
 * second Heaviside is absent at the last step). max(0, ·) is not differentiable where two successive
 * s are equal, a set of measure zero.
 *
 * <p>Two hooks, both layout [neuron][lane] as in {@code LaneBptt}: {@link #begin} + {@link #accumulate}
 * per step and hidden layer + {@link #finish} in the forward pass, {@link #addAdjoint} per step and hidden
 * layer in the backward pass. The sigmoid history is kept, so the backward pass recomputes nothing.
 */
public final class ActivityTerm {
    private final ActivityTarget target;
    private final double fire;
    private final double invWidth;
    private final int hidden;
    private final int[] widths;
    private final int lanes;
    /** s history per hidden layer: sig[l][t][j * lanes + b], t = 0..steps (0 = rest). */
    private final double[][][] sig;
    /** Smooth count per neuron and lane of the current forward pass. */
    private final double[][] count;
    /** Per layer and lane: A_l,b and the adjoint factor g_l,b. */
    private final double[][] mean, factor;
    private final double[] laneLoss;

    /**
     * @param widths widths of every neuron layer; the last (the readout) carries no term
     * @param steps  time steps per inference
     */
    public ActivityTerm(ActivityTarget target, ActionPotentialCriterion criterion, int[] widths, int lanes, int steps) {
        this.target = target;
        this.fire = criterion.onVolts();
        this.invWidth = 1.0 / target.widthVolts();
        this.hidden = widths.length - 1;
        this.widths = widths.clone();
        this.lanes = lanes;
        sig = new double[hidden][steps + 1][];
        count = new double[hidden][];
        mean = new double[hidden][lanes];
        factor = new double[hidden][lanes];
        for (int l = 0; l < hidden; l++) {
            for (int t = 0; t <= steps; t++) sig[l][t] = new double[widths[l] * lanes];
            count[l] = new double[widths[l] * lanes];
        }
        laneLoss = new double[lanes];
    }

    public ActivityTarget target() { return target; }

    /** Number of neuron layers that carry the term (all but the readout). */
    public int hiddenLayers() { return hidden; }

    private double sigmoid(double v) { return 1.0 / (1.0 + Math.exp(-(v - fire) * invWidth)); }

    /** Forward hook, before step 0: {@code rest} is layer l's membrane history at t = 0 (vh[l][0]). */
    public void begin(int l, double[] rest) {
        double[] s0 = sig[l][0];
        for (int k = 0; k < s0.length; k++) s0[k] = sigmoid(rest[k]);
        Arrays.fill(count[l], 0);
    }

    /** Forward hook after step t of hidden layer l: {@code v} is its membrane voltage after the step (vh[l][t + 1]). */
    public void accumulate(int l, int t, double[] v) {
        double[] prev = sig[l][t], s = sig[l][t + 1], a = count[l];
        for (int k = 0; k < s.length; k++) {
            double x = sigmoid(v[k]);
            s[k] = x;
            double d = x - prev[k];
            if (d > 0) a[k] += d;
        }
    }

    /** Forward hook at the end: per-lane term λ Σ_l (A_l,b - R)^2 for lanes b &lt; {@code used}, and the adjoint factors. */
    public void finish(int used) {
        Arrays.fill(laneLoss, 0);
        for (int l = 0; l < hidden; l++) {
            int n = widths[l];
            double[] a = count[l];
            for (int b = 0; b < lanes; b++) {
                if (b >= used) {
                    mean[l][b] = 0;
                    factor[l][b] = 0;
                    continue;
                }
                double sum = 0;
                for (int j = 0; j < n; j++) sum += a[j * lanes + b];
                double m = sum / n, e = m - target.rate();
                mean[l][b] = m;
                factor[l][b] = 2 * target.weight() * e / n;
                laneLoss[b] += target.weight() * e * e;
            }
        }
    }

    /** The term's value for lane b (after {@link #finish}). */
    public double loss(int b) { return laneLoss[b]; }

    /** Smooth action potentials per neuron of hidden layer l, lane b (after {@link #finish}). */
    public double smoothCount(int l, int b) { return mean[l][b]; }

    /**
     * Backward hook at step t (0-based, reverse sweep) for hidden layer l: adds laneScale[b] · dTerm/dV_l(after step t)
     * into {@code gV} before the MIF adjoint of step t consumes it.
     */
    public void addAdjoint(int l, int t, double[] gV, double[] laneScale) {
        final int L = lanes, n = widths[l];
        final double[] prev = sig[l][t], s = sig[l][t + 1];
        final double[] next = t + 2 < sig[l].length ? sig[l][t + 2] : null;
        final double[] f = factor[l];
        for (int j = 0; j < n; j++) {
            int base = j * L;
            for (int b = 0; b < L; b++) {
                double c = f[b] * laneScale[b];
                if (c == 0) continue;
                int k = base + b;
                double x = s[k];
                double h = (x - prev[k] > 0 ? 1 : 0) - (next != null && next[k] - x > 0 ? 1 : 0);
                if (h != 0) gV[k] += c * h * x * (1 - x) * invWidth;
            }
        }
    }
}
