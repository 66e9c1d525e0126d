package io.memtile.report;

import io.memtile.sim.result.SimResult;
import java.util.List;

/**
 * A complete PPA costing, in either mode, ready to render.
 *
 * @param mode        "paper" (Table IV assumptions) or "measured" (from a simulation)
 * @param title       report title
 * @param targetName  hardware target
 * @param layers      network layer widths
 * @param parameters  every input the figures depend on, with its source
 * @param derivation  the worked arithmetic
 * @param comparison  Area, Power, Latency (and, measured, energy per inference)
 * @param tiles       per-tile power
 * @param notes       notes on the paper (paper mode) or on the measurement (measured mode)
 * @param traces      the simulation's traces of one sample for plots; null in paper mode or when not recorded
 */
public record PpaTable(String mode, String title, String targetName, int[] layers, List<Parameter> parameters,
                       List<DerivationStep> derivation, List<Comparison> comparison, List<TilePower> tiles,
                       List<Note> notes, SimResult.Traces traces) {

    public boolean measured() { return "measured".equals(mode); }

    public Comparison row(String aspect) {
        return comparison.stream().filter(c -> c.aspect().equals(aspect)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row " + aspect));
    }

    public String layersText() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < layers.length; i++) sb.append(i == 0 ? "" : "-").append(layers[i]);
        return sb.toString();
    }
}
