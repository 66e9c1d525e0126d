package io.memtile.report.sweep;

import io.memtile.compiler.CompileResult;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.CompileOptions;
import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import io.memtile.core.target.NonIdealities;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.core.target.TileParams;
import io.memtile.datasets.Datasets;
import io.memtile.datasets.Split;
import io.memtile.report.AdcOverrides;
import io.memtile.report.MeasuredPpa;
import io.memtile.report.PaperPpa;
import io.memtile.report.PpaTable;
import io.memtile.report.Reports;
import io.memtile.sim.SimOptions;
import io.memtile.sim.Simulator;
import io.memtile.sim.result.SimResult;
import io.memtile.trainer.model.ModelArtifact;
import io.memtile.trainer.model.NetworkConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run step: executes one job of a plan. Idempotent: a job whose output already exists (and reads
 * back as this job's row) is skipped; outputs are written atomically, so a worker killed mid-job
 * leaves either nothing or a complete row, and re-running the plan resumes where it stopped.
 */
public final class SweepRunner {
    public enum Status { DONE, SKIPPED }

    private SweepRunner() {}

    public static Status run(Path planFile, int index) {
        SweepPlan plan = SweepPlanner.read(planFile);
        if (index < 0 || index >= plan.jobs().size()) {
            throw new MemtileException("--index", null, "must be in [0, " + (plan.jobs().size() - 1) + "] for " + planFile + ", got " + index);
        }
        return run(planFile.toAbsolutePath().getParent(), plan.jobs().get(index), new ContentKeys());
    }

    /**
     * Runs one job: skipped when a row for exactly this job and these input contents exists. A job
     * that throws leaves {@code failures/NNNN-id.json} saying why (for {@code sweep status}); a job
     * that succeeds removes it.
     */
    public static Status run(Path planDir, SweepJob job, ContentKeys keys) {
        Path out = SweepDir.output(planDir, job);
        Path failure = SweepDir.failure(planDir, job);
        SweepDir.cleanTemps(planDir, out);
        try {
            Target t = configure(Targets.load(job.target()), job);
            String key = keys.row(job, t);
            if (isDone(out, job, key)) return Status.SKIPPED;
            Json.write(out, compute(planDir, job, t, key, keys));
            Files.deleteIfExists(failure);
            return Status.DONE;
        } catch (RuntimeException | Error e) {
            recordFailure(failure, job, e);
            throw e;
        } catch (java.io.IOException e) {
            throw new MemtileException(failure.toString(), null, "cannot remove: " + e.getMessage());
        }
    }

    private static void recordFailure(Path file, SweepJob job, Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!(e instanceof MemtileException)) msg = e.getClass().getSimpleName() + ": " + msg;
        String task = System.getenv("SLURM_ARRAY_JOB_ID") != null
                ? "slurm " + System.getenv("SLURM_ARRAY_JOB_ID") + "_" + System.getenv("SLURM_ARRAY_TASK_ID")
                : System.getenv("JOB_COMPLETION_INDEX") != null ? "k8s index " + System.getenv("JOB_COMPLETION_INDEX") : "local";
        try {
            Json.write(file, new SweepFailure(SweepFailure.SCHEMA_VERSION, job.index(), job.id(), msg.lines().findFirst().orElse(""), task));
        } catch (RuntimeException ignored) {
            // The original error matters more than the note about it (e.g. a full disk fails both).
        }
    }

    /** A complete output for exactly this job and input contents (a corrupt, foreign or stale file is recomputed). */
    static boolean isDone(Path out, SweepJob job, String inputsKey) {
        return rowProblem(out, job, inputsKey) == null;
    }

    /**
     * Null when the file at {@code out} is the row of {@code job} computed from inputs with content
     * key {@code inputsKey} ({@link ContentKeys#row}); otherwise why it is not (for status and collect).
     */
    public static String rowProblem(Path out, SweepJob job, String inputsKey) {
        if (!Files.exists(out)) return "no row yet";
        SweepRow r;
        try {
            r = Json.read(out, SweepRow.class);
        } catch (MemtileException e) {
            return "unreadable row";
        }
        if (!r.job().equals(job)) return "row belongs to another job";
        return r.inputsKey().equals(inputsKey) ? null : "stale row (model, target or dataset changed since it ran)";
    }

    /** {@link #rowProblem(Path, SweepJob, String)} with the key of the inputs as they are now. */
    public static String rowProblem(Path out, SweepJob job, ContentKeys keys) {
        if (!Files.exists(out)) return "no row yet";
        Target t = configure(Targets.load(job.target()), job);
        return rowProblem(out, job, keys.row(job, t));
    }

    public static SweepRow compute(SweepJob job) {
        Target t = configure(Targets.load(job.target()), job);
        ContentKeys keys = new ContentKeys();
        return compute(null, job, t, keys.row(job, t), keys);
    }

    /**
     * Computes one job's row. In measured mode the simulation is cached in {@code planDir/sims/}
     * under a key of the content of everything that affects it (not the ADC parameters, which only
     * change the baseline's costing), so an ADC-bits axis costs one compile + simulation, not one per value.
     */
    static SweepRow compute(Path planDir, SweepJob job, Target t, String inputsKey, ContentKeys keys) {
        AdcOverrides o = new AdcOverrides(job.adcBits(), 0, 0, job.adcCycles());
        if (!job.measured()) {
            PpaTable p = PaperPpa.compute(t, Reports.parseLayers(job.network()), o);
            return row(job, t, p, (int) p.derivation().stream().filter(s -> s.symbol().equals("N_tiles")).findFirst().orElseThrow().value(),
                    null, null, inputsKey);
        }
        Path cache = planDir == null ? null : planDir.resolve(SweepDir.SIMS_DIR).resolve(keys.simulation(job, t) + ".json");
        SimResult r = null;
        if (cache != null && Files.exists(cache)) {
            try {
                r = Json.read(cache, SimResult.class);
            } catch (MemtileException e) {
                r = null; // unreadable cache entry: recompute and overwrite it
            }
        }
        if (r == null) {
            ModelArtifact m = withCircuitFactors(Json.read(Path.of(job.model()), ModelArtifact.class), job);
            CompileOptions co = CompileOptions.defaults(job.seed()).withThreads(1).withPulseLog(false);
            CompileResult c = Compiler.compile(m, t, co);
            SimOptions so = SimOptions.defaults(c.program()).withNonIdealities(t.nonIdealities()).withLimit(job.samples())
                    .withSeed(job.seed()).withThreads(1).withTraceSample(-1).withProvenance(job.model(), "", job.dataset());
            r = Simulator.run(c.program(), Datasets.load(job.dataset(), Split.TEST), so);
            if (cache != null) Json.write(cache, r);
        }
        PpaTable p = MeasuredPpa.compute(r, t, o);
        return row(job, t, p, r.topology().tilesUsed(), r, p, inputsKey);
    }

    private static SweepRow row(SweepJob job, Target t, PpaTable p, int tiles, SimResult r, PpaTable measured, String inputsKey) {
        var area = p.row("Area");
        var power = p.row("Power");
        var lat = p.row("Latency");
        Double eMem = null;
        Double eMix = null;
        Double acc = null;
        Double eEarly = null;
        Double accEarly = null;
        if (measured != null) {
            eMem = measured.row("Energy / inference").memtile() * 1e-6;
            eMix = measured.row("Energy / inference").mixedSignal() * 1e-6;
            acc = r.accuracy().accuracy();
            if (r.earlyDecision() != null && r.earlyDecision().holdSteps() > 0) {
                eEarly = r.earlyDecision().energy().totalJ();
                accEarly = r.earlyDecision().accuracy().accuracy();
            }
        }
        int bits = job.adcBits() == 0 ? t.adc().bits() : job.adcBits();
        return new SweepRow(SweepRow.SCHEMA_VERSION, job, t.name(), t.tile().rows(), t.tile().cols(), tiles, bits,
                area.memtile(), area.mixedSignal(), power.memtile() * 1e-3, power.mixedSignal() * 1e-3,
                lat.memtile() * 1e-3, lat.mixedSignal() * 1e-3, eMem, eMix, acc, inputsKey, eEarly, accEarly);
    }

    /**
     * The job's input amplitude and layer scales applied to the model (same weights). Scaling the
     * amplitude and the first layer's attenuation by the same factor leaves every neuron current,
     * hence accuracy, unchanged while the word-line energy scales with the amplitude squared.
     */
    static ModelArtifact withCircuitFactors(ModelArtifact m, SweepJob job) {
        if (!job.changesModel()) return m;
        NetworkConfig c = m.network();
        double amp = job.inputAmplitude() != null && job.inputAmplitude() > 0 ? job.inputAmplitude() : c.inputAmplitude();
        double[] scales = c.layerScales();
        if (job.layerScales() != null && !job.layerScales().isEmpty()) {
            scales = SweepGrid.parseScales(job.layerScales());
            if (scales.length != c.layerScales().length) {
                throw new MemtileException(job.model(), "network.layerScales", "the sweep gives " + scales.length + " layer scales (\""
                        + job.layerScales() + "\") but the model has " + c.layerScales().length + " weight layers");
            }
        }
        NetworkConfig n = new NetworkConfig(c.layers(), c.integrator(), c.alphaForm(), amp, scales, c.lossVoltageUnit(), c.readout(),
                c.steps(), c.dt(), c.injectionPeriod(), c.driveRange());
        return new ModelArtifact(m.schemaVersion(), n, m.target(), m.weights(), m.training(), m.metrics(), m.hwAware());
    }

    /** The job's tile size and variation applied to its target. */
    public static Target configure(Target t, SweepJob job) {
        if (job.tile() != 0) {
            TileParams tp = t.tile();
            int n = job.tile();
            // Area per cell is the target's: a 64x64 tile is a quarter of a 128x128 one (periphery scales with it).
            double area = tp.areaMm2() * ((double) n * n) / ((double) tp.rows() * tp.cols());
            t = t.withTile(new TileParams(n, n, tp.cellType(), tp.technologyNm(), area, tp.wireResistanceOhm(), tp.readVoltageMax(),
                    Math.min(tp.spareColumns(), Math.max(0, n - 2))));
        }
        if (job.variation() >= 0) {
            NonIdealities ni = t.nonIdealities();
            t = t.withNonIdealities(new NonIdealities(job.variation(), ni.readNoiseSigma(), ni.stuckAtRate(), ni.stuckOnFraction(),
                    ni.driftTau(), ni.wireResistance(), ni.fieldFailureRate()));
        }
        return t;
    }
}
