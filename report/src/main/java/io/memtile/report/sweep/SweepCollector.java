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

    public static List<SweepRow> collect(Path planFile) {
        SweepPlan plan = SweepPlanner.read(planFile);
        Path dir = planFile.toAbsolutePath().getParent();
        List<SweepRow> rows = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        for (SweepJob job : plan.jobs()) {
            Path out = dir.resolve(job.output());
            if (!Files.exists(out)) { missing.add(job.index()); continue; }
            SweepRow r = Json.read(out, SweepRow.class);
            if (!r.job().equals(job)) throw new MemtileException(out.toString(), "job", "belongs to a different job than plan entry " + job.index());
            rows.add(r);
        }
        if (!missing.isEmpty()) {
            throw new MemtileException(planFile.toString(), null, missing.size() + " of " + plan.jobs().size()
                    + " jobs have no output yet (indices " + abbreviate(missing) + "); run them with `memtile sweep run`");
        }
        return rows;
    }

    public static String render(SweepPlan plan, List<SweepRow> rows, String format) {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("md") && !f.equals("csv")) throw new MemtileException("--format", null, "sweep tables are md or csv, got \"" + format + "\"");
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("plan", plan);
        ctx.put("rows", rows);
        ctx.put("d", Display.INSTANCE);
        ctx.put("esc", Escapes.INSTANCE);
        ctx.put("measured", "measured".equals(plan.mode()));
        return Templates.render("report/sweep." + f + ".vm", ctx);
    }

    private static String abbreviate(List<Integer> l) {
        if (l.size() <= 12) return l.toString();
        return l.subList(0, 12).toString().replace("]", ", ...]");
    }
}
