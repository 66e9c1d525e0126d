package io.memtile.cli;

import io.memtile.core.MemtileException;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.datasets.Dataset;
import io.memtile.datasets.Datasets;
import io.memtile.datasets.Split;
import io.memtile.compiler.place.CellLayouts;
import io.memtile.trainer.hwaware.HwAwareConfig;
import io.memtile.trainer.hwaware.HwAwareOptions;
import io.memtile.trainer.hwaware.HwTransform;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.NetworkConfig;
import io.memtile.trainer.model.NetworkConfigs;
import io.memtile.trainer.train.TrainDefaults;
import io.memtile.trainer.train.TrainOptions;
import io.memtile.trainer.train.Trainer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code memtile train}: MEMprop BPTT training of a fully memristive SNN; writes a model artifact. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a MIF spiking network with exact BPTT (MEMprop) and write model.json.",
                "A checkpoint (model.json.ckpt) is written after every epoch; --resume continues bit-identically.",
                "Training curves (loss, train/test accuracy, activity per layer) go next to the model after every epoch: "
                        + "model.curves.png, .csv and .json."})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--dataset", defaultValue = "embedded:mnist", description = "mnist | fashion-mnist | idx:DIR | embedded:mnist | embedded:fashion-mnist (default: ${DEFAULT-VALUE}).")
    String dataset;
    @Option(names = "--target", defaultValue = Targets.DEFAULT, description = "Target name or JSON path (default: ${DEFAULT-VALUE}).")
    String target;
    @Option(names = "--out", required = true, description = "Model artifact to write (checkpoint: <out>.ckpt).")
    Path out;
    @Option(names = "--resume", description = "Continue from <out>.ckpt (same options required).")
    boolean resume;
    @Option(names = "--time-limit", defaultValue = "0", description = "Wall-time budget in minutes for this invocation (0 = none): stops early (between batches) and writes the model.")
    double timeLimitMinutes;
    @Option(names = "--epochs", defaultValue = "50", description = "Epochs (default: ${DEFAULT-VALUE}, as the paper).")
    int epochs;
    @Option(names = "--batch", defaultValue = "" + TrainDefaults.BATCH, description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--lr", defaultValue = "" + TrainDefaults.LR, description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--beta1", defaultValue = "" + TrainDefaults.BETA1, description = "Adam beta1 (default: ${DEFAULT-VALUE}).")
    double beta1;
    @Option(names = "--beta2", defaultValue = "" + TrainDefaults.BETA2, description = "Adam beta2 (default: ${DEFAULT-VALUE}).")
    double beta2;
    @Option(names = "--seed", defaultValue = "" + TrainDefaults.SEED, description = "Seed of init and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--init-scale", defaultValue = "" + TrainDefaults.INIT_SCALE, description = "Uniform init half-width of normalised weights (default: ${DEFAULT-VALUE}).")
    double initScale;
    @Option(names = "--threads", description = "Worker threads (default: available processors; results do not depend on it).")
    Integer threads;
    @Option(names = "--precision", description = "Arithmetic of the training engine: float32 | float64 (default: "
            + "float32, 16 samples per AVX-512 vector; it falls back to float64 with a note where it cannot run the network, "
            + "e.g. the explicit and semi-implicit integrators).")
    String precision;
    @Option(names = "--train-limit", defaultValue = "0", description = "Use only the first N training samples (0 = all).")
    int trainLimit;
    @Option(names = "--test-limit", defaultValue = "0", description = "Evaluate only the first N test samples after each epoch (0 = all).")
    int testLimit;
    @Option(names = "--layers", description = "Layer widths, e.g. 784,100,10 (default: 784,<hidden>,10).", split = ",")
    int[] layers;
    @Option(names = "--hidden", description = "Hidden layer widths, e.g. 100 or 200,100 (default: 100).", split = ",")
    int[] hidden;
    @Option(names = "--integrator", description = "exponential | semi-implicit | explicit (default: exponential).")
    String integrator;
    @Option(names = "--alpha-form", description = "step-average | forward-euler (default: step-average).")
    String alphaForm;
    @Option(names = "--input-amplitude", description = "Alpha row-voltage amplitude A0 for pixel 1 (V; default " + NetworkConfigs.DEFAULT_INPUT_AMPLITUDE + ").")
    Double inputAmplitude;
    @Option(names = "--layer-scales", split = ",", description = "Attenuation per weight layer, e.g. 100,100.")
    double[] layerScales;

    @Option(names = "--drive-range", split = ",", paramLabel = "LOW,HIGH",
            description = "Rails (V) of the buffer between each hidden membrane and the next crossbar's word lines, "
                    + "e.g. 0,0.2: the word line sees min(max(V, LOW), HIGH). Default: none, the membrane drives the word lines directly.")
    double[] driveRange;
    @Option(names = "--loss-voltage-unit", description = "Output volts per logit unit (default " + NetworkConfigs.DEFAULT_LOSS_VOLTAGE_UNIT + ").")
    Double lossVoltageUnit;
    @Option(names = "--readout", description = "sum-log-softmax | max-voltage (default: sum-log-softmax).")
    String readout;
    @Option(names = "--steps", description = "Time steps per sample (default: the target's).")
    Integer steps;
    @picocli.CommandLine.Mixin
    HwAwareMixin hw = new HwAwareMixin();
    @Option(names = "--injection-period", description = "Alpha injection period in steps (default: the target's).")
    Integer injectionPeriod;

    @Option(names = "--target-activity", description = "Target R of the activity term: action potentials (V_on crossings) per hidden neuron per inference (default " + TrainDefaults.TARGET_ACTIVITY + ").")
    Double targetActivity;
    @Option(names = "--activity-weight", description = "Weight λ of the activity term λ·(A - R)^2 per hidden layer and sample (0 = off; default " + TrainDefaults.ACTIVITY_WEIGHT + ").")
    Double activityWeight;
    @Option(names = "--activity-width", description = "Width κ of the sigmoid that smooths the V_on crossing, in mV (default " + (1e3 * io.memtile.trainer.activity.ActivityTarget.DEFAULT_WIDTH_VOLTS) + ").")
    Double activityWidthMv;
    @Option(names = "--drive-energy-weight", paramLabel = "MU", description = "Weight μ of the drive-energy term: μ times the mean square "
            + "word-line voltage (V²) each hidden layer puts on the next crossbar, per sample; it trades accuracy against the chip's "
            + "crossbar heat with exact gradients (0 = off; default " + TrainDefaults.DRIVE_ENERGY_WEIGHT + ").")
    Double driveEnergyWeight;

    @Option(names = "--bins", paramLabel = "K", description = "Event datasets: frames per sample, 1..steps (default "
            + io.memtile.datasets.events.nmnist.NmnistDataset.DEFAULT_BINS + ", one per alpha injection of the paper target); recorded in the model, "
            + "eval and simulate then bin the same way.")
    Integer bins;

    @Option(names = "--force", description = "replace --out even if it is not a previous memtile output of this kind (never an input)")
    boolean force;

    @Override
    public Integer call() {
        io.memtile.core.output.OutputGuard.check(out, OutputKinds.MODEL, force, "--out", OutputKinds.targetInput(target), OutputKinds.datasetInput(dataset));
        // the per-epoch checkpoint is written next to it: it must not replace a foreign file either
        if (out != null) {
            io.memtile.core.output.OutputGuard.check(out.resolveSibling(out.getFileName() + ".ckpt"), OutputKinds.CHECKPOINT, force, "--out (checkpoint)",
                    OutputKinds.targetInput(target), OutputKinds.datasetInput(dataset));
        }
        Target t = Targets.load(target);
        // impossible bin counts fail before any data is read
        if (bins != null) io.memtile.datasets.events.EventBins.check(bins, steps != null ? steps : t.timing().steps());
        Dataset train = Datasets.load(dataset, Split.TRAIN, bins);
        Dataset test = Datasets.load(dataset, Split.TEST, bins);
        if (train.size() == 0) throw new MemtileException(dataset, null, "the training split has no samples");
        if (test.size() == 0) throw new MemtileException(dataset, null, "the test split has no samples (accuracy would be 0/0)");
        int[] widths = layers;
        if (widths == null) {
            // the input and output widths follow the data: 784/10 for images, 2,312/10 for N-MNIST events, 2,048/11 for DvsGesture
            int[] h = hidden == null ? new int[] {100} : hidden;
            widths = new int[h.length + 2];
            widths[0] = train.dim();
            System.arraycopy(h, 0, widths, 1, h.length);
            widths[widths.length - 1] = train.classes();
        } else if (hidden != null) {
            throw new MemtileException("--hidden", null, "give either --layers or --hidden, not both");
        }
        NetworkConfig d = NetworkConfigs.defaults(t, widths);
        if (layerScales != null && layerScales.length != widths.length - 1) {
            throw new MemtileException("--layer-scales", null, "needs " + (widths.length - 1) + " values (one per weight layer), got " + layerScales.length);
        }
        NetworkConfig c = new NetworkConfig(widths,
                integrator != null ? integrator.toUpperCase(Locale.ROOT).replace('-', '_') : d.integrator(),
                alphaForm != null ? alphaForm.toUpperCase(Locale.ROOT).replace('-', '_') : d.alphaForm(),
                inputAmplitude != null ? inputAmplitude : d.inputAmplitude(),
                layerScales != null ? layerScales : d.layerScales(),
                lossVoltageUnit != null ? lossVoltageUnit : d.lossVoltageUnit(),
                readout != null ? readout.toUpperCase(Locale.ROOT).replace('-', '_') : d.readout(),
                steps != null ? steps : d.steps(), d.dt(), injectionPeriod != null ? injectionPeriod : d.injectionPeriod(),
                driveRange);
        if (driveRange != null && (driveRange.length != 2 || !(driveRange[0] < driveRange[1])
                || !Double.isFinite(driveRange[0]) || !Double.isFinite(driveRange[1]))) {
            throw new MemtileException("--drive-range", null, "needs two finite rails LOW,HIGH in volts with LOW < HIGH, got " + Arrays.toString(driveRange));
        }
        c.validate(io.memtile.core.json.Fields.root("train options"));
        if (epochs < 1) throw new MemtileException("--epochs", null, "must be >= 1");
        if (batch < 1) throw new MemtileException("--batch", null, "must be >= 1");
        // a negative or NaN rate would silently ascend the loss; betas outside [0, 1) break Adam's bias correction
        if (!(lr > 0) || !Double.isFinite(lr)) throw new MemtileException("--lr", null, "must be a finite number > 0, got " + lr);
        if (!(beta1 >= 0 && beta1 < 1)) throw new MemtileException("--beta1", null, "must be in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new MemtileException("--beta2", null, "must be in [0, 1), got " + beta2);
        if (!(initScale >= 0 && initScale <= 1)) {
            throw new MemtileException("--init-scale", null, "must be in [0, 1] (normalised weights are realisable only in [-1, 1]), got " + initScale);
        }
        io.memtile.trainer.engine.Precision prec;
        try {
            prec = precision == null ? TrainDefaults.PRECISION : io.memtile.trainer.engine.Precision.parse(precision);
        } catch (IllegalArgumentException e) {
            throw new MemtileException("--precision", null, e.getMessage());
        }
        if (threads != null && threads < 1) throw new MemtileException("--threads", null, "must be >= 1, got " + threads);
        if (trainLimit < 0) throw new MemtileException("--train-limit", null, "must be >= 0 (0 = all), got " + trainLimit);
        if (testLimit < 0) throw new MemtileException("--test-limit", null, "must be >= 0 (0 = all), got " + testLimit);
        if (!(timeLimitMinutes >= 0)) throw new MemtileException("--time-limit", null, "must be >= 0 minutes (0 = none), got " + timeLimitMinutes);
        io.memtile.trainer.activity.ActivityTarget activity = new io.memtile.trainer.activity.ActivityTarget(
                targetActivity != null ? targetActivity : TrainDefaults.TARGET_ACTIVITY,
                activityWeight != null ? activityWeight : TrainDefaults.ACTIVITY_WEIGHT,
                activityWidthMv != null ? activityWidthMv * 1e-3 : io.memtile.trainer.activity.ActivityTarget.DEFAULT_WIDTH_VOLTS,
                driveEnergyWeight == null ? (TrainDefaults.DRIVE_ENERGY_WEIGHT != 0 ? (Double) TrainDefaults.DRIVE_ENERGY_WEIGHT : null)
                        : driveEnergyWeight != 0 ? driveEnergyWeight : null);
        if (driveEnergyWeight != null && !(driveEnergyWeight >= 0 && Double.isFinite(driveEnergyWeight))) {
            throw new MemtileException("--drive-energy-weight", null, "must be a finite number >= 0, got " + driveEnergyWeight);
        }
        if (!(activity.rate() >= 0) || Double.isInfinite(activity.rate())) throw new MemtileException("--target-activity", null, "must be a finite number >= 0, got " + activity.rate());
        if (!(activity.weight() >= 0) || Double.isInfinite(activity.weight())) throw new MemtileException("--activity-weight", null, "must be a finite number >= 0, got " + activity.weight());
        if (!(activity.widthVolts() > 0) || Double.isInfinite(activity.widthVolts())) throw new MemtileException("--activity-width", null, "must be a finite number > 0 mV, got " + activityWidthMv);
        int th0 = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        io.memtile.trainer.train.TrainMemory.check(c, batch, th0);
        if (trainLimit > 0) train = train.head(trainLimit);
        int th = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "training %s on %s (%d train / %d test samples), %d epochs, batch %d, lr %g, seed %d, %d threads%n",
                Arrays.toString(widths), dataset, train.size(), testLimit > 0 ? Math.min(testLimit, test.size()) : test.size(),
                epochs, batch, lr, seed, th);
        System.out.println("precision: " + prec.label());
        System.out.println("network: " + c + " lossVoltageUnit=" + c.lossVoltageUnit() + " steps=" + c.steps());
        if (activity.rateActive()) {
            System.out.printf(Locale.ROOT, "activity term: target %.3g action potentials/hidden neuron/inference, weight %.3g, width %.3g mV%n",
                    activity.rate(), activity.weight(), 1e3 * activity.widthVolts());
        }
        if (activity.energyWeight() > 0) {
            System.out.printf(Locale.ROOT, "drive-energy term: weight %.3g per V² of mean square hidden word-line voltage%n", activity.energyWeight());
        }
        if (train.isEvents()) {
            io.memtile.datasets.events.EventBins.check(train.frames().bins(), c.steps());
            System.out.printf(Locale.ROOT, "event input: %d frames per sample, each shown for %s of the %d steps (%.0f event entries per sample)%n",
                    train.frames().bins(), stepsPerBin(train.frames().bins(), c.steps()), c.steps(),
                    (double) train.frames().channel().length / train.size());
        }
        HwAwareConfig hwc = hw.resolve(t, seed);
        HwTransform transform = null;
        if (hwc != null) {
            System.out.println(HwAwareOptions.describe(hwc));
            // the attenuation is computed where `memtile compile --packer` will place each weight
            transform = new HwTransform(hwc, t, widths, CellLayouts.of(widths, t.tile(), hwc.packer()), null);
        }
        ModelArtifact m = Trainer.train(new TrainOptions(dataset, c, t, epochs, batch, lr, beta1, beta2, seed, initScale, th,
                testLimit, out, resume, timeLimitMinutes * 60, prec, activity), null, transform, train, test, System.out);
        System.out.printf(Locale.ROOT, "wrote %s: test accuracy %.2f%% after %.2f epochs, wall %.1f s%n", out,
                100 * m.metrics().getOrDefault("testAccuracy", Double.NaN), m.metrics().get("epochs"), m.metrics().get("wallSeconds"));
        return 0;
    }

    /** "100", or "33-34" when the bins do not divide the steps. */
    static String stepsPerBin(int bins, int steps) {
        int lo = steps / bins;
        return steps % bins == 0 ? Integer.toString(lo) : lo + "-" + (lo + 1);
    }
}
