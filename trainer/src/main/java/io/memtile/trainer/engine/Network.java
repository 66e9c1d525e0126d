package io.memtile.trainer.engine;

import io.memtile.core.MemtileException;
import io.memtile.core.target.Target;
import io.memtile.physics.alpha.AlphaForm;
import io.memtile.physics.alpha.AlphaWaveform;
import io.memtile.physics.mif.Integrator;
import io.memtile.physics.mif.MifKernel;
import io.memtile.physics.mif.lanes.FloatLaneKernel;
import io.memtile.physics.mif.lanes.FloatLaneOps;
import io.memtile.physics.mif.lanes.LaneKernel;
import io.memtile.physics.mif.lanes.LaneKernels;
import io.memtile.physics.mif.lanes.LaneOps;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.NetworkConfig;

/**
 * The forward map of a {@link NetworkConfig} on a {@link Target}, resolved once into the numbers
 * the hot loops need (immutable, shared by all threads).
 *
 * <p>Current coefficients (NetworkConfig's signal chain): layer 0 current of neuron j at step t is
 * {@code coeff[0] * alpha[t] * (W0 p)_j} with {@code coeff[0] = inputAmplitude * gUnit / s_0};
 * layer l &gt; 0 current is {@code coeff[l] * (W_l V_{l-1}(after step t))_j} with
 * {@code coeff[l] = gUnit / s_l}, where gUnit = synapse gOn - gOff, and V_{l-1} passes through
 * {@link #driver} when the config sets one.
 */
public final class Network {
    public final int[] layers;
    /** Number of weight layers (= neuron layers after the input). */
    public final int depth;
    public final int steps;
    public final MifKernel kernel;
    /** The batch-lane kernel of {@link #kernel}'s integrator (SIMD or scalar, see {@link LaneKernels}). */
    public final LaneKernel laneKernel;
    /** Dense products and readout over lanes, SIMD or scalar like {@link #laneKernel}. */
    public final LaneOps laneOps;
    /** The float32 lane kernel (SIMD or scalar like {@link #laneKernel}), or null when float32 cannot run this network. */
    public final FloatLaneKernel floatKernel;
    /** Float products and readout over lanes. */
    public final FloatLaneOps floatOps;
    public final double[] alpha;
    public final double[] coeff;
    public final double gUnit;
    public final double lossVoltageUnit;
    public final Readout readout;
    /** Resting state {v, x1, x2} every neuron starts from. */
    public final double[] rest;
    public final SpikeCriterion spike;
    /** The word-line driver between hidden layers and the next crossbar, or null (the membrane drives directly). */
    public final io.memtile.physics.driver.WordLineDriver driver;
    public final NetworkConfig config;
    public final Target target;

    public Network(NetworkConfig c, Target t) { this(c, t, LaneKernels.simdEnabled()); }

    /** As above with SIMD chosen explicitly (false: the scalar lane kernels; results are bit-identical). */
    public Network(NetworkConfig c, Target t, boolean simd) {
        this.config = c;
        this.target = t;
        this.layers = c.layers().clone();
        this.depth = layers.length - 1;
        this.steps = c.steps();
        Integrator integ;
        AlphaForm form;
        try {
            integ = Integrator.parse(c.integrator());
        } catch (IllegalArgumentException e) {
            throw new MemtileException("network", "integrator", e.getMessage());
        }
        try {
            form = AlphaForm.parse(c.alphaForm());
        } catch (IllegalArgumentException e) {
            throw new MemtileException("network", "alphaForm", e.getMessage());
        }
        try {
            this.readout = Readout.parse(c.readout());
        } catch (IllegalArgumentException e) {
            throw new MemtileException("network", "readout", e.getMessage());
        }
        this.kernel = new MifKernel(t.neuron(), c.dt(), integ);
        this.laneKernel = LaneKernels.of(kernel, simd);
        this.laneOps = LaneOps.of(simd);
        this.floatKernel = LaneKernels.ofFloat(kernel, simd);
        this.floatOps = FloatLaneOps.of(simd);
        this.alpha = AlphaWaveform.unit(c.steps(), c.dt(), t.neuron().tauAlpha(), c.injectionPeriod(), form);
        this.gUnit = t.synapse().gOn() - t.synapse().gOff();
        this.coeff = new double[depth];
        for (int l = 0; l < depth; l++) coeff[l] = gUnit / c.layerScales()[l];
        coeff[0] *= c.inputAmplitude();
        this.lossVoltageUnit = c.lossVoltageUnit();
        this.rest = kernel.restState();
        this.spike = SpikeCriterion.of(t.neuron());
        this.driver = c.driver();
    }

    public static Network of(ModelArtifact m) { return new Network(m.network(), m.target()); }

    public int inputs() { return layers[0]; }

    /** Cap on one workspace's kernel tape; above it a lane group holds a single sample. */
    static final long MAX_GROUP_TAPE_BYTES = 1L << 30;

    /**
     * Samples per lane group of the batch-lane engine ({@link LaneBptt}): the SIMD width (8), or 1 for
     * networks whose 8-lane tape would exceed {@link #MAX_GROUP_TAPE_BYTES} (e.g. 4096 hidden neurons x
     * 1,000 steps); the kernel then vectorises across neurons. Results do not depend on it.
     */
    public int groupLanes() {
        int l = laneOps.groupLanes();
        return LaneBptt.tapeBytes(this, laneKernel, l) > MAX_GROUP_TAPE_BYTES ? 1 : l;
    }

    /** A fresh batch-lane workspace for this network. */
    public LaneBptt laneWorkspace() {
        int l = groupLanes();
        return new LaneBptt(this, laneKernel, l % laneOps.vectorLanes() == 0 ? laneOps : LaneOps.scalar(), l);
    }

    /** Why this network cannot be trained in {@code p} (null if it can; float64 always can). */
    public String unsupported(Precision p) {
        return p == Precision.FLOAT32 && floatKernel == null ? LaneKernels.floatUnsupported(kernel) : null;
    }

    /** Samples per lane group in precision {@code p} (float32: 16, or 1 above the tape cap, like {@link #groupLanes()}). */
    public int groupLanes(Precision p) {
        if (p == Precision.FLOAT64) return groupLanes();
        requireSupported(p);
        int l = floatOps.groupLanes();
        return FloatLaneBptt.tapeBytes(this, floatKernel, l) > MAX_GROUP_TAPE_BYTES ? 1 : l;
    }

    /** A fresh batch-lane workspace in precision {@code p}. */
    public LaneEngine laneWorkspace(Precision p) {
        if (p == Precision.FLOAT64) return laneWorkspace();
        int l = groupLanes(p);
        return new FloatLaneBptt(this, floatKernel, l % floatOps.vectorLanes() == 0 ? floatOps : FloatLaneOps.scalar(), l);
    }

    private void requireSupported(Precision p) {
        String why = unsupported(p);
        if (why != null) throw new IllegalStateException(p.label() + " not supported: " + why);
    }

    /** Description of the lane kernel of precision {@code p}. */
    public String describe(Precision p) {
        return p == Precision.FLOAT64 ? laneKernel.describe() : floatKernel == null ? "float32 unsupported" : floatKernel.describe();
    }

    public int classes() { return layers[depth]; }

    /** Widest neuron layer (sizes per-thread buffers). */
    public int maxWidth() {
        int w = 0;
        for (int l = 1; l <= depth; l++) w = Math.max(w, layers[l]);
        return w;
    }
}
