package io.memtile.report;

import io.memtile.core.render.Templates;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link PpaTable} through the templates in {@code templates/report/}. Layout lives in
 * the templates; this class only assembles the context: the table ($r), number formatting ($d),
 * escaping ($esc) and, for HTML, the embedded figures ($plots).
 */
public final class ReportRenderer {
    private ReportRenderer() {}

    public static String render(PpaTable table, ReportFormat format) {
        List<ReportPlots.Plot> plots = format == ReportFormat.HTML ? ReportPlots.build(table)
                : format == ReportFormat.MD && table.pareto() != null ? List.of(ReportPlots.pareto(table.pareto())) : List.of();
        return render(table, format, plots);
    }

    /** Renders with the given figures (tests pass fixed ones so golden files stay byte-exact). */
    public static String render(PpaTable table, ReportFormat format, List<ReportPlots.Plot> plots) {
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("r", table);
        ctx.put("d", Display.INSTANCE);
        ctx.put("esc", Escapes.INSTANCE);
        ctx.put("plots", plots);
        return Templates.render(format.template(), ctx);
    }
}
