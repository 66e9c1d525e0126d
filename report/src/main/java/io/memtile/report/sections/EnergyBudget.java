package io.memtile.report.sections;

import io.memtile.report.Display;
import io.memtile.sim.result.SimResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Energy per inference by source, with the check that the sources add up to the simulated total
 * and to the independently accumulated per-tile energies (the simulator books every joule twice:
 * once by source, once on the tile where it is dissipated).
 *
 * @param sources    source name and energy (J); null energy = not modelled
 * @param sumJ       sum of the modelled sources
 * @param totalJ     the simulation's total energy per inference
 * @param tileSumJ   sum over tiles of array + neuron energy (independent accumulation)
 * @param notes      per source, what it is (same order as sources)
 */
public record EnergyBudget(List<String> names, List<Double> sources, double sumJ, double totalJ, double tileSumJ, List<String> notes) {
    /** Relative tolerance of the closure check (rounding of sums over samples and tiles). */
    public static final double TOLERANCE = 1e-9;

    public static EnergyBudget of(SimResult r) {
        SimResult.Energy e = r.energy();
        boolean ir = r.provenance().nonIdealities() != null && r.provenance().nonIdealities().wireResistance();
        List<String> names = new ArrayList<>();
        List<Double> src = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        double[] refs = r.operating() == null ? null : r.operating().bitlineRefByLayerV();
        String refText = refs == null ? null : bitlineText(refs);
        names.add("Alpha drivers (layer-0 word lines)");
        src.add(e.alphaDriveJ());
        notes.add(refs == null ? "Joule heat the alpha generators deliver into the first layer's cells"
                : "Joule heat the alpha generators deliver into the cells their word lines cross, against each column's bit-line voltage (" + refText + ")");
        names.add("Crossbars driven by membranes (layers ≥ 1)");
        src.add(e.crossbarJ());
        notes.add(refs == null ? "Joule heat of the cells whose word lines carry upstream membrane voltages"
                : "Joule heat of the cells whose word lines carry upstream membrane voltages: (V − V_b)² G per cell, V_b the column's bit-line voltage (" + refText + ")");
        names.add("MIF M1 devices");
        src.add(e.mifM1J());
        notes.add("heat in the reset memristors");
        names.add("MIF M2 devices");
        src.add(e.mifM2J());
        notes.add("heat in the E2-side memristors");
        names.add("Membrane capacitors");
        src.add(e.membraneChargeJ());
        notes.add("positive ½·C·ΔV² increments");
        names.add("Peripherals (alpha-generator overhead, readout integrators, decision comparator)");
        src.add(null);
        notes.add("not modelled: the target gives no figures for them");
        if (refs != null) {
            names.add("Bit-line reference: sense-amplifier references and per-neuron compensation DACs");
            src.add(null);
            notes.add("not modelled: the target gives no figures for them");
        }
        names.add("Wires (word/bit-line resistance)");
        src.add(null);
        notes.add(ir ? "IR drop is on and shapes the currents, but the simulator books array heat at the cells' conductances: wire heat is not separated"
                : "IR drop off: ideal wires dissipate nothing");
        double sum = 0;
        for (Double d : src) if (d != null) sum += d;
        double tiles = 0;
        for (SimResult.TileEnergy t : r.tiles()) tiles += t.arrayJ() + t.neuronJ();
        return new EnergyBudget(names, src, sum, e.totalJ(), tiles, notes);
    }

    /** "bit lines of layer 1 at -0.1 V" for the layers with a reference. */
    static String bitlineText(double[] refs) {
        List<String> parts = new ArrayList<>();
        for (int l = 0; l < refs.length; l++) if (refs[l] != 0) parts.add("layer " + l + " at " + Display.num(refs[l]) + " V");
        return "bit lines of " + String.join(", ", parts) + ", all others at 0 V";
    }

    /** Whether the sources add up to the simulated total and to the per-tile accumulation. */
    public boolean closes() {
        double scale = Math.max(Math.abs(totalJ), 1e-300);
        return Math.abs(sumJ - totalJ) <= TOLERANCE * scale && Math.abs(tileSumJ - totalJ) <= TOLERANCE * scale;
    }

    public Section section() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Double v = sources.get(i);
            rows.add(List.of(names.get(i), v == null ? "–" : Display.si(v, "J"), v == null ? "–" : Display.num(100 * v / totalJ) + " %", notes.get(i)));
        }
        rows.add(List.of("Sum of sources", Display.si(sumJ, "J"), Display.num(100 * sumJ / totalJ) + " %", ""));
        rows.add(List.of("Simulated total", Display.si(totalJ, "J"), "100 %", "energy.totalJ of sim.json"));
        rows.add(List.of("Sum over tiles", Display.si(tileSumJ, "J"), Display.num(100 * tileSumJ / totalJ) + " %", "booked independently per tile"));
        return new Section("energy-budget", "Energy budget per inference",
                "Every source the simulator integrates step by step, per inference (full run).",
                List.of("Source", "Energy", "Share", "What it is"), rows,
                closes() ? "The sources add up to the simulated total and to the per-tile sum (relative difference ≤ " + Display.num(TOLERANCE) + ")."
                        : "WARNING: the budget does not close: sources " + Display.si(sumJ, "J") + ", total " + Display.si(totalJ, "J") + ", tiles " + Display.si(tileSumJ, "J") + ".");
    }
}
