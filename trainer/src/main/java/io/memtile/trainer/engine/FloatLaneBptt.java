package io.memtile.trainer.engine;

import io.memtile.physics.mif.lanes.FloatLaneKernel;
import io.memtile.physics.mif.lanes.FloatLaneOps;
import io.memtile.trainer.activity.ActionPotentialCriterion;
import io.memtile.trainer.activity.ActivityTarget;
import io.memtile.trainer.activity.FloatActivityTerm;
import java.util.Arrays;

/**
 * The float32 twin of {@link LaneBptt}: forward pass and exact BPTT of a lane group with state, tape,
 * layer products and readout in float (16 lanes per AVX-512 vector). The map and its reverse are
 * those of LaneBptt step for step; only the arithmetic is float. What stays double: the inputs and
 * weights handed in (rounded to float once per forward pass), the per-lane loss sum, and everything
 * the caller does with the gradients (BatchGradient sums samples in double, in sample order, so
 * results stay independent of the thread count).
 *
 * <p>LaneBptt's input and loss features are mirrored by float twins at the same hooks: the layer-0
 * drive (static or binned events, {@link FloatInputDrive}: {@link #layer0Drive}, {@link #layer0Adjoint})
 * and the activity term ({@link FloatActivityTerm}: accumulation after each hidden layer's step,
 * its adjoint added to dL/dV before the step's MIF adjoint).
 *
 * <p><b>No stored tape.</b> A training forward pass keeps the state history (V, x1, x2 per neuron-step
 * and lane, and the input current of layers &gt;= 1); the reverse sweep re-runs each step's taped
 * kernel from it into a one-step tape and consumes that at once. The kernel is deterministic, so the
 * re-run tape holds the same bits as a tape stored during the forward pass would (the results are
 * those of a stored tape, bit for bit), but it stays in the core's cache: a stored tape (tapeStride =
 * 8 floats per neuron-step and lane, 56 MB per 784-100-10 group) is written and read back through
 * memory, which cost more than the re-run (measured: taped forward of layer 1, 1,000 steps x 1,600
 * elements, 8-10 ms with a stored tape against 4.4 ms into a cache-resident one, and the untaped
 * forward 3.6 ms; the reverse step 3.8-4.6 ms against 0.9 ms), and two threads share the memory
 * bandwidth. Memory per workspace: 3 floats per neuron-step and lane (19 MB per 784-100-10 group),
 * plus one float per step and element of the layers &gt;= 1.
 */
public final class FloatLaneBptt implements LaneEngine {
    private final Network net;
    private final FloatLaneKernel kernel;
    private final FloatLaneOps ops;
    private final int lanes;
    private final int steps;
    private final int depth;
    private final int[] widths;
    /** Weights rounded to float by the last {@link #forward} (used by {@link #backward}). */
    private final float[][][] wf;
    /** Layer coefficients in float; layer 0's includes alpha[t]: drive0[t] = coeff0 * alpha[t]. */
    private final float[] coeff;
    private final float[] drive0;
    private final float unit;
    /** Layer-0 drive u(t) = W0 x(t) per lane (static or binned events) and its adjoint. */
    private final FloatInputDrive drive;
    private final float[][][] vh;
    private final float[][] x1, x2, x1n, x2n, cur;
    /** State history of a training pass: x1h[l][t], x2h[l][t] (t = 0..steps) like vh; null until the first training pass. */
    private final float[][][] x1h, x2h;
    /** Input current of layers l &gt;= 1 per step (curh[l][t]) of a training pass. */
    private final float[][][] curh;
    /** One step's tape per layer, re-run in the reverse sweep (cache-resident). */
    private final float[][] stepTape;
    /** Scratch: the re-run step's outputs (equal to the stored ones, discarded). */
    private final float[][] vRe;
    private final float[] sm;
    private final float[] lsm, maxV, lse;
    private final double[] loss;
    private final int[] labels;
    private final float[] laneScale;
    private final float[][] gV, gX1, gX2, gI;
    private final float[][][] gW;
    /** The drive-energy term of the training loss (null = none). */
    private io.memtile.trainer.energy.DriveEnergyTerm energy;
    private int count;
    private boolean taped;
    /** The activity term of the training loss (null = none). */
    private FloatActivityTerm activity;

    /** Word-line driver of the hidden layers (null: direct drive), its output per layer input and the output's adjoint. */
    private final io.memtile.physics.driver.WordLineDriver driver;
    private final float[][] dIn, gDrv;

    /** The word-line voltages layer l sees for upstream membrane voltages vp (vp itself without a driver). */
    private float[] driven(int l, float[] vp) {
        if (driver == null) return vp;
        driver.apply(vp, dIn[l], dIn[l].length);
        return dIn[l];
    }

    public FloatLaneBptt(Network net, FloatLaneKernel kernel, FloatLaneOps ops, int lanes) {
        if (lanes % ops.vectorLanes() != 0) throw new IllegalArgumentException("lanes " + lanes + " not a multiple of the vector width " + ops.vectorLanes());
        this.net = net;
        this.kernel = kernel;
        this.ops = ops;
        this.lanes = lanes;
        this.steps = net.steps;
        this.depth = net.depth;
        this.widths = new int[depth];
        for (int l = 0; l < depth; l++) widths[l] = net.layers[l + 1];
        wf = new float[depth][][];
        coeff = new float[depth];
        for (int l = 0; l < depth; l++) {
            wf[l] = new float[widths[l]][net.layers[l]];
            coeff[l] = (float) net.coeff[l];
        }
        drive0 = new float[steps];
        for (int t = 0; t < steps; t++) drive0[t] = (float) (net.coeff[0] * net.alpha[t]);
        unit = (float) net.lossVoltageUnit;
        drive = new FloatInputDrive(lanes, net.inputs(), widths[0], steps);
        vh = new float[depth][][];
        x1 = new float[depth][];
        x2 = new float[depth][];
        x1n = new float[depth][];
        x2n = new float[depth][];
        cur = new float[depth][];
        x1h = new float[depth][][];
        x2h = new float[depth][][];
        curh = new float[depth][][];
        stepTape = new float[depth][];
        vRe = new float[depth][];
        gV = new float[depth][];
        gX1 = new float[depth][];
        gX2 = new float[depth][];
        gI = new float[depth][];
        gW = new float[depth][][];
        for (int l = 0; l < depth; l++) {
            int nl = widths[l] * lanes;
            vh[l] = new float[steps + 1][nl];
            Arrays.fill(vh[l][0], (float) net.rest[0]);
            x1[l] = new float[nl];
            x2[l] = new float[nl];
            x1n[l] = new float[nl];
            x2n[l] = new float[nl];
            cur[l] = new float[nl];
            vRe[l] = new float[nl];
            gV[l] = new float[nl];
            gX1[l] = new float[nl];
            gX2[l] = new float[nl];
            gI[l] = new float[nl];
            if (l > 0) gW[l] = new float[widths[l]][widths[l - 1] * lanes];
        }
        driver = net.driver;
        dIn = new float[depth][];
        gDrv = new float[depth][];
        if (driver != null) {
            for (int l = 1; l < depth; l++) {
                dIn[l] = new float[widths[l - 1] * lanes];
                gDrv[l] = new float[widths[l - 1] * lanes];
            }
        }
        int classes = net.classes();
        sm = new float[steps * classes * lanes];
        lsm = new float[classes * lanes];
        maxV = new float[classes * lanes];
        lse = new float[lanes];
        loss = new double[lanes];
        labels = new int[lanes];
        laneScale = new float[lanes];
    }

    /** Bytes of the training history one workspace needs (see the class comment: no stored tape). */
    public static long tapeBytes(Network net, FloatLaneKernel k, int lanes) {
        // x1 and x2 per neuron-step, the input current of the layers fed by a layer, one step's tape per layer
        long perStep = 0, neurons = 0;
        for (int l = 1; l <= net.depth; l++) {
            perStep += (l > 1 ? 3L : 2L) * net.layers[l];
            neurons += net.layers[l];
        }
        return 4L * lanes * (perStep * (net.steps + 1) + (long) k.tapeStride() * neurons);
    }

    @Override
    public int lanes() { return lanes; }

    @Override
    public Network network() { return net; }

    @Override
    public Precision precision() { return Precision.FLOAT32; }

    @Override
    public int count() { return count; }

    @Override
    public void setInput(int b, double[] p) {
        drive.setStatic(b, p);
    }

    @Override
    public void setFrames(int b, io.memtile.datasets.events.SparseFrames f, int s) {
        drive.setFrames(b, f, s);
    }

    @Override
    public int bins() { return drive.bins(); }

    @Override
    public void activity(ActivityTarget t) {
        activity = t == null || !t.rateActive() ? null
                : new FloatActivityTerm(t, ActionPotentialCriterion.of(net.target.neuron()), ops, widths, lanes, steps);
        energy = t == null || t.energyWeight() <= 0 ? null
                : new io.memtile.trainer.energy.DriveEnergyTerm(t.energyWeight(), net.driver, widths, lanes, steps);
    }

    /** The activity term, or null. */
    public FloatActivityTerm activityTerm() { return activity; }

    @Override
    public double smoothCount(int l, int b) { return activity.smoothCount(l, b); }

    @Override
    public void load(int count, int[] y) {
        this.count = count;
        for (int b = 0; b < lanes; b++) {
            labels[b] = b < count ? y[b] : -1;
            if (b >= count) drive.clear(b);
        }
    }

    private void roundWeights(double[][][] w) {
        for (int l = 0; l < depth; l++) {
            for (int j = 0; j < widths[l]; j++) {
                double[] src = w[l][j];
                float[] dst = wf[l][j];
                for (int i = 0; i < dst.length; i++) dst[i] = (float) src[i];
            }
        }
    }

    /** Layer 0's input current at step t: coeff0 alpha[t] u(t), u = W0 x(t), per neuron and lane. */
    private void layer0Drive(int t, float[] il, int nl) {
        float a = drive0[t];
        float[] u = drive.u(t);
        for (int k = 0; k < nl; k++) il[k] = a * u[k];
    }

    /** Reverse of {@link #layer0Drive}: accumulates d/du of step t's bin from the adjoint gi of layer 0's input current. */
    private void layer0Adjoint(int t, float[] gi, int nl) {
        drive.accumulate(t, drive0[t], gi, nl);
    }

    /** Adds the adjoint of step t's loss (d/dV_k of lse - z_y = (softmax_k - [k == y]) / unit) into the output layer's gV. */
    private void lossAdjoint(int t, float[] gvo) {
        final int classes = net.classes(), L = lanes;
        ops.softmaxAdjoint(classes, L, sm, t * classes * L, labels, laneScale, unit, gvo);
    }

    @Override
    public void forward(double[][][] w, boolean train) {
        if (train && x1h[0] == null) {
            for (int l = 0; l < depth; l++) {
                int nl = widths[l] * lanes;
                x1h[l] = new float[steps + 1][nl];
                x2h[l] = new float[steps + 1][nl];
                if (l > 0) curh[l] = new float[steps][nl];
                stepTape[l] = new float[kernel.tapeStride() * nl];
            }
        }
        taped = train;
        roundWeights(w);
        final int classes = net.classes();
        final int L = lanes;
        drive.forward(wf[0], ops);
        Arrays.fill(lsm, 0f);
        Arrays.fill(maxV, Float.NEGATIVE_INFINITY);
        Arrays.fill(loss, 0);
        for (int l = 0; l < depth; l++) {
            Arrays.fill(train ? x1h[l][0] : x1[l], (float) net.rest[1]);
            Arrays.fill(train ? x2h[l][0] : x2[l], (float) net.rest[2]);
        }
        final int out = depth - 1;
        final FloatActivityTerm act = train ? activity : null;
        if (act != null) for (int l = 0; l < out; l++) act.begin(l, vh[l][0]);
        final io.memtile.trainer.energy.DriveEnergyTerm en = train ? energy : null;
        if (en != null) en.begin();
        for (int t = 0; t < steps; t++) {
            for (int l = 0; l < depth; l++) {
                int nl = widths[l] * L;
                float[] il = train && l > 0 ? curh[l][t] : cur[l];
                if (l == 0) layer0Drive(t, il, nl);
                else ops.gemv(wf[l], widths[l], widths[l - 1], driven(l, vh[l - 1][t + 1]), 0, L, coeff[l], il, 0);
                float[][] v = vh[l];
                if (train) {
                    // the untaped step gives the taped step's bits; the reverse sweep re-runs it taped
                    kernel.forward(nl, v[t], x1h[l][t], x2h[l][t], il, v[t + 1], x1h[l][t + 1], x2h[l][t + 1]);
                } else {
                    kernel.forward(nl, v[t], x1[l], x2[l], il, v[t + 1], x1n[l], x2n[l]);
                    float[] tmp = x1[l]; x1[l] = x1n[l]; x1n[l] = tmp;
                    tmp = x2[l]; x2[l] = x2n[l]; x2n[l] = tmp;
                }
                // activity hook 1 of 2: accumulate the smooth action-potential count of hidden layers
                if (act != null && l < out) act.accumulate(l, t, v[t + 1]);
                // drive-energy hook 1 of 2: the mean square word-line voltage of hidden layers
                if (en != null && l < out) en.accumulate(l, v[t + 1]);
            }
            float[] vo = vh[out][t + 1];
            ops.softmax(classes, L, vo, 0, unit, sm, t * classes * L, lsm, lse);
            for (int k = 0; k < classes * L; k++) if (vo[k] > maxV[k]) maxV[k] = vo[k];
            if (train) {
                for (int b = 0; b < count; b++) loss[b] += lse[b] - vo[labels[b] * L + b] / unit;
            }
        }
        if (act != null) {
            act.finish(count);
            for (int b = 0; b < count; b++) loss[b] += act.loss(b);
        }
        if (en != null) {
            en.finish(count);
            for (int b = 0; b < count; b++) loss[b] += en.loss(b);
        }
    }

    @Override
    public double loss(int b) { return loss[b]; }

    @Override
    public int predict(int b) {
        final int classes = net.classes();
        float[] s = net.readout == Readout.MAX_VOLTAGE ? maxV : lsm;
        int best = 0;
        for (int k = 1; k < classes; k++) if (s[k * lanes + b] > s[best * lanes + b]) best = k;
        return best;
    }

    @Override
    public double score(int k, int b) {
        return (net.readout == Readout.MAX_VOLTAGE ? maxV : lsm)[k * lanes + b];
    }

    @Override
    public double voltage(int l, int t, int j, int b) { return vh[l][t + 1][j * lanes + b]; }

    @Override
    public int spikes(int l, int t, SpikeCriterion c) {
        double thr = c.thresholdVolts();
        int n = widths[l], k = 0;
        float[] v = vh[l][t + 1];
        for (int j = 0; j < n; j++) for (int b = 0; b < count; b++) if (v[j * lanes + b] > thr) k++;
        return k;
    }

    /** Reverse sweep of the last training forward pass, through the weights it rounded to float. */
    @Override
    public void backward(double[][][] w, double scale) {
        if (!taped) throw new IllegalStateException("backward needs a training forward pass");
        final int out = depth - 1;
        final int L = lanes;
        for (int b = 0; b < L; b++) laneScale[b] = b < count ? (float) scale : 0f;
        for (int l = 0; l < depth; l++) {
            Arrays.fill(gV[l], 0f);
            Arrays.fill(gX1[l], 0f);
            Arrays.fill(gX2[l], 0f);
            if (l > 0) for (float[] row : gW[l]) Arrays.fill(row, 0f);
        }
        drive.clearGradient();
        for (int t = steps - 1; t >= 0; t--) {
            lossAdjoint(t, gV[out]);
            // activity hook 2 of 2: the term's adjoint dTerm/dV_l(after step t), before step t's MIF adjoint
            if (activity != null) for (int l = 0; l < out; l++) activity.addAdjoint(l, t, gV[l], laneScale);
            // drive-energy hook 2 of 2: its adjoint dTerm/dV_l(after step t), at the same point
            if (energy != null) for (int l = 0; l < out; l++) energy.addAdjoint(l, vh[l][t + 1], gV[l], laneScale);
            for (int l = depth - 1; l >= 0; l--) {
                int nl = widths[l] * L;
                float[] il = cur[l];
                if (l == 0) layer0Drive(t, il, nl);
                else il = curh[l][t];
                kernel.forwardTaped(nl, vh[l][t], x1h[l][t], x2h[l][t], il, vRe[l], x1n[l], x2n[l], stepTape[l], 0);
                kernel.backwardTaped(nl, stepTape[l], 0, gV[l], gX1[l], gX2[l], gI[l]);
                float[] gi = gI[l];
                if (l > 0) {
                    float c = coeff[l];
                    for (int k = 0; k < nl; k++) gi[k] = c * gi[k];
                    float[] vp = vh[l - 1][t + 1];
                    if (driver == null) {
                        ops.gemvBackward(wf[l], widths[l], widths[l - 1], gi, vp, 0, L, gW[l], gV[l - 1]);
                    } else {
                        // through the driver: the weights see d(V); dV gets the adjoint only where d follows V
                        float[] gd = gDrv[l];
                        Arrays.fill(gd, 0f);
                        ops.gemvBackward(wf[l], widths[l], widths[l - 1], gi, driven(l, vp), 0, L, gW[l], gd);
                        driver.addAdjoint(vp, gd, gV[l - 1], gd.length);
                    }
                } else {
                    layer0Adjoint(t, gi, nl);
                }
            }
        }
    }

    @Override
    public double inputGradient(int j, int b) { return drive.gradient(0, j, b); }

    @Override
    public double inputGradient(int k, int j, int b) { return drive.gradient(k, j, b); }

    @Override
    public void copyLaneGradient(int l, double[][] dst) {
        for (int j = 0; j < gW[l].length; j++) {
            float[] src = gW[l][j];
            double[] d = dst[j];
            for (int i = 0; i < src.length; i++) d[i] = src[i];
        }
    }
}
