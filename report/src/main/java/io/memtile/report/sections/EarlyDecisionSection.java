package io.memtile.report.sections;

import io.memtile.report.Display;
import io.memtile.sim.result.SimResult;
import java.util.List;

/** The same simulated run with and without the early-decision rule. */
public final class EarlyDecisionSection {
    private EarlyDecisionSection() {}

    public static Section of(SimResult r) {
        SimResult.EarlyDecision e = r.earlyDecision();
        SimResult.Energy full = r.energy();
        List<List<String>> rows = List.of(
                List.of("Full run (" + r.topology().steps() + " steps)", pct(r.accuracy().accuracy()), Display.si(r.inferenceTimeS(), "s"),
                        Display.si(r.inferenceTimeS(), "s"), Display.si(full.totalJ(), "J"), Display.si(full.alphaDriveJ(), "J"), "1.00×"),
                List.of("Early decision", pct(e.accuracy().accuracy()), Display.si(e.latency().mean(), "s"), Display.si(e.latency().p50(), "s"),
                        Display.si(e.energy().totalJ(), "J"), Display.si(e.energy().alphaDriveJ(), "J"),
                        Display.ratio(full.totalJ() / e.energy().totalJ())));
        return new Section("early-decision", "Early decision",
                "The readout's leader must be ahead of the runner-up by " + Display.num(e.margin()) + " logit units on " + e.holdSteps()
                        + " consecutive steps; the chip then stops (alpha generators and word-line drivers off) and is charged up to that step. "
                        + "The rule fired on " + e.decided() + " of " + e.accuracy().n() + " samples; the others ran all steps. "
                        + "A circuit implements it with the readout's integrators, a winner-take-all with an offset and a hold counter.",
                List.of("Run", "Accuracy", "Mean latency", "Median latency", "Energy / inference", "of which alpha drive", "Energy saving"),
                rows, "Accuracy change with early decision: " + Display.fixed(100 * (e.accuracy().accuracy() - r.accuracy().accuracy()), 2) + " pp.");
    }

    static String pct(double a) { return Display.fixed(100 * a, 2) + " %"; }
}
