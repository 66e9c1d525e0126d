package io.memtile.trainer.engine;

import io.memtile.physics.mif.lanes.LaneKernel;
import io.memtile.physics.mif.lanes.LaneOps;
import io.memtile.trainer.activity.ActionPotentialCriterion;
import io.memtile.trainer.activity.ActivityTarget;
import io.memtile.trainer.activity.ActivityTerm;
import java.util.Arrays;

/**
 * One thread's workspace for the forward pass and exact BPTT of a lane group: up to {@link #lanes()}
 * samples run side by side, sharing the weights and the time grid. Every per-neuron array is laid
 * out [neuron][lane] (element {@code j * lanes + b}), so one SIMD vector holds one neuron across the
 * samples and the MIF step ({@link LaneKernel}), the layer products and the softmax readout
 * ({@link LaneOps}) all run lane-parallel. Allocation-free after construction.
 *
 * <p>It computes the same map as {@link Bptt} (see there for the signal chain) and its exact
 * reverse: every lane is an independent sample with its own arithmetic, identical whatever the
 * group width, lane position, thread or SIMD/scalar choice; gradients of the deeper layers are kept
 * per lane ({@link #laneGradient}) so that the caller sums samples in a fixed order. Unused lanes of
 * a partial group carry a zero input and no loss, and contribute nothing.
 *
 * <p>Memory per workspace: the kernel tape (tapeStride doubles per neuron-step and lane, 7 MB per
 * lane for 784-100-10 x 1,000 steps) and the membrane history (1 double per neuron-step and lane), one array per step.
 */
public final class LaneBptt implements LaneEngine {
    private final Network net;
    private final LaneKernel kernel;
    private final LaneOps ops;
    private final int lanes;
    private final int steps;
    private final int depth;
    private final int[] widths;
    /** Layer-0 drive u(t) = W0 x(t) per lane (static or binned events) and its adjoint. */
    private final InputDrive drive;
    /** Membrane history per layer and step: vh[l][t][j * lanes + b] for t = 0..steps (0 = rest). */
    private final double[][][] vh;
    private final double[][] x1, x2, x1n, x2n, cur;
    private final double[][] tape;
    private final double[] sm;
    private final double[] lsm, maxV, lse, loss;
    private final int[] labels;
    private final double[] laneScale;
    private final double[][] gV, gX1, gX2, gI;
    /** Per-lane gradient of weight layers l &gt;= 1: gW[l][j][i * lanes + b]. */
    private final double[][][] gW;
    /** The drive-energy term of the training loss (null = none). */
    private io.memtile.trainer.energy.DriveEnergyTerm energy;
    private int count;
    private boolean taped;
    /** The activity term of the training loss (null = none); see {@link #activity(ActivityTarget)}. */
    private ActivityTerm activity;

    /** Word-line driver of the hidden layers (null: direct drive), its output per layer input and the output's adjoint. */
    private final io.memtile.physics.driver.WordLineDriver driver;
    private final double[][] dIn, gDrv;

    /** The word-line voltages layer l sees for upstream membrane voltages vp (vp itself without a driver). */
    private double[] driven(int l, double[] vp) {
        if (driver == null) return vp;
        driver.apply(vp, dIn[l], dIn[l].length);
        return dIn[l];
    }

    public LaneBptt(Network net, LaneKernel kernel, LaneOps ops, int lanes) {
        if (lanes % ops.vectorLanes() != 0) throw new IllegalArgumentException("lanes " + lanes + " not a multiple of the vector width " + ops.vectorLanes());
        this.net = net;
        this.kernel = kernel;
        this.ops = ops;
        this.lanes = lanes;
        this.steps = net.steps;
        this.depth = net.depth;
        this.widths = new int[depth];
        for (int l = 0; l < depth; l++) widths[l] = net.layers[l + 1];
        drive = new InputDrive(lanes, net.inputs(), widths[0], steps);
        vh = new double[depth][][];
        x1 = new double[depth][];
        x2 = new double[depth][];
        x1n = new double[depth][];
        x2n = new double[depth][];
        cur = new double[depth][];
        tape = new double[depth][];
        gV = new double[depth][];
        gX1 = new double[depth][];
        gX2 = new double[depth][];
        gI = new double[depth][];
        gW = new double[depth][][];
        for (int l = 0; l < depth; l++) {
            int nl = widths[l] * lanes;
            vh[l] = new double[steps + 1][nl];
            Arrays.fill(vh[l][0], net.rest[0]);
            x1[l] = new double[nl];
            x2[l] = new double[nl];
            x1n[l] = new double[nl];
            x2n[l] = new double[nl];
            cur[l] = new double[nl];
            gV[l] = new double[nl];
            gX1[l] = new double[nl];
            gX2[l] = new double[nl];
            gI[l] = new double[nl];
            if (l > 0) gW[l] = new double[widths[l]][widths[l - 1] * lanes];
        }
        driver = net.driver;
        dIn = new double[depth][];
        gDrv = new double[depth][];
        if (driver != null) {
            for (int l = 1; l < depth; l++) {
                dIn[l] = new double[widths[l - 1] * lanes];
                gDrv[l] = new double[widths[l - 1] * lanes];
            }
        }
        int classes = net.classes();
        sm = new double[steps * classes * lanes];
        lsm = new double[classes * lanes];
        maxV = new double[classes * lanes];
        lse = new double[lanes];
        loss = new double[lanes];
        labels = new int[lanes];
        laneScale = new double[lanes];
    }

    /** Bytes of the tape one workspace needs for training (allocated on first use). */
    public static long tapeBytes(Network net, LaneKernel k, int lanes) {
        long neurons = 0;
        for (int l = 1; l <= net.depth; l++) neurons += net.layers[l];
        return 8L * k.tapeStride() * net.steps * neurons * lanes;
    }

    public int lanes() { return lanes; }

    /**
     * Adds the activity term ({@link ActivityTerm}) to the training loss of this workspace (null or
     * weight 0: none). It hooks in at two points only: accumulation after each step of the forward pass,
     * and its adjoint added to dL/dV per step of the reverse sweep.
     */
    @Override
    public void activity(ActivityTarget t) {
        activity = t == null || !t.rateActive() ? null
                : new ActivityTerm(t, ActionPotentialCriterion.of(net.target.neuron()), widths, lanes, steps);
        energy = t == null || t.energyWeight() <= 0 ? null
                : new io.memtile.trainer.energy.DriveEnergyTerm(t.energyWeight(), net.driver, widths, lanes, steps);
    }

    /** The activity term, or null. */
    public ActivityTerm activityTerm() { return activity; }

    @Override
    public double smoothCount(int l, int b) { return activity.smoothCount(l, b); }

    public Network network() { return net; }

    /** Samples loaded by the last {@link #load}. */
    public int count() { return count; }

    /** Writes sample lane b's input (length = inputs); lanes at or beyond {@code count} get zeros. */
    public void setInput(int b, double[] p) {
        drive.setStatic(b, p);
    }

    @Override
    public void setFrames(int b, io.memtile.datasets.events.SparseFrames f, int s) {
        drive.setFrames(b, f, s);
    }

    @Override
    public int bins() { return drive.bins(); }

    /** Sets how many lanes carry samples; the others are zeroed (rest state, no loss). */
    public void load(int count, int[] y) {
        this.count = count;
        for (int b = 0; b < lanes; b++) {
            labels[b] = b < count ? y[b] : -1;
            if (b >= count) drive.clear(b);
        }
    }

    /**
     * Runs the loaded lanes. With {@code train} (every loaded label must be &gt;= 0) it records the
     * tape for {@link #backward} and the per-lane losses ({@link #loss(int)}).
     */
    public void forward(double[][][] w, boolean train) {
        if (train && tape[0] == null) {
            for (int l = 0; l < depth; l++) tape[l] = new double[kernel.tapeStride() * steps * widths[l] * lanes];
        }
        taped = train;
        final int classes = net.classes();
        final int L = lanes;
        drive.forward(w[0], ops);
        Arrays.fill(lsm, 0);
        Arrays.fill(maxV, Double.NEGATIVE_INFINITY);
        Arrays.fill(loss, 0);
        for (int l = 0; l < depth; l++) {
            Arrays.fill(x1[l], net.rest[1]);
            Arrays.fill(x2[l], net.rest[2]);
        }
        final double c0 = net.coeff[0];
        final int out = depth - 1;
        final ActivityTerm act = train ? activity : null;
        if (act != null) for (int l = 0; l < out; l++) act.begin(l, vh[l][0]);
        final io.memtile.trainer.energy.DriveEnergyTerm en = train ? energy : null;
        if (en != null) en.begin();
        for (int t = 0; t < steps; t++) {
            for (int l = 0; l < depth; l++) {
                int nl = widths[l] * L;
                double[] il = cur[l];
                if (l == 0) {
                    double a = c0 * net.alpha[t];
                    double[] u = drive.u(t);
                    for (int k = 0; k < nl; k++) il[k] = a * u[k];
                } else {
                    ops.gemv(w[l], widths[l], widths[l - 1], driven(l, vh[l - 1][t + 1]), 0, L, net.coeff[l], il, 0);
                }
                double[][] v = vh[l];
                if (train) {
                    kernel.forwardTaped(nl, v[t], x1[l], x2[l], il, v[t + 1], x1n[l], x2n[l], tape[l], t * nl * kernel.tapeStride());
                } else {
                    kernel.forward(nl, v[t], x1[l], x2[l], il, v[t + 1], x1n[l], x2n[l]);
                }
                double[] tmp = x1[l]; x1[l] = x1n[l]; x1n[l] = tmp;
                tmp = x2[l]; x2[l] = x2n[l]; x2n[l] = tmp;
                // activity hook 1 of 2: accumulate the smooth action-potential count of hidden layers
                if (act != null && l < out) act.accumulate(l, t, v[t + 1]);
                // drive-energy hook 1 of 2: the mean square word-line voltage of hidden layers
                if (en != null && l < out) en.accumulate(l, v[t + 1]);
            }
            final int vOff = 0;
            double[] vo = vh[out][t + 1];
            ops.softmax(classes, L, vo, vOff, net.lossVoltageUnit, sm, t * classes * L, lsm, lse);
            for (int k = 0; k < classes * L; k++) if (vo[vOff + k] > maxV[k]) maxV[k] = vo[vOff + k];
            if (train) {
                for (int b = 0; b < count; b++) loss[b] += lse[b] - vo[vOff + labels[b] * L + b] / net.lossVoltageUnit;
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

    /** Lane b's training objective: the readout loss plus the activity term, if any. */
    public double loss(int b) { return loss[b]; }

    /** Class predicted for lane b by the network's readout. */
    public int predict(int b) {
        final int classes = net.classes();
        double[] s = net.readout == Readout.MAX_VOLTAGE ? maxV : lsm;
        int best = 0;
        for (int k = 1; k < classes; k++) if (s[k * lanes + b] > s[best * lanes + b]) best = k;
        return best;
    }

    /** Readout score of class k for lane b (sum of log-softmax, or the maximum voltage, as the readout says). */
    public double score(int k, int b) {
        return (net.readout == Readout.MAX_VOLTAGE ? maxV : lsm)[k * lanes + b];
    }

    /** Membrane voltage of neuron j of weight layer l for lane b after step t (t = 0..steps-1). */
    public double voltage(int l, int t, int j, int b) { return vh[l][t + 1][j * lanes + b]; }

    /** Number of (neuron, lane &lt; count) pairs of weight layer l whose voltage after step t is spiking. */
    public int spikes(int l, int t, SpikeCriterion c) {
        double thr = c.thresholdVolts();
        int n = widths[l], base = 0, k = 0;
        double[] v = vh[l][t + 1];
        for (int j = 0; j < n; j++) for (int b = 0; b < count; b++) if (v[base + j * lanes + b] > thr) k++;
        return k;
    }

    /**
     * Reverse sweep of the last training {@link #forward}: each lane b's loss is weighted by
     * {@code scale}. Afterwards {@link #inputGradient} holds scale * dL_b/d(W0 p_b) * coeff0 per lane
     * and {@link #laneGradient} the per-lane gradients of the deeper weight layers.
     */
    public void backward(double[][][] w, double scale) {
        if (!taped) throw new IllegalStateException("backward needs a training forward pass");
        final int classes = net.classes();
        final int out = depth - 1;
        final int L = lanes;
        final double unit = net.lossVoltageUnit;
        for (int b = 0; b < L; b++) laneScale[b] = b < count ? scale : 0;
        for (int l = 0; l < depth; l++) {
            Arrays.fill(gV[l], 0);
            Arrays.fill(gX1[l], 0);
            Arrays.fill(gX2[l], 0);
            if (l > 0) for (double[] row : gW[l]) Arrays.fill(row, 0);
        }
        drive.clearGradient();
        final double c0 = net.coeff[0];
        for (int t = steps - 1; t >= 0; t--) {
            // loss at step t: d/dV_k of (lse - z_y) = (softmax_k - [k == y]) / unit
            double[] gvo = gV[out];
            int smOff = t * classes * L;
            for (int k = 0; k < classes; k++) {
                for (int b = 0; b < count; b++) {
                    double d = sm[smOff + k * L + b] - (k == labels[b] ? 1 : 0);
                    gvo[k * L + b] += laneScale[b] * d / unit;
                }
            }
            // activity hook 2 of 2: the term's adjoint dTerm/dV_l(after step t), before step t's MIF adjoint
            if (activity != null) for (int l = 0; l < out; l++) activity.addAdjoint(l, t, gV[l], laneScale);
            // drive-energy hook 2 of 2: its adjoint dTerm/dV_l(after step t), at the same point
            if (energy != null) for (int l = 0; l < out; l++) energy.addAdjoint(l, vh[l][t + 1], gV[l], laneScale);
            for (int l = depth - 1; l >= 0; l--) {
                int nl = widths[l] * L;
                kernel.backwardTaped(nl, tape[l], t * nl * kernel.tapeStride(), gV[l], gX1[l], gX2[l], gI[l]);
                double[] gi = gI[l];
                if (l > 0) {
                    double c = net.coeff[l];
                    for (int k = 0; k < nl; k++) gi[k] = c * gi[k];
                    double[] vp = vh[l - 1][t + 1];
                    if (driver == null) {
                        ops.gemvBackward(w[l], widths[l], widths[l - 1], gi, vp, 0, L, gW[l], gV[l - 1]);
                    } else {
                        // through the driver: the weights see d(V); dV gets the adjoint only where d follows V
                        double[] gd = gDrv[l];
                        Arrays.fill(gd, 0);
                        ops.gemvBackward(w[l], widths[l], widths[l - 1], gi, driven(l, vp), 0, L, gW[l], gd);
                        driver.addAdjoint(vp, gd, gV[l - 1], gd.length);
                    }
                } else {
                    drive.accumulate(t, c0 * net.alpha[t], gi, nl);
                }
            }
        }
    }

    /** d/d(W0 p) (times coeff0 and the loss scale) of lane b, neuron j (static input: the one bin). */
    public double inputGradient(int j, int b) { return drive.gradient(0, j, b); }

    @Override
    public double inputGradient(int k, int j, int b) { return drive.gradient(k, j, b); }

    /** Per-lane gradient of weight layer l &gt;= 1: [j][i * lanes + b]. */
    public double[][] laneGradient(int l) { return gW[l]; }

    @Override
    public void copyLaneGradient(int l, double[][] dst) {
        for (int j = 0; j < gW[l].length; j++) System.arraycopy(gW[l][j], 0, dst[j], 0, gW[l][j].length);
    }

    @Override
    public Precision precision() { return Precision.FLOAT64; }
}
