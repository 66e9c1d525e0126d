package io.memtile.cli;

import io.memtile.compiler.CompileJob;
import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.program.Provenance;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.MemtileException;
import io.memtile.core.json.Hashing;
import io.memtile.core.json.Json;
import io.memtile.core.target.Target;
import io.memtile.datasets.Dataset;
import io.memtile.datasets.Datasets;
import io.memtile.datasets.Split;
import io.memtile.sim.SimFiles;
import io.memtile.sim.finetune.ChipModel;
import io.memtile.sim.finetune.RecordedCompile;
import io.memtile.trainer.hwaware.HwAwareConfig;
import io.memtile.trainer.hwaware.HwAwareOptions;
import io.memtile.trainer.hwaware.HwTransform;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.train.TrainDefaults;
import io.memtile.trainer.train.TrainOptions;
import io.memtile.trainer.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code memtile finetune PROG --dataset ... --out DIR}: retrains a compiled program's weights against
 * that program's chip instance (its fresh stuck cells and exact IR-drop transfer held fixed,
 * device-to-device variation and read noise sampled per batch), then recompiles with the options
 * the program records (its target; every compile option from compile-report.json) and writes the new program.
 */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = {"Retrain a compiled program against its chip (stuck map and IR-drop transfer of the chip instance the simulator builds "
                + "for --chip-seed), then recompile with the program's target and the options compile-report.json records.",
                "Writes the fine-tuned model (--model-out) and the new program directory (--out)."})
public final class FinetuneCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROG", description = "Program directory (or its program.json) written by `memtile compile`.")
    Path prog;
    @Option(names = "--dataset", required = true, description = "Training data (its train split; the test split is evaluated after each epoch).")
    String dataset;
    @Option(names = "--model", description = "The model the program was compiled from (default: the file its provenance names; its hash must match).")
    Path model;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "New program directory (replaced atomically).")
    Path out;
    @Option(names = "--model-out", description = "Fine-tuned model file (default: <out>-model.json next to --out).")
    Path modelOut;
    @Option(names = "--epochs", defaultValue = "1", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--batch", defaultValue = "" + TrainDefaults.BATCH, description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--lr", defaultValue = "1e-4", description = "Adam learning rate (default: ${DEFAULT-VALUE}, a tenth of training's: the weights start trained).")
    double lr;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of shuffling and the per-batch noise draws (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--chip-seed", defaultValue = "1", description = "Seed of the chip instance to fine-tune for: the simulator's --seed (default: ${DEFAULT-VALUE}).")
    long chipSeed;
    @Option(names = "--no-noise", description = "Do not sample d2d variation and read noise during fine-tuning.")
    boolean noNoise;
    @Option(names = "--threads", description = "Worker threads (default: available processors; results do not depend on it).")
    Integer threads;
    @Option(names = "--train-limit", defaultValue = "0", description = "Use only the first N training samples (0 = all).")
    int trainLimit;
    @Option(names = "--test-limit", defaultValue = "0", description = "Evaluate only the first N test samples after each epoch (0 = all).")
    int testLimit;
    @Option(names = "--no-tile-files", description = "Skip per-tile CSVs and heat maps.")
    boolean noTileFiles;

    @Override
    public Integer call() {
        if (epochs < 1) throw new MemtileException("--epochs", null, "must be >= 1");
        if (batch < 1) throw new MemtileException("--batch", null, "must be >= 1");
        if (!(lr > 0) || !Double.isFinite(lr)) throw new MemtileException("--lr", null, "must be a finite number > 0, got " + lr);
        if (threads != null && threads < 1) throw new MemtileException("--threads", null, "must be >= 1, got " + threads);
        if (trainLimit < 0 || testLimit < 0) throw new MemtileException("--train-limit", null, "limits must be >= 0");
        int th = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        SimFiles.Loaded loaded = SimFiles.load(prog);
        TileProgram p = loaded.program();
        Provenance pv = p.provenance();
        Path modelFile = model != null ? model : Path.of(pv.model());
        if (!Files.exists(modelFile)) {
            throw new MemtileException(loaded.file().toString(), "provenance.model", "names " + modelFile + ", which does not exist; give --model");
        }
        String sha = Hashing.sha256(modelFile);
        if (pv.modelSha256() != null && !pv.modelSha256().equals(sha)) {
            throw new MemtileException(modelFile.toString(), null, "is not the model the program was compiled from (sha256 differs from provenance.modelSha256)");
        }
        ModelArtifact m = Json.read(modelFile, ModelArtifact.class);
        if (!m.network().equals(p.network())) {
            throw new MemtileException(modelFile.toString(), "network", "differs from the program's network");
        }
        Target t = p.target();
        Path mo = modelOut != null ? modelOut : out.toAbsolutePath().resolveSibling(out.getFileName() + "-model.json");

        RecordedCompile rc = RecordedCompile.read(prog);
        CompileOptions co = rc.options().withThreads(th).withPulseLog(!noTileFiles);
        int n = co.quantize() ? pv.switches() : 0;
        ChipModel.Result chip = ChipModel.build(p, m.weights(), n, rc.unrepaired(), chipSeed, th);
        HwAwareConfig cfg = HwAwareConfig.none(t, seed).withSwitches(n)
                .withWireResistance(t.nonIdealities().wireResistance() ? t.tile().wireResistanceOhm() : 0)
                .withChip(loaded.file().toString(), loaded.sha256(), chipSeed);
        if (!noNoise) cfg = cfg.withD2d(t.nonIdealities().d2dSigma()).withReadNoise(t.nonIdealities().readNoiseSigma());
        System.out.println(HwAwareOptions.describe(cfg));
        System.out.printf(Locale.ROOT, "chip %d: %d cells stuck after programming and %d left unrepaired by write-verify (held fixed), "
                        + "%d found by write-verify in all (the compiler compensates the rest), largest IR attenuation %.1f%%, residual transfer offset RMS %.2e%n",
                chipSeed, chip.freshStuck(), chip.unrepairedStuck(), chip.knownStuck(), 100 * chip.maxAttenuationLoss(), chip.offsetRms());

        Dataset train = Datasets.load(dataset, Split.TRAIN);
        Dataset test = Datasets.load(dataset, Split.TEST);
        if (trainLimit > 0) train = train.head(trainLimit);
        HwTransform hw = new HwTransform(cfg, t, p.network().layers(), null, chip.chip());
        TrainOptions o = new TrainOptions(dataset, p.network(), t, epochs, batch, lr, TrainDefaults.BETA1, TrainDefaults.BETA2, seed,
                TrainDefaults.INIT_SCALE, th, testLimit, mo, false, 0);
        ModelArtifact tuned = Trainer.train(o, m.weights(), hw, train, test, System.out);
        System.out.printf(Locale.ROOT, "wrote %s: test accuracy %.2f%% (nominal weights)%n", mo, 100 * tuned.metrics().getOrDefault("testAccuracy", Double.NaN));

        System.out.printf(Locale.ROOT, "recompiling with the program's target %s and recorded options: seed %d, N=%d, packer %s, quantize %s, "
                        + "programming noise %s, faults %s, repair tiles %d%n", pv.targetName(), co.seed(), pv.switches(), co.packer(), co.quantize(),
                co.programmingNoise(), co.faults(), co.repairTiles());
        CompileJob.run(new CompileJob.Request(mo, null, out, co, -1, null, !noTileFiles, new int[0], dataset, 0), System.out);
        return 0;
    }
}
