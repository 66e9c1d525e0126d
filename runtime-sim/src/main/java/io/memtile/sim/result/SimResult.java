package io.memtile.sim.result;

import io.memtile.core.json.Fields;
import io.memtile.core.json.OptionalField;
import io.memtile.core.json.Validatable;
import io.memtile.core.json.Versioned;
import io.memtile.core.target.NonIdealities;
import java.util.List;

/**
 * What {@code memtile simulate} measured ({@code sim.json}): everything a measured-mode PPA report
 * needs, nothing assumed. All energies are per inference (one sample of {@code topology.steps}
 * steps), all times in seconds, all voltages in volts, conductances in siemens.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param provenance    what was simulated, with which data, seed and non-idealities
 * @param topology      network and tile geometry as executed
 * @param accuracy      test accuracy and confusion matrix
 * @param activity      spiking activity per neuron layer (1 = first hidden)
 * @param energy        energy per inference by physical source (non-overlapping; they sum to totalJ)
 * @param tiles         per-tile energy and average power
 * @param averagePowerW total energy per inference / inference time (steps * dt)
 * @param inferenceTimeS steps * dt: how long the chip runs one sample
 * @param latency       first-spike and decision time distributions over samples
 * @param operating     mean cell conductance and row voltages (for Eq. (3)-style cross-checks)
 * @param adc           operation counts an ADC/DAC baseline would need for the same run
 * @param ablation      accuracy with each non-ideality on/off (present only with --ablation)
 * @param traces        one sample's traces for plots (spike rasters, membrane voltages, tile power)
 * @param run           wall time, throughput and threads of this simulation
 * @param actionPotentials action potentials per neuron layer (absent in files written before they were measured)
 * @param earlyDecision  the same run stopped by the early-decision rule: accuracy, latency and energy up to the decision
 * @param annBaseline    the same programmed weights run once as a non-spiking 8-bit ANN (accuracy, row drive)
 * @param calibration   calibration after programming (present when the chip was calibrated)
 * @param driftHorizons accuracy after 1 s .. 1 year with and without drift compensation (present with --drift-horizons)
 */
public record SimResult(int schemaVersion, Provenance provenance, Topology topology, Accuracy accuracy,
                        List<LayerActivity> activity, Energy energy, List<TileEnergy> tiles, double averagePowerW,
                        double inferenceTimeS, Latency latency, Operating operating, AdcCounts adc,
                        @OptionalField List<AblationRow> ablation, @OptionalField Traces traces, Run run,
                        @OptionalField List<LayerActionPotentials> actionPotentials,
                        @OptionalField EarlyDecision earlyDecision, @OptionalField AnnBaseline annBaseline,
                        @OptionalField io.memtile.sim.calib.CalibrationReport calibration,
                        @OptionalField List<DriftRow> driftHorizons)
        implements Versioned, Validatable {
    /**
     * One row of the drift-horizon table.
     *
     * @param label           "1 s", "1 h", ...
     * @param ageS            array age when the samples run (s)
     * @param driftTau        drift time constant (s)
     * @param samples         samples per accuracy
     * @param accuracyUncompensated calibrated once, at programming (age 0)
     * @param accuracyCompensated   recalibrated at this age
     */
    public record DriftRow(String label, double ageS, double driftTau, int samples, double accuracyUncompensated,
                           double accuracyCompensated) {}

    public static final int SCHEMA_VERSION = 1;

    /**
     * @param program          program directory as given
     * @param programSha256    hash of program.json's bytes
     * @param model            model the program was compiled from (program provenance)
     * @param modelSha256      that model's hash
     * @param targetName       hardware target name
     * @param compileSeed      seed of the compiler's programming/fault simulation
     * @param dataset          dataset spec (mnist, idx:DIR, embedded:...)
     * @param datasetName      resolved dataset name incl. split
     * @param datasetSha256    hash of the dataset source bytes
     * @param limit            --limit as requested (0 = all)
     * @param samples          samples actually simulated
     * @param seed             seed of every simulator random choice (chip instance, read noise)
     * @param nonIdealities    the non-idealities in force (zero / false = off)
     * @param driftAgeS        age of the programmed array at the first sample (s)
     * @param memtileVersion   simulator version
     * @param bins             event frames per sample the data were binned into (absent for static input)
     */
    public record Provenance(String program, String programSha256, String model, String modelSha256, String targetName,
                             long compileSeed, String dataset, String datasetName, String datasetSha256, int limit,
                             int samples, long seed, NonIdealities nonIdealities, double driftAgeS,
                             String memtileVersion, @OptionalField Integer bins) {
        /** The canonical constructor binds JSON (two constructors would leave JSON-B guessing). */
        @jakarta.json.bind.annotation.JsonbCreator
        public Provenance {}

        /** Static input: no bins. */
        public Provenance(String program, String programSha256, String model, String modelSha256, String targetName,
                          long compileSeed, String dataset, String datasetName, String datasetSha256, int limit,
                          int samples, long seed, NonIdealities nonIdealities, double driftAgeS, String memtileVersion) {
            this(program, programSha256, model, modelSha256, targetName, compileSeed, dataset, datasetName, datasetSha256, limit, samples,
                    seed, nonIdealities, driftAgeS, memtileVersion, null);
        }
    }

    /**
     * @param layers        neuron-layer widths, e.g. [784, 100, 10]
     * @param tilesUsed     tiles in the program
     * @param tileRows      word lines per tile
     * @param tileCols      bit lines per tile
     * @param cellsUsed     cells inside placed blocks (programmed synapses)
     * @param usedRows      word lines driven per step over all tiles
     * @param usedColumns   bit lines sensed per step over all tiles
     * @param neurons       MIF neurons (all non-input layers)
     * @param steps         time steps per inference
     * @param dt            step (s)
     * @param integrator    MIF integrator executed
     * @param readout       readout rule (SUM_LOG_SOFTMAX or MAX_VOLTAGE)
     */
    public record Topology(int[] layers, int tilesUsed, int tileRows, int tileCols, long cellsUsed, long usedRows,
                           long usedColumns, int neurons, int steps, double dt, String integrator, String readout) {}

    /** @param confusion confusion[label][predicted] */
    public record Accuracy(int n, int correct, double accuracy, int[][] confusion) {}

    /**
     * @param layer              neuron layer (1 = first hidden)
     * @param neurons            width
     * @param meanActivity       fraction of (neuron, step) pairs spiking, averaged over samples
     * @param spikesPerInference mean spiking (neuron, step) pairs per sample
     * @param perStep            fraction of the layer spiking at each step, averaged over samples
     */
    public record LayerActivity(int layer, int neurons, double meanActivity, double spikesPerInference,
                                double[] perStep) {}

    /**
     * Action potentials ({@code trainer.activity.ActionPotentialCriterion}: upward crossing of
     * E1 + V_on,1, ended by the pull-down) of one neuron layer.
     *
     * @param layer                 neuron layer (1 = first hidden)
     * @param neurons               width
     * @param perNeuronPerInference action potentials per neuron per inference (full run)
     * @param timeShare             fraction of neuron-steps spent inside an action potential
     */
    public record LayerActionPotentials(int layer, int neurons, double perNeuronPerInference, double timeShare) {}

    /**
     * The run with every inference stopped at its early decision ({@code trainer.decision.EarlyDecisionRule}).
     *
     * @param margin      the rule's margin (logit units)
     * @param holdSteps   the rule's hold (steps)
     * @param decided     samples on which the rule fired (the others ran all steps)
     * @param accuracy    accuracy of the early predictions
     * @param latency     time run per inference ((decision step + 1) * dt, or steps * dt)
     * @param energy      energy per inference by source up to the decision
     */
    public record EarlyDecision(double margin, int holdSteps, int decided, Accuracy accuracy, Distribution latency, Energy energy) {}

    /**
     * The honest digital-neuron baseline: the programmed weights of this chip instance run as a
     * non-spiking ANN, one VMM per weight layer per inference, inputs through {@code bits}-bit DACs,
     * outputs through {@code bits}-bit ADCs, the MIF neuron's quasi-static transfer as the activation
     * ({@code sim.ann.AnnBaselineRun}). Energies are costed by the report
     * from these measured loads and the target's converter figures.
     *
     * @param bits               converter resolution
     * @param accuracy           accuracy of that ANN on the same samples
     * @param rowDriveS          per weight layer: mean over samples of sum_rows x_r^2 S_r, the word-line
     *                           Joule load (S) at a full-scale read voltage of 1 V (x_r = DAC code / full scale)
     * @param rows               per weight layer: physical word lines driven (DAC writes per inference)
     * @param columns            per weight layer: bit lines read (ADC reads per inference, differential pairs count 2)
     */
    public record AnnBaseline(int bits, Accuracy accuracy, double[] rowDriveS, long[] rows, long[] columns) {}

    /**
     * Energy per inference (J) by source. The sources do not overlap: totalJ is their sum.
     *
     * @param alphaDriveJ       delivered by the alpha generators into the layer-0 (alpha-driven) arrays
     * @param crossbarJ         Joule heat of the membrane-driven arrays (weight layers 1..L-1)
     * @param mifM1J            dissipated in the MIF neurons' M1 devices
     * @param mifM2J            dissipated in the MIF neurons' M2 devices
     * @param membraneChargeJ   energy put into the membrane capacitors (sum of positive 1/2 C dV^2 increments)
     * @param totalJ            sum of the above
     * @param arrayByLayerJ     Joule heat of each weight layer's arrays (index 0 equals alphaDriveJ)
     * @param wireIncluded      whether array heat includes word/bit-line wire dissipation (IR drop on)
     */
    public record Energy(double alphaDriveJ, double crossbarJ, double mifM1J, double mifM2J, double membraneChargeJ,
                         double totalJ, double[] arrayByLayerJ, boolean wireIncluded) {}

    /**
     * @param tile            tile id
     * @param layers          weight layers with blocks on this tile
     * @param cellsUsed       cells inside its blocks
     * @param arrayJ          array Joule heat per inference (J)
     * @param neuronJ         M1 + M2 + membrane charging of the neurons homed on this tile (J)
     * @param totalJ          arrayJ + neuronJ
     * @param averagePowerW   totalJ / inference time
     */
    public record TileEnergy(int tile, int[] layers, long cellsUsed, double arrayJ, double neuronJ, double totalJ,
                             double averagePowerW) {}

    /**
     * @param firstSpike first step (as time, s) at which any output neuron spikes
     * @param decision   earliest time from which the running readout equals the final prediction
     */
    public record Latency(Distribution firstSpike, Distribution decision) {}

    /** Distribution over samples (s); {@code undefined} samples (e.g. no spike at all) are excluded. */
    public record Distribution(int n, int undefined, double mean, double p50, double p90, double p99, double min,
                               double max) {}

    /**
     * @param meanCellConductanceS     mean conductance of the used cells as simulated (after variation/faults)
     * @param meanAbsRowVoltageV       mean |V| across the cells of driven word lines over rows, steps and samples: the word-line
     *                                 voltage, minus the bit-line reference where a layer has one (program layers[l].bitline)
     * @param rmsRowVoltageV           RMS word-line voltage (what V^2/R power uses)
     * @param meanCellPowerW           array heat / (cells used * inference time)
     * @param meanAbsRowVoltageByLayerV mean |V| across the cells per weight layer (V - V_ref with a bit-line reference)
     * @param meanCellConductanceByLayerS mean used-cell conductance per weight layer
     * @param bitlineRefByLayerV        bit-line reference voltage per weight layer (0 = bit lines at 0 V), or null when the
     *                                  program has none (then not written). Optional
     * @param readLimitV                the tile's read-voltage limit (readVoltageMax). Optional (absent in older results)
     * @param alphaPeakRowV             the largest alpha row voltage (full-intensity pixel at the alpha peak, as driven):
     *                                  layer 0's cells stay within the limit exactly when it does. Optional
     * @param overReadLimitShareByLayer per weight layer, the share of (input, step) pairs whose cell voltage exceeded the
     *                                  read limit, counted by the engines for membrane-driven layers; for layer 0, 0 when
     *                                  alphaPeakRowV is within the limit and -1 (not counted) otherwise. Optional
     */
    public record Operating(double meanCellConductanceS, double meanAbsRowVoltageV, double rmsRowVoltageV,
                            double meanCellPowerW, double[] meanAbsRowVoltageByLayerV,
                            double[] meanCellConductanceByLayerS,
                            @io.memtile.core.json.OptionalField double[] bitlineRefByLayerV,
                            @io.memtile.core.json.OptionalField Double readLimitV,
                            @io.memtile.core.json.OptionalField Double alphaPeakRowV,
                            @io.memtile.core.json.OptionalField double[] overReadLimitShareByLayer) {
        @jakarta.json.bind.annotation.JsonbCreator
        public Operating {}

        /** Without the read-limit fields (tests, older callers). */
        public Operating(double meanCellConductanceS, double meanAbsRowVoltageV, double rmsRowVoltageV, double meanCellPowerW,
                         double[] meanAbsRowVoltageByLayerV, double[] meanCellConductanceByLayerS, double[] bitlineRefByLayerV) {
            this(meanCellConductanceS, meanAbsRowVoltageV, rmsRowVoltageV, meanCellPowerW, meanAbsRowVoltageByLayerV,
                    meanCellConductanceByLayerS, bitlineRefByLayerV, null, null, null);
        }

        /** Bit lines at 0 V everywhere. */
        public Operating(double meanCellConductanceS, double meanAbsRowVoltageV, double rmsRowVoltageV, double meanCellPowerW,
                         double[] meanAbsRowVoltageByLayerV, double[] meanCellConductanceByLayerS) {
            this(meanCellConductanceS, meanAbsRowVoltageV, rmsRowVoltageV, meanCellPowerW, meanAbsRowVoltageByLayerV,
                    meanCellConductanceByLayerS, null, null, null, null);
        }
    }

    /**
     * @param vmmsPerInference            tile-level VMMs (every used tile, every step)
     * @param layerVmmsPerInference       layer-level VMMs (every weight layer, every step)
     * @param columnConversionsPerInference bit-line conversions an ADC readout would need (used columns x steps)
     * @param rowDacWritesPerInference    word-line DAC writes (used rows x steps)
     */
    public record AdcCounts(long vmmsPerInference, long layerVmmsPerInference, long columnConversionsPerInference,
                            long rowDacWritesPerInference) {}

    /** One ablation configuration; {@code name} is e.g. "all off", "d2d only", "all on". */
    public record AblationRow(String name, boolean d2d, boolean readNoise, boolean stuck, boolean drift,
                              boolean irDrop, int n, double accuracy) {}

    /**
     * @param sample     dataset index of the traced sample
     * @param label      its label
     * @param predicted  simulator prediction
     * @param dt         step (s)
     * @param rasters    spike steps per neuron for every neuron layer
     * @param membranes  membrane voltage over time of a few neurons
     * @param tilePowerW tilePowerW[tile][step]: instantaneous power of each tile (W)
     */
    public record Traces(int sample, int label, int predicted, double dt, List<Raster> rasters,
                         List<MembraneTrace> membranes, double[][] tilePowerW) {}

    /** @param spikeSteps spikeSteps[neuron] = steps at which it was spiking */
    public record Raster(int layer, int[][] spikeSteps) {}

    public record MembraneTrace(int layer, int neuron, double[] volts) {}

    /**
     * @param wallSeconds          wall time of the main run (excluding ablation)
     * @param inferencesPerSecond  samples / wallSeconds
     * @param threads              worker threads
     * @param setupSeconds         chip-instance build time (variation, IR-drop transfer matrices)
     */
    public record Run(double wallSeconds, double inferencesPerSecond, int threads, double setupSeconds) {}

    @Override
    public void validate(Fields f) {
        f.present("provenance", provenance);
        f.present("topology", topology);
        f.present("accuracy", accuracy);
        f.present("activity", activity);
        f.present("energy", energy);
        f.present("tiles", tiles);
        f.present("latency", latency);
        f.present("operating", operating);
        f.present("adc", adc);
        f.present("run", run);
        f.range("accuracy.accuracy", accuracy.accuracy(), 0, 1);
        f.nonNegative("energy.totalJ", energy.totalJ());
        f.nonNegative("averagePowerW", averagePowerW);
        f.positive("inferenceTimeS", inferenceTimeS);
        f.check(activity.size() == topology.layers().length - 1, "activity", "needs one entry per neuron layer");
    }
}
