package io.memtile.report;

import io.memtile.core.target.AdcBaseline;
import io.memtile.core.target.MssParams;
import io.memtile.core.target.NonIdealities;
import io.memtile.core.target.Target;
import io.memtile.core.target.TileParams;
import io.memtile.sim.result.SimResult;
import io.memtile.report.sections.ActivitySection;
import io.memtile.report.sections.BaselinesSection;
import io.memtile.report.sections.EarlyDecisionSection;
import io.memtile.report.sections.EnergyBudget;
import io.memtile.report.sections.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * Measured mode: the paper's assumptions (2 % activity, V̄, R̄) replaced by what the simulator
 * measured ({@link SimResult}: energies, activity, conductances, operation counts), and the costs
 * the paper left out added to the ADC baseline:
 * <ul>
 *   <li>DACs (target fields adc.dac*), one per {@code dacSharedLines} word lines;</li>
 *   <li>one VMM per weight layer per step (layers are dependent, so their VMMs are sequential);</li>
 *   <li>ADC energy per conversion = P_ADC · cyclesPerConversion / f_clk, one conversion per
 *       differential activation, counted from the simulated bit-line reads;</li>
 *   <li>energy per inference next to power, since the two designs take different times.</li>
 * </ul>
 * Both designs process the same {@code steps} time steps: MEMprop in physical time (steps · dt),
 * the mixed-signal design as fast as its converters allow (steps · Σ_layers t_VMM).
 */
public final class MeasuredPpa {
    private MeasuredPpa() {}

    public static PpaTable compute(SimResult r, Target t) { return compute(r, t, AdcOverrides.NONE); }

    public static PpaTable compute(SimResult r, Target t, AdcOverrides o) {
        SimResult.Topology topo = r.topology();
        int[] layers = topo.layers();
        int weightLayers = layers.length - 1;
        TileParams tile = t.tile();
        AdcBaseline adc = o.apply(t.adc());
        Baseline base = new Baseline(adc, tile);
        List<DerivationStep> d = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        double tInf = r.inferenceTimeS();
        int tiles = topo.tilesUsed();
        long cellsPerTile = (long) topo.tileRows() * topo.tileCols();
        // Tile area is per cell of the target's tile; a program compiled for another tile size is scaled.
        double tileArea = tile.areaMm2() * cellsPerTile / ((double) tile.rows() * tile.cols());

        d.add(new DerivationStep("N_tiles", "tiles used by the program (" + topo.tileRows() + "×" + topo.tileCols() + ")", "simulated program", tiles, Integer.toString(tiles)));
        d.add(new DerivationStep("N_cells", "programmed cells", "simulated program", topo.cellsUsed(), Display.count(topo.cellsUsed())));
        for (SimResult.LayerActivity a : r.activity()) {
            d.add(new DerivationStep("a_" + a.layer(), "spiking activity of neuron layer " + a.layer() + " (" + a.neurons() + " neurons)",
                    "simulated, mean over " + r.provenance().samples() + " samples", a.meanActivity(), Display.num(100 * a.meanActivity()) + " %"));
        }
        SimResult.Operating op = r.operating();
        SimResult.Energy e = r.energy();
        double eArray = e.alphaDriveJ() + e.crossbarJ();
        double eNeuron = e.mifM1J() + e.mifM2J() + e.membraneChargeJ();
        double pEq3 = topo.cellsUsed() * op.rmsRowVoltageV() * op.rmsRowVoltageV() * op.meanCellConductanceS();
        d.add(new DerivationStep("Ḡ", "mean used-cell conductance (after variation and faults)", "simulated", op.meanCellConductanceS(), Display.si(op.meanCellConductanceS(), "S")));
        d.add(new DerivationStep("V_rms", "RMS word-line voltage", "simulated", op.rmsRowVoltageV(), Display.si(op.rmsRowVoltageV(), "V")));
        d.add(new DerivationStep("P_Eq3", "Eq. (3) with measured operating point: N_cells · V_rms² · Ḡ",
                Display.count(topo.cellsUsed()) + " · " + Display.si(op.rmsRowVoltageV(), "V") + "² · " + Display.si(op.meanCellConductanceS(), "S"), pEq3, Display.si(pEq3, "W")));
        d.add(new DerivationStep("E_array", "array Joule heat per inference (alpha-driven + membrane-driven layers)",
                Display.si(e.alphaDriveJ(), "J") + " + " + Display.si(e.crossbarJ(), "J"), eArray, Display.si(eArray, "J")));
        d.add(new DerivationStep("E_neurons", "MIF neurons per inference (M1 + M2 + membrane charge)",
                Display.si(e.mifM1J(), "J") + " + " + Display.si(e.mifM2J(), "J") + " + " + Display.si(e.membraneChargeJ(), "J"), eNeuron, Display.si(eNeuron, "J")));
        d.add(new DerivationStep("E_MEMprop", "energy per inference", "simulated total", e.totalJ(), Display.si(e.totalJ(), "J")));
        d.add(new DerivationStep("t_MEMprop", "inference time: steps · dt", topo.steps() + " · " + Display.si(topo.dt(), "s"), tInf, Display.si(tInf, "s")));
        d.add(new DerivationStep("P_MEMprop", "E_MEMprop / t_MEMprop", Display.si(e.totalJ(), "J") + " / " + Display.si(tInf, "s"), r.averagePowerW(), Display.si(r.averagePowerW(), "W")));

        // Mixed-signal latency: one VMM per weight layer per step, on the busiest tile of each layer.
        double tStep = 0;
        double[] tVmmByLayer = new double[weightLayers];
        StringBuilder stepSum = new StringBuilder();
        for (int l = 0; l < weightLayers; l++) {
            int activeRows = Math.min(topo.tileRows(), layers[l]);
            int activeCols = Math.min(topo.tileCols(), adc.bitlinesPerActivation() * layers[l + 1]);
            long dacCycles = (long) Math.min(adc.dacSharedLines(), activeRows) * adc.dacBits();
            int conv = base.conversionsPerAdc(activeCols);
            long adcCycles = (long) conv * adc.cyclesPerConversion();
            double tVmm = (dacCycles + adcCycles) / adc.clockHz();
            tStep += tVmm;
            tVmmByLayer[l] = tVmm;
            stepSum.append(l == 0 ? "" : " + ").append(Display.si(tVmm, "s"));
            d.add(new DerivationStep("t_VMM," + l, "layer " + l + " (" + layers[l] + "→" + layers[l + 1] + "): DAC " + dacCycles + " cycles + "
                    + conv + " conversions/ADC · " + adc.cyclesPerConversion() + " cycles",
                    "(" + dacCycles + " + " + adcCycles + ") / " + Display.si(adc.clockHz(), "Hz"), tVmm, Display.si(tVmm, "s")));
        }
        double tMixed = topo.steps() * tStep;
        d.add(new DerivationStep("t_mixed", "steps · Σ_layers t_VMM", topo.steps() + " · (" + stepSum + ")", tMixed, Display.si(tMixed, "s")));

        SimResult.AdcCounts counts = r.adc();
        double conversions = (double) counts.columnConversionsPerInference() / adc.bitlinesPerActivation();
        double eConv = base.conversionEnergyJ();
        double eAdc = conversions * eConv;
        double eDac = counts.rowDacWritesPerInference() * base.dacValueEnergyJ();
        double eMixed = eArray + eAdc + eDac;
        double pMixed = eMixed / tMixed;
        d.add(new DerivationStep("E_conv", adc.bits() + "-bit conversion: P_ADC · cycles / f_clk",
                Display.si(adc.powerW(), "W") + " · " + adc.cyclesPerConversion() + " / " + Display.si(adc.clockHz(), "Hz"), eConv, Display.si(eConv, "J")));
        d.add(new DerivationStep("N_conv", "conversions per inference: simulated bit-line reads / bit lines per activation",
                Display.count(counts.columnConversionsPerInference()) + " / " + adc.bitlinesPerActivation(), conversions, Display.count(Math.round(conversions))));
        d.add(new DerivationStep("E_ADC", "N_conv · E_conv", Display.count(Math.round(conversions)) + " · " + Display.si(eConv, "J"), eAdc, Display.si(eAdc, "J")));
        d.add(new DerivationStep("E_DAC", "word-line writes · dacBits cycles · P_DAC / f_clk",
                Display.count(counts.rowDacWritesPerInference()) + " · " + adc.dacBits() + " · " + Display.si(adc.dacPowerW(), "W") + " / " + Display.si(adc.clockHz(), "Hz"), eDac, Display.si(eDac, "J")));
        d.add(new DerivationStep("E_mixed", "E_array + E_ADC + E_DAC (digital neurons not charged)",
                Display.si(eArray, "J") + " + " + Display.si(eAdc, "J") + " + " + Display.si(eDac, "J"), eMixed, Display.si(eMixed, "J")));
        double pAdcOn = (double) tiles * base.adcsPerTile() * adc.powerW();
        d.add(new DerivationStep("P_ADC,on", "for reference: all ADCs drawing rated power all the time (the paper's model)",
                tiles * base.adcsPerTile() + " · " + Display.si(adc.powerW(), "W"), pAdcOn, Display.si(pAdcOn, "W")));
        d.add(new DerivationStep("P_mixed", "E_mixed / t_mixed", Display.si(eMixed, "J") + " / " + Display.si(tMixed, "s"), pMixed, Display.si(pMixed, "W")));

        int adcs = tiles * base.adcsPerTile();
        int dacs = tiles * base.dacsPerTile();
        double aMem = tiles * tileArea;
        double aMixed = aMem + adcs * adc.areaMm2() + dacs * adc.dacAreaMm2();
        d.add(new DerivationStep("A_MEMprop", "tile area", tiles + " · " + Display.num(tileArea) + " mm²", aMem, Display.num(aMem) + " mm²"));
        d.add(new DerivationStep("A_mixed", "tiles + " + adcs + " ADCs + " + dacs + " DACs",
                Display.num(aMem) + " + " + adcs + " · " + Display.num(adc.areaMm2()) + " + " + dacs + " · " + Display.num(adc.dacAreaMm2()) + " mm²", aMixed, Display.num(aMixed) + " mm²"));

        List<Comparison> rows = List.of(
                new Comparison("Area", "mm²", aMem, aMixed, aMixed / aMem,
                        PaperTableIv.AREA_MEMPROP_MM2, PaperTableIv.AREA_MIXED_MM2, PaperTableIv.AREA_IMPROVEMENT, 0),
                new Comparison("Power", "mW", r.averagePowerW() * 1e3, pMixed * 1e3, pMixed / r.averagePowerW(),
                        PaperTableIv.POWER_MEMPROP_MW, PaperTableIv.POWER_MIXED_MW, PaperTableIv.POWER_IMPROVEMENT, 0),
                new Comparison("Energy / inference", "µJ", e.totalJ() * 1e6, eMixed * 1e6, eMixed / e.totalJ(),
                        Double.NaN, Double.NaN, Double.NaN, 0),
                new Comparison("Latency", "ms", tInf * 1e3, tMixed * 1e3, tMixed / tInf,
                        PaperTableIv.LATENCY_MEMPROP_MS, PaperTableIv.LATENCY_MIXED_MS, PaperTableIv.LATENCY_IMPROVEMENT, 0));

        MssParams m1 = t.neuron().m1();
        double vBar = (m1.vOn() + m1.vOff()) / 2;
        double rBar = (t.synapse().rOn() + t.synapse().rOff()) / 2;
        double pDevEq3 = vBar * vBar / rBar;
        List<TilePower> perTile = new ArrayList<>();
        double adcPerTile = tiles == 0 ? 0 : eAdc / tiles / tMixed;
        double dacPerTile = tiles == 0 ? 0 : eDac / tiles / tMixed;
        for (SimResult.TileEnergy te : r.tiles()) {
            double arrayW = te.arrayJ() / tInf;
            // Eq. (3)-equivalent activity: the α that would make Eq. (3) give the simulated array power.
            double alphaEff = arrayW / (cellsPerTile * pDevEq3);
            perTile.add(new TilePower(te.tile(), te.cellsUsed(), alphaEff, arrayW, te.neuronJ() / tInf, adcPerTile, dacPerTile));
        }

        List<Parameter> params = new ArrayList<>();
        SimResult.Provenance pv = r.provenance();
        params.add(new Parameter("network", PaperPpa.layersText(layers), "simulated program"));
        params.add(new Parameter("simulation", pv.samples() + " samples of " + pv.datasetName() + ", seed " + pv.seed(), "sim.json"));
        params.add(new Parameter("accuracy", Display.fixed(100 * r.accuracy().accuracy(), 2) + " % (" + r.accuracy().correct() + "/" + r.accuracy().n() + ")", "simulated"));
        params.add(new Parameter("program", pv.program() + " (compile seed " + pv.compileSeed() + ", content sha256 " + pv.programSha256() + ")", "sim.json"));
        params.add(new Parameter("non-idealities", describe(pv.nonIdealities()), "sim.json"));
        params.add(new Parameter("decision latency (mean / p90)", Display.si(r.latency().decision().mean(), "s") + " / " + Display.si(r.latency().decision().p90(), "s"), "simulated"));
        params.add(new Parameter("tile area", Display.num(tileArea) + " mm²" + (tileArea != tile.areaMm2() ? " (scaled per cell from the target's " + tile.rows() + "×" + tile.cols() + ")" : ""), "target"));
        params.addAll(o.describe(t.adc()));

        notes.add(new Note(1, "Latency basis", "MEMprop runs the " + topo.steps() + " steps in physical time (" + Display.si(tInf, "s")
                + "); its mean decision time (readout settled) is " + Display.si(r.latency().decision().mean(), "s")
                + ". The mixed-signal design is charged one VMM per weight layer per step, back to back, with no physical step time: "
                + Display.si(tStep, "s") + " per step. No alpha-current latency is added to either."));
        notes.add(new Note(2, "Array energy reused for the baseline", "The mixed-signal design is charged the same simulated array energy ("
                + Display.si(eArray, "J") + ") as MEMprop, as the paper does; its neurons are digital and are not charged. The MIF neurons' "
                + Display.si(eNeuron, "J") + " are charged to MEMprop only."));
        notes.add(new Note(3, "ADC cost model", "Energy per conversion = P_ADC · cyclesPerConversion / f_clk, i.e. ADCs draw their rated power only "
                + "while converting (the paper instead charges every ADC its rated power all the time: P_ADC,on in the derivation). ADC power and area at a resolution other than the target's scale as 2^(bits − adc.bits) (Walden figure of merit "
                + "for power, binary-weighted SAR capacitor array for area)."));
        notes.add(new Note(4, "Conversions per VMM", "A layer's VMM time uses its busiest tile: min(tile columns, 2 · outputs) bit lines read by the tile's "
                + base.adcsPerTile() + " ADCs, and min(tile rows, inputs) word lines serialised through DACs of " + adc.dacSharedLines()
                + " lines each. Energies use the simulator's exact read counts."));
        notes.add(new Note(5, "Eq. (3) against the simulation", "With the paper's assumptions Eq. (3) gives " + Display.si(tiles * t.paper().activityFactor() * cellsPerTile * pDevEq3, "W")
                + " for these " + tiles + " tiles (α = " + Display.num(100 * t.paper().activityFactor()) + " %); the measured operating point gives " + Display.si(pEq3, "W")
                + " and the simulated array heat is " + Display.si(eArray / tInf, "W") + ". The per-tile 'activity' column is the Eq. (3)-equivalent α."));
        StringBuilder acts = new StringBuilder();
        for (SimResult.LayerActivity a : r.activity()) acts.append(acts.length() == 0 ? "" : ", ").append("layer ").append(a.layer()).append(": ")
                .append(Display.num(100 * a.meanActivity())).append(" % of neuron-steps above the M1 half-switch level (")
                .append(Display.num(a.spikesPerInference())).append(" neuron-steps/inference)");
        if (r.actionPotentials() != null) {
            acts.append("; action potentials (V_on crossings) per neuron per inference:");
            for (SimResult.LayerActionPotentials ap : r.actionPotentials()) acts.append(" layer ").append(ap.layer()).append(" ").append(Display.num(ap.perNeuronPerInference()));
        }
        boolean silent = r.activity().stream().allMatch(a -> a.meanActivity() == 0);
        notes.add(new Note(6, "Spiking activity", "Measured: " + acts + "; the paper assumes " + Display.num(100 * t.paper().activityFactor())
                + " % of neurons spiking. In MEMprop the array current flows whether or not a neuron spikes (rows are driven by the alpha "
                + "generators and by the analog membrane voltages), so the array energy tracks the drive, not the spike rate."
                + (silent ? " No neuron crossed the spike criterion in this run: the network decides on sub-threshold membrane voltages." : "")));
        if (!t.name().equals(pv.targetName())) {
            notes.add(new Note(7, "Target mismatch", "The simulation ran on target '" + pv.targetName() + "' but the costs use target '" + t.name() + "'."));
        }

        String title = "MEMprop PPA, measured mode: " + pv.targetName() + ", " + PaperPpa.layersText(layers) + ", " + pv.samples() + " samples";
        return new PpaTable("measured", title, t.name(), layers.clone(), params, d, rows, perTile, notes, r.traces(),
                sections(r, t, adc, base, tVmmByLayer, eMixed, tMixed), null);
    }

    /** The measured-only tables: activity, early decision, both baselines, energy budget (each when the simulation has its data). */
    static List<Section> sections(SimResult r, Target t, AdcBaseline adc, Baseline base, double[] tVmm, double eMixed, double tMixed) {
        List<Section> out = new ArrayList<>();
        io.memtile.core.target.NeuronParams n = t.neuron();
        out.add(ActivitySection.of(r, n.e1() + n.m1().vOn(), n.e1() + 0.5 * (n.m1().vOn() + n.m1().offCentre())));
        if (r.earlyDecision() != null && r.earlyDecision().holdSteps() > 0) out.add(EarlyDecisionSection.of(r));
        if (r.annBaseline() != null) {
            double vRead = t.tile().readVoltageMax();
            out.add(BaselinesSection.of(r, BaselinesSection.annCost(r.annBaseline(), adc, base, tVmm, vRead), eMixed, tMixed, vRead));
        }
        out.add(EnergyBudget.of(r).section());
        return List.copyOf(out);
    }

    static String describe(NonIdealities n) {
        if (n == null) return "n/a";
        return "d2d σ " + Display.num(n.d2dSigma()) + ", read noise σ " + Display.num(n.readNoiseSigma()) + ", stuck " + Display.num(n.stuckAtRate())
                + ", drift τ " + (n.driftTau() == 0 ? "off" : Display.si(n.driftTau(), "s")) + ", IR drop " + (n.wireResistance() ? "on" : "off");
    }
}
