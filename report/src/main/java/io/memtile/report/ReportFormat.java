package io.memtile.report;

import io.memtile.core.MemtileException;
import java.util.Locale;

/** Output formats of {@code memtile report}; each is one Velocity template in templates/report/. */
public enum ReportFormat {
    MD("report.md.vm"), TEX("report.tex.vm"), HTML("report.html.vm"), CSV("report.csv.vm");

    private final String template;

    ReportFormat(String template) { this.template = template; }

    public String template() { return "report/" + template; }

    public static ReportFormat parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MemtileException("--format", null, "must be one of md, tex, html, csv; got \"" + s + "\"");
        }
    }
}
