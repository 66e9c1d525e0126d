package io.memtile.report.sweep;

import io.memtile.core.MemtileException;
import io.memtile.core.json.Fields;
import io.memtile.core.json.Json;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.datasets.Dataset;
import io.memtile.datasets.Datasets;
import io.memtile.datasets.Split;
import io.memtile.trainer.model.ModelArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Plan step: grid → self-contained job list ({@code plan.json}). Everything a job will read (grid
 * values, every configured target, the model, the dataset) is checked here, before anything is
 * written, so a mistake costs one error line and not a plan that blocks the corrected retry.
 */
public final class SweepPlanner {
    public static final String PLAN_FILE = "plan.json";
    public static final String JOBS_DIR = "jobs";

    private SweepPlanner() {}

    public static SweepPlan plan(SweepSpec spec) {
        List<SweepGrid.Point> pts = SweepGrid.expand(spec.grid(), spec.defaultTarget());
        String model = spec.model() == null ? null : Path.of(spec.model()).toAbsolutePath().normalize().toString();
        if (model != null) checkMeasuredInputs(spec, model);
        List<SweepJob> jobs = new ArrayList<>();
        for (int i = 0; i < pts.size(); i++) {
            SweepGrid.Point p = pts.get(i);
            if (model == null && (p.inputAmplitude() > 0 || !p.layerScales().isEmpty())) {
                throw new MemtileException("--grid", "inputAmplitude", "the inputAmplitude and layerScales axes change the model: they need a measured sweep (--model)");
            }
            String id = SweepGrid.id(p);
            String out = JOBS_DIR + "/" + String.format(Locale.ROOT, "%04d", i) + "-" + id + ".json";
            SweepJob job = new SweepJob(i, id, spec.mode(), p.target(), spec.network(), p.tile(), p.adcBits(), p.adcCycles(), p.variation(),
                    spec.seed(), model, model == null ? null : spec.dataset(), model == null ? 0 : spec.samples(), out,
                    p.inputAmplitude() > 0 ? p.inputAmplitude() : null, p.layerScales().isEmpty() ? null : p.layerScales());
            checkConfiguredTarget(job);
            jobs.add(job);
        }
        SweepPlan plan = new SweepPlan(SweepPlan.SCHEMA_VERSION, spec.grid(), spec.mode(), jobs);
        plan.validate(Fields.root(PLAN_FILE));
        return plan;
    }

    /** The model must be a readable model artifact whose input width the dataset's samples match. */
    private static void checkMeasuredInputs(SweepSpec spec, String model) {
        if (!Files.isRegularFile(Path.of(model))) throw new MemtileException(spec.model(), null, "model file not found");
        ModelArtifact m = Json.read(Path.of(model), ModelArtifact.class);
        Dataset d = Datasets.load(spec.dataset(), Split.TEST);
        int inputs = m.network().layers()[0];
        if (d.dim() != inputs) {
            throw new MemtileException(spec.model(), "network.layers[0]", "the model takes " + inputs + " inputs but dataset "
                    + spec.dataset() + " has " + d.dim() + " features per sample");
        }
    }

    /** The job's tile size and variation applied to its target must still make a valid target. */
    private static void checkConfiguredTarget(SweepJob job) {
        Target t = SweepRunner.configure(Targets.load(job.target()), job);
        t.validate(Fields.root("--grid (job " + job.id() + ", target " + t.name() + ")"));
    }

    /**
     * Writes {@code dir/plan.json}. An existing plan is kept if it is the same plan (so an
     * interrupted sweep resumes). A different plan is replaced only while nothing depends on it (no
     * job output, no submission to a scheduler): that is how a corrected retry after a mistake works.
     */
    public static Path write(SweepPlan plan, Path dir) {
        Path file = dir.resolve(PLAN_FILE);
        if (Files.exists(file)) {
            SweepPlan old;
            try {
                old = Json.read(file, SweepPlan.class);
            } catch (MemtileException e) {
                old = null; // unreadable: nothing can depend on it unless outputs exist (checked below)
            }
            if (plan.equals(old)) return file;
            if (hasOutputs(dir)) {
                throw new MemtileException(file.toString(), null, "holds a different plan"
                        + (old == null ? "" : " (grid \"" + old.grid() + "\")") + " with job outputs or submissions; use another --dir or delete it");
            }
            // The old plan's failure notes describe jobs that no longer exist.
            io.memtile.core.json.AtomicFiles.deleteTree(dir.resolve(SweepDir.FAILURES_DIR));
        }
        Json.write(file, plan);
        return file;
    }

    /** Whether anything in {@code dir} was produced from its plan (rows, cached simulations, submissions). */
    static boolean hasOutputs(Path dir) {
        if (Files.exists(dir.resolve(SweepDir.CLUSTER_DIR).resolve("submissions.json"))) return true;
        for (String sub : new String[] {JOBS_DIR, SweepDir.SIMS_DIR}) {
            Path d = dir.resolve(sub);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                if (s.anyMatch(p -> !p.getFileName().toString().startsWith("."))) return true;
            } catch (IOException e) {
                return true; // cannot tell: be conservative
            }
        }
        return false;
    }

    public static SweepPlan read(Path planFile) { return Json.read(planFile, SweepPlan.class); }
}
