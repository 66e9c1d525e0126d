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
 * @param sections    extra measured tables (activity, early decision, baselines, energy budget, Pareto front); empty in paper mode
 * @param pareto      accuracy against energy over sweep runs, or null when no sweep was given
 */
public record PpaTable(String mode, String title, String targetName, int[] layers, List<Parameter> parameters,
                       List<DerivationStep> derivation, List<Comparison> comparison, List<TilePower> tiles,
                       List<Note> notes, SimResult.Traces traces, List<io.memtile.report.sections.Section> sections,
                       io.memtile.report.pareto.ParetoFront pareto) {

    /** This table with a Pareto front over {@code f}'s runs (its section appended). */
    public PpaTable withPareto(io.memtile.report.pareto.ParetoFront f) {
        List<io.memtile.report.sections.Section> s = new java.util.ArrayList<>(sections);
        s.add(f.section());
        return new PpaTable(mode, title, targetName, layers, parameters, derivation, comparison, tiles, notes, traces, List.copyOf(s), f);
    }

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
