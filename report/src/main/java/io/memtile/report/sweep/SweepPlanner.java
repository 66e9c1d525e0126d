package io.memtile.report.sweep;

import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Plan step: grid → self-contained job list ({@code plan.json}). */
public final class SweepPlanner {
    public static final String PLAN_FILE = "plan.json";
    public static final String JOBS_DIR = "jobs";

    private SweepPlanner() {}

    public static SweepPlan plan(SweepSpec spec) {
        List<SweepGrid.Point> pts = SweepGrid.expand(spec.grid(), spec.defaultTarget());
        String model = spec.model() == null ? null : Path.of(spec.model()).toAbsolutePath().normalize().toString();
        if (model != null && !Files.exists(Path.of(model))) throw new MemtileException(spec.model(), null, "model file not found");
        List<SweepJob> jobs = new ArrayList<>();
        for (int i = 0; i < pts.size(); i++) {
            SweepGrid.Point p = pts.get(i);
            if (model == null && (p.inputAmplitude() > 0 || !p.layerScales().isEmpty())) {
                throw new MemtileException("--grid", "inputAmplitude", "the inputAmplitude and layerScales axes change the model: they need a measured sweep (--model)");
            }
            String id = SweepGrid.id(p);
            String out = JOBS_DIR + "/" + String.format(Locale.ROOT, "%04d", i) + "-" + id + ".json";
            jobs.add(new SweepJob(i, id, spec.mode(), p.target(), spec.network(), p.tile(), p.adcBits(), p.adcCycles(), p.variation(), spec.seed(),
                    model, model == null ? null : spec.dataset(), model == null ? 0 : spec.samples(), out,
                    p.inputAmplitude() > 0 ? p.inputAmplitude() : null, p.layerScales().isEmpty() ? null : p.layerScales()));
        }
        return new SweepPlan(SweepPlan.SCHEMA_VERSION, spec.grid(), spec.mode(), jobs);
    }

    /**
     * Writes {@code dir/plan.json}. An existing plan is kept if it is the same plan (so an
     * interrupted sweep resumes), and refused if it differs (its job outputs would not match).
     */
    public static Path write(SweepPlan plan, Path dir) {
        Path file = dir.resolve(PLAN_FILE);
        if (Files.exists(file)) {
            SweepPlan old = Json.read(file, SweepPlan.class);
            if (!old.equals(plan)) {
                throw new MemtileException(file.toString(), null, "holds a different plan (grid \"" + old.grid()
                        + "\"); use another --dir or delete it");
            }
            return file;
        }
        Json.write(file, plan);
        return file;
    }

    public static SweepPlan read(Path planFile) { return Json.read(planFile, SweepPlan.class); }
}
