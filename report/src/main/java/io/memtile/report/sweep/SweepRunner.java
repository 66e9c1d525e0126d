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
        return run(planFile.toAbsolutePath().getParent(), plan.jobs().get(index));
    }

    public static Status run(Path planDir, SweepJob job) {
        Path out = planDir.resolve(job.output());
        if (isDone(out, job)) return Status.SKIPPED;
        Json.write(out, compute(planDir, job));
        return Status.DONE;
    }

    /** A complete output for exactly this job (a corrupt or foreign file is recomputed). */
    static boolean isDone(Path out, SweepJob job) {
        if (!Files.exists(out)) return false;
        try {
            return Json.read(out, SweepRow.class).job().equals(job);
        } catch (MemtileException e) {
            return false;
        }
    }

    public static SweepRow compute(SweepJob job) { return compute(null, job); }

    /**
     * Computes one job's row. In measured mode the simulation is cached in {@code planDir/sims/}
     * under a key of everything that affects it (not the ADC parameters, which only change the
     * baseline's costing), so an ADC-bits axis costs one compile + simulation, not one per value.
     */
    public static SweepRow compute(Path planDir, SweepJob job) {
        Target t = configure(Targets.load(job.target()), job);
        AdcOverrides o = new AdcOverrides(job.adcBits(), 0, 0, job.adcCycles());
        if (!job.measured()) {
            PpaTable p = PaperPpa.compute(t, Reports.parseLayers(job.network()), o);
            return row(job, t, p, (int) p.derivation().stream().filter(s -> s.symbol().equals("N_tiles")).findFirst().orElseThrow().value(), null, null);
        }
        Path cache = planDir == null ? null : planDir.resolve("sims").resolve(simulationKey(job) + ".json");
        SimResult r = null;
        if (cache != null && Files.exists(cache)) {
            try {
                r = Json.read(cache, SimResult.class);
            } catch (MemtileException e) {
                r = null; // unreadable cache entry: recompute and overwrite it
            }
        }
        if (r == null) {
            ModelArtifact m = Json.read(Path.of(job.model()), ModelArtifact.class);
            CompileOptions co = CompileOptions.defaults(job.seed()).withThreads(1).withPulseLog(false);
            CompileResult c = Compiler.compile(m, t, co);
            SimOptions so = SimOptions.defaults(c.program()).withNonIdealities(t.nonIdealities()).withLimit(job.samples())
                    .withSeed(job.seed()).withThreads(1).withTraceSample(-1).withProvenance(job.model(), "", job.dataset());
            r = Simulator.run(c.program(), Datasets.load(job.dataset(), Split.TEST), so);
            if (cache != null) Json.write(cache, r);
        }
        PpaTable p = MeasuredPpa.compute(r, t, o);
        return row(job, t, p, r.topology().tilesUsed(), r, p);
    }

    private static SweepRow row(SweepJob job, Target t, PpaTable p, int tiles, SimResult r, PpaTable measured) {
        var area = p.row("Area");
        var power = p.row("Power");
        var lat = p.row("Latency");
        Double eMem = null;
        Double eMix = null;
        Double acc = null;
        if (measured != null) {
            eMem = measured.row("Energy / inference").memtile() * 1e-6;
            eMix = measured.row("Energy / inference").mixedSignal() * 1e-6;
            acc = r.accuracy().accuracy();
        }
        int bits = job.adcBits() == 0 ? t.adc().bits() : job.adcBits();
        return new SweepRow(SweepRow.SCHEMA_VERSION, job, t.name(), t.tile().rows(), t.tile().cols(), tiles, bits,
                area.memtile(), area.mixedSignal(), power.memtile() * 1e-3, power.mixedSignal() * 1e-3,
                lat.memtile() * 1e-3, lat.mixedSignal() * 1e-3, eMem, eMix, acc);
    }

    /** Everything that determines a job's simulation (and nothing that only changes its costing). */
    static String simulationKey(SweepJob j) {
        String k = j.model() + "|" + j.target() + "|" + j.tile() + "|" + j.variation() + "|" + j.seed() + "|" + j.dataset() + "|" + j.samples();
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
                    ni.driftTau(), ni.wireResistance(), 0));
        }
        return t;
    }
}
