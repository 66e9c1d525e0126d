package io.memtile.sim.engine;

import io.memtile.compiler.program.NeuronSite;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.MemtileException;
import io.memtile.core.target.NonIdealities;
import io.memtile.physics.alpha.AlphaForm;
import io.memtile.physics.alpha.AlphaWaveform;
import io.memtile.physics.mif.Integrator;
import io.memtile.physics.mif.MifKernel;
import io.memtile.physics.mif.lanes.LaneKernel;
import io.memtile.physics.mif.lanes.LaneKernels;
import io.memtile.sim.chip.LayerOperator;
import io.memtile.trainer.engine.Readout;
import io.memtile.trainer.engine.SpikeCriterion;
import io.memtile.trainer.model.NetworkConfig;

/**
 * Everything the per-sample engine reads, resolved once and shared read-only by all worker
 * threads: the chip's layer operators, the MIF kernel of the program's integrator, the alpha
 * waveform, the time-dependent non-idealities and where each neuron's energy is booked.
 */
public final class EngineSpec {
    public final LayerOperator[] ops;
    public final int depth;
    public final int[] widths;
    public final int steps;
    public final double dt;
    public final MifKernel kernel;
    /** The neuron step the engine runs: the trainer's lane kernel (SIMD when available) for this integrator. */
    public final LaneKernel laneKernel;
    public final double[] rest;
    public final double[] alpha;
    /** Alpha row-voltage amplitude for pixel 1 as driven: the network's inputAmplitude times layers[0].driveScale. */
    public final double inputAmplitude;
    public final Readout readout;
    public final double lossVoltageUnit;
    public final SpikeCriterion spike;
    /** The target's MIF neuron (for the action-potential criterion). */
    public final io.memtile.core.target.NeuronParams neuron;
    public final double cMem;
    public final double e1;
    public final double e2;
    public final int tiles;
    /** homeTile[l][j]: tile index (position in program.tiles) holding neuron j of neuron layer l+1. */
    public final int[][] homeTile;
    public final double readNoiseSigma;
    public final double driftTau;
    public final double driftAge;
    public final long seed;
    /** The word-line driver between hidden membranes and the next crossbar (network.driveRange), or null: direct drive. */
    public final io.memtile.physics.driver.WordLineDriver driver;
    /** The tile's read-voltage limit (V): a cell voltage beyond it counts as a read-limit violation. */
    public final double readVoltageMax;

    public EngineSpec(TileProgram p, LayerOperator[] ops, NonIdealities ni, double driftAgeS, long seed) {
        NetworkConfig c = p.network();
        this.ops = ops;
        this.depth = ops.length;
        this.widths = c.layers().clone();
        this.steps = c.steps();
        this.dt = c.dt();
        Integrator integ;
        AlphaForm form;
        try {
            integ = Integrator.parse(c.integrator());
            form = AlphaForm.parse(c.alphaForm());
            this.readout = Readout.parse(c.readout());
        } catch (IllegalArgumentException e) {
            throw new MemtileException("program.json", "network", e.getMessage());
        }
        this.kernel = new MifKernel(p.target().neuron(), dt, integ);
        this.laneKernel = LaneKernels.of(kernel);
        this.rest = kernel.restState();
        this.alpha = AlphaWaveform.unit(steps, dt, p.target().neuron().tauAlpha(), c.injectionPeriod(), form);
        // the compiler's drive pass may have moved layer 0's range scale into the alpha amplitude (layers[0].driveScale)
        this.inputAmplitude = c.inputAmplitude() * (p.layers().isEmpty() ? 1.0 : p.layers().get(0).driveFactor());
        this.lossVoltageUnit = c.lossVoltageUnit();
        this.driver = c.driver();
        this.readVoltageMax = p.target().tile().readVoltageMax();
        this.spike = SpikeCriterion.of(p.target().neuron());
        this.neuron = p.target().neuron();
        this.cMem = p.target().neuron().cMem();
        this.e1 = p.target().neuron().e1();
        this.e2 = p.target().neuron().e2();
        this.tiles = p.tiles().size();
        java.util.Map<Integer, Integer> tileIndex = new java.util.HashMap<>();
        for (int t = 0; t < tiles; t++) tileIndex.put(p.tiles().get(t).id(), t);
        this.homeTile = new int[depth][];
        for (int l = 0; l < depth; l++) homeTile[l] = new int[widths[l + 1]];
        for (NeuronSite s : p.neurons()) {
            Integer t = tileIndex.get(s.homeTile());
            if (t != null && s.layer() >= 1 && s.layer() <= depth && s.index() < widths[s.layer()]) homeTile[s.layer() - 1][s.index()] = t;
        }
        this.readNoiseSigma = ni.readNoiseSigma();
        this.driftTau = ni.driftTau();
        this.driftAge = driftAgeS;
        this.seed = seed;
    }

    public int classes() { return widths[depth]; }

    public int maxWidth() {
        int w = 0;
        for (int l = 1; l <= depth; l++) w = Math.max(w, widths[l]);
        return w;
    }
}
