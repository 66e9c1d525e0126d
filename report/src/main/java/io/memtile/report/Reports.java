package io.memtile.report;

import io.memtile.core.MemtileException;
import io.memtile.core.json.AtomicFiles;
import io.memtile.core.json.Json;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.sim.result.SimResult;
import java.io.PrintStream;
import io.memtile.report.pareto.ParetoFront;
import io.memtile.report.sweep.SweepCollector;
import io.memtile.report.sweep.SweepRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Entry points behind {@code memtile report}: build the table, render it, write it. */
public final class Reports {
    private Reports() {}

    /** Paper mode for a target given as a path or bundled name. */
    public static PpaTable paper(String target, int[] layers, AdcOverrides o) {
        return PaperPpa.compute(Targets.load(target), layers, o);
    }

    /**
     * Measured mode for a sim.json. The target comes from {@code target} when given, else the
     * bundled target named in the simulation's provenance.
     */
    public static PpaTable measured(Path simJson, String target, AdcOverrides o) {
        SimResult r = Json.read(simJson, SimResult.class);
        Target t;
        if (target != null) {
            t = Targets.load(target);
        } else {
            try {
                t = Targets.load(r.provenance().targetName());
            } catch (MemtileException e) {
                throw new MemtileException(simJson.toString(), "provenance.targetName",
                        "target '" + r.provenance().targetName() + "' is not bundled; pass its file with --target");
            }
        }
        return MeasuredPpa.compute(r, t, o);
    }

    /**
     * Runs the program checker on the simulation's program when it is still where the simulation
     * read it, and requires its content hash to be the one the simulation recorded: a report must
     * not pair figures with a program that was changed or recompiled since.
     *
     * @return a one-line status for stderr
     */
    public static String checkSimProgram(Path simJson) {
        SimResult r = Json.read(simJson, SimResult.class);
        String prog = r.provenance().program();
        Path p = prog == null || prog.isEmpty() ? null : Path.of(prog);
        if (p == null || !java.nio.file.Files.exists(p)) {
            return "note: the simulated program " + prog + " is not here; reporting from sim.json alone (content sha256 " + r.provenance().programSha256() + ")";
        }
        var c = io.memtile.compiler.check.ProgramFiles.load(p, null);
        if (!c.sha256().equals(r.provenance().programSha256())) {
            throw new MemtileException(simJson.toString(), "provenance.programSha256", "is " + r.provenance().programSha256() + " but the program at "
                    + prog + " now has content sha256 " + c.sha256() + ": it was recompiled or changed after the simulation");
        }
        return "program " + c.file() + " checked: legal, content sha256 " + c.sha256() + " as simulated";
    }

    /**
     * Adds the Pareto front of accuracy against measured energy over a measured sweep's jobs
     * ({@code plan.json} of {@code memtile sweep}) and this report's own simulation.
     */
    public static PpaTable withSweep(PpaTable t, SimResult own, Path planFile) {
        List<ParetoFront.Point> pts = new ArrayList<>();
        for (SweepRow row : SweepCollector.collect(planFile)) {
            if (!row.hasMeasured() || row.accuracy() == null) continue;
            pts.add(new ParetoFront.Point(row.job().id(), row.accuracy(), row.energyMemtileJ()));
            if (row.energyEarlyJ() != null && row.accuracyEarly() != null) {
                pts.add(new ParetoFront.Point(row.job().id() + " (early decision)", row.accuracyEarly(), row.energyEarlyJ()));
            }
        }
        if (pts.isEmpty()) throw new MemtileException(planFile.toString(), "mode", "has no measured jobs (accuracy and energy); plan it with --model");
        if (own != null) {
            pts.add(new ParetoFront.Point("this simulation", own.accuracy().accuracy(), own.energy().totalJ()));
            if (own.earlyDecision() != null && own.earlyDecision().holdSteps() > 0) {
                pts.add(new ParetoFront.Point("this simulation, early decision", own.earlyDecision().accuracy().accuracy(), own.earlyDecision().energy().totalJ()));
            }
        }
        return t.withPareto(ParetoFront.of(pts));
    }

    /** Renders and writes to {@code out} atomically, or to {@code stdout} when out is null. */
    public static void emit(PpaTable t, ReportFormat f, Path out, PrintStream stdout) {
        String text = ReportRenderer.render(t, f);
        if (out == null) {
            stdout.print(text);
            stdout.flush();
        } else {
            AtomicFiles.writeString(out, text);
        }
    }

    /** Parses "784,100,10" (the --layers option). */
    public static int[] parseLayers(String s) {
        String[] parts = s.split("[,\\-x ]+");
        int[] l = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                l[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new MemtileException("--layers", null, "expected comma-separated layer widths like 784,100,10, got \"" + s + "\"");
            }
        }
        return l;
    }
}
