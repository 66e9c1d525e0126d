package io.memtile.report.sections;

import io.memtile.report.Display;
import io.memtile.sim.result.SimResult;
import java.util.ArrayList;
import java.util.List;

/** Action potentials next to the time above the M1 half-switch level, per neuron layer. */
public final class ActivitySection {
    private ActivitySection() {}

    public static Section of(SimResult r, double onVolts, double halfVolts) {
        List<List<String>> rows = new ArrayList<>();
        List<SimResult.LayerActionPotentials> aps = r.actionPotentials();
        for (int l = 0; l < r.activity().size(); l++) {
            SimResult.LayerActivity a = r.activity().get(l);
            SimResult.LayerActionPotentials ap = aps == null ? null : aps.get(l);
            rows.add(List.of(Integer.toString(a.layer()), Integer.toString(a.neurons()),
                    ap == null ? "not measured" : Display.num(ap.perNeuronPerInference()),
                    ap == null ? "not measured" : Display.num(100 * ap.timeShare()) + " %",
                    Display.num(100 * a.meanActivity()) + " %"));
        }
        return new Section("activity", "Spiking activity",
                "An action potential is an upward crossing of E1 + V_on,1 (" + Display.num(onVolts * 1e3) + " mV), after which M1 pulls the membrane down; "
                        + "it ends when V_m falls below the M1 half-switch level (" + Display.num(halfVolts * 1e3) + " mV), so ringing near V_on counts once. "
                        + "Time above the half-switch level, the older activity figure, also counts slow sub-threshold plateaus.",
                List.of("Neuron layer", "Neurons", "Action potentials / neuron / inference", "Time inside an action potential",
                        "Time above " + Display.num(halfVolts * 1e3) + " mV"),
                rows, "Measured over " + r.provenance().samples() + " samples, full runs (no early decision).");
    }
}
