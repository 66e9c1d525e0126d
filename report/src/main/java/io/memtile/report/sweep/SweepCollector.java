package io.memtile.report.sweep;

import io.memtile.core.MemtileException;
import io.memtile.core.json.Json;
import io.memtile.core.render.Templates;
import io.memtile.report.Display;
import io.memtile.report.Escapes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collect step: merges the job outputs of a plan, in job order, into one table (md or csv). */
public final class SweepCollector {
    private SweepCollector() {}

    /** A job without a usable row, and why. */
    public record Missing(int index, String id, String why) {}

    /** The rows there are, in job order, and the jobs that have none. */
    public record Collected(SweepPlan plan, List<SweepRow> rows, List<Missing> missing) {
        public boolean complete() { return missing.isEmpty(); }

        public List<Integer> missingIndices() { return missing.stream().map(Missing::index).toList(); }

        /** One line: how many are missing, which, and what to run. */
        public String missingSummary() {
            return missing.size() + " of " + plan.jobs().size() + " jobs have no current row (indices "
                    + abbreviate(missingIndices()) + (missing.isEmpty() ? "" : "; first: " + missing.get(0).id() + ": " + missing.get(0).why())
                    + "); run them with `memtile sweep run` or `memtile sweep submit`";
        }
    }

    /**
     * Reads whatever rows exist. A row counts only if it answers its plan entry for the inputs as
     * they are now ({@link ContentKeys}): a row computed from a model since retrained in place is
     * reported missing (stale), not merged.
     */
    public static Collected collectAvailable(Path planFile) {
        SweepPlan plan = SweepPlanner.read(planFile);
        Path dir = planFile.toAbsolutePath().getParent();
        ContentKeys keys = new ContentKeys();
        List<SweepRow> rows = new ArrayList<>();
        List<Missing> missing = new ArrayList<>();
        for (SweepJob job : plan.jobs()) {
            Path out = SweepDir.output(dir, job);
            String why = SweepRunner.rowProblem(out, job, keys);
            if (why != null) {
                missing.add(new Missing(job.index(), job.id(), why));
                continue;
            }
            rows.add(Json.read(out, SweepRow.class));
        }
        return new Collected(plan, rows, missing);
    }

    /** All rows, or a one-line error naming what is missing. */
    public static List<SweepRow> collect(Path planFile) {
        Collected c = collectAvailable(planFile);
        if (!c.complete()) throw new MemtileException(planFile.toString(), null, c.missingSummary());
        return c.rows();
    }

    public static String render(SweepPlan plan, List<SweepRow> rows, String format) {
        return render(new Collected(plan, rows, List.of()), format);
    }

    /** The table of the rows there are; a Markdown table of a partial sweep says which jobs it lacks. */
    public static String render(Collected c, String format) {
        SweepPlan plan = c.plan();
        List<SweepRow> rows = c.rows();
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("md") && !f.equals("csv")) throw new MemtileException("--format", null, "sweep tables are md or csv, got \"" + format + "\"");
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("plan", plan);
        ctx.put("rows", rows);
        ctx.put("d", Display.INSTANCE);
        ctx.put("esc", Escapes.INSTANCE);
        ctx.put("measured", "measured".equals(plan.mode()));
        ctx.put("missing", c.missing());
        ctx.put("total", plan.jobs().size());
        return Templates.render("report/sweep." + f + ".vm", ctx);
    }

    private static String abbreviate(List<Integer> l) {
        if (l.size() <= 12) return l.toString();
        return l.subList(0, 12).toString().replace("]", ", ...]");
    }
}
