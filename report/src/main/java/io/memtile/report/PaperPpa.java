package io.memtile.report;

import io.memtile.core.MemtileException;
import io.memtile.core.target.AdcBaseline;
import io.memtile.core.target.MssParams;
import io.memtile.core.target.PaperAssumptions;
import io.memtile.core.target.Target;
import io.memtile.core.target.TileParams;
import java.util.ArrayList;
import java.util.List;

/**
 * Paper-assumption mode: Table IV recomputed from first principles out of the target file
 * (spec section 5). Nothing here is a typed-in result; change a target field and every figure
 * follows.
 *
 * <ul>
 *   <li>cells = 2 · Σ in·out (differential pair per weight); tiles = ceil(cells / (rows·cols))</li>
 *   <li>Eq. (3): P_tile = α · rows · cols · V̄² / R̄, V̄ = (V_on + V_off)/2 of the neuron's M1 (the
 *       spike's peak and refractory voltages), R̄ = (R_on + R_off)/2 of the synapse</li>
 *   <li>mixed-signal = the same array + tiles · (ADCs + DACs) (DAC costs are target fields; the
 *       paper omits them, so the paper target sets them to 0)</li>
 *   <li>latency = steps · vmmsPerStep · t_VMM + alphaLatency against alphaLatency alone</li>
 * </ul>
 */
public final class PaperPpa {
    /** Devices per signed weight: the differential pair G+ / G-. */
    public static final int DEVICES_PER_WEIGHT = 2;
    /** Paper-mode per-tile rows are listed up to this many tiles. */
    public static final int MAX_TILE_ROWS = 64;

    private PaperPpa() {}

    public static PpaTable compute(Target t, int[] layers) { return compute(t, layers, AdcOverrides.NONE); }

    public static PpaTable compute(Target t, int[] layers, AdcOverrides o) {
        if (layers == null || layers.length < 2) throw new MemtileException("--layers", null, "needs at least two layer widths, e.g. 784,100,10");
        for (int w : layers) if (w < 1) throw new MemtileException("--layers", null, "layer widths must be positive, got " + w);
        TileParams tile = t.tile();
        AdcBaseline adc = o.apply(t.adc());
        Baseline base = new Baseline(adc, tile);
        PaperAssumptions pa = t.paper();
        MssParams m1 = t.neuron().m1();
        MssParams syn = t.synapse();
        List<DerivationStep> d = new ArrayList<>();

        long synapses = 0;
        StringBuilder sum = new StringBuilder();
        for (int l = 0; l + 1 < layers.length; l++) {
            synapses += (long) layers[l] * layers[l + 1];
            sum.append(l == 0 ? "" : " + ").append(layers[l]).append("·").append(layers[l + 1]);
        }
        long neurons = 0;
        for (int l = 1; l < layers.length; l++) neurons += layers[l];
        long cells = DEVICES_PER_WEIGHT * synapses;
        long cellsPerTile = (long) tile.rows() * tile.cols();
        long tiles = (cells + cellsPerTile - 1) / cellsPerTile;
        d.add(new DerivationStep("N_syn", "synapses (weights)", sum.toString(), synapses, Display.count(synapses)));
        d.add(new DerivationStep("N_cells", "RRAM cells, a differential pair per weight", "2 · " + Display.count(synapses), cells, Display.count(cells)));
        d.add(new DerivationStep("N_tiles", "tiles of " + tile.rows() + "×" + tile.cols(),
                "ceil(" + Display.count(cells) + " / " + Display.count(cellsPerTile) + ") = ceil(" + Display.fixed((double) cells / cellsPerTile, 2) + ")", tiles, Display.count(tiles)));
        d.add(new DerivationStep("N_neurons", "MIF neurons", "Σ hidden + output widths", neurons, Display.count(neurons)));

        double vBar = (m1.vOn() + m1.vOff()) / 2;
        double rBar = (syn.rOn() + syn.rOff()) / 2;
        double pDevice = vBar * vBar / rBar;
        double pTile = pa.activityFactor() * cellsPerTile * pDevice;
        double pMem = tiles * pTile;
        d.add(new DerivationStep("V̄", "mean spike voltage across a device, neuron.m1 (V_on + V_off)/2",
                "(" + Display.si(m1.vOn(), "V") + " + " + Display.si(m1.vOff(), "V") + ") / 2", vBar, Display.si(vBar, "V")));
        d.add(new DerivationStep("R̄", "mean synapse resistance (R_on + R_off)/2",
                "(" + Display.si(syn.rOn(), "Ω") + " + " + Display.si(syn.rOff(), "Ω") + ") / 2", rBar, Display.si(rBar, "Ω")));
        d.add(new DerivationStep("P_dev", "power of one active device V̄²/R̄", Display.si(vBar, "V") + "² / " + Display.si(rBar, "Ω"), pDevice, Display.si(pDevice, "W")));
        d.add(new DerivationStep("P_tile", "Eq. (3): α · rows · cols · V̄²/R̄",
                Display.num(pa.activityFactor()) + " · " + tile.rows() + " · " + tile.cols() + " · " + Display.si(pDevice, "W"), pTile, Display.si(pTile, "W")));
        d.add(new DerivationStep("P_MEMprop", "all tiles", tiles + " · " + Display.si(pTile, "W"), pMem, Display.si(pMem, "W")));

        long adcs = tiles * base.adcsPerTile();
        long dacs = tiles * base.dacsPerTile();
        double pAdc = adcs * adc.powerW();
        double pDac = dacs * adc.dacPowerW();
        double pMixed = pMem + pAdc + pDac;
        d.add(new DerivationStep("N_ADC", adc.bits() + "-bit ADCs", tiles + " tiles · " + base.adcsPerTile(), adcs, Display.count(adcs)));
        d.add(new DerivationStep("N_DAC", adc.dacBits() + "-bit serial DACs, one per " + adc.dacSharedLines() + " word lines",
                tiles + " tiles · ceil(" + tile.rows() + " / " + adc.dacSharedLines() + ")", dacs, Display.count(dacs)));
        d.add(new DerivationStep("P_mixed", "array + ADCs + DACs",
                Display.si(pMem, "W") + " + " + adcs + " · " + Display.si(adc.powerW(), "W") + " + " + dacs + " · " + Display.si(adc.dacPowerW(), "W"), pMixed, Display.si(pMixed, "W")));

        double aMem = tiles * tile.areaMm2();
        double aMixed = aMem + adcs * adc.areaMm2() + dacs * adc.dacAreaMm2();
        d.add(new DerivationStep("A_MEMprop", "tile area", tiles + " · " + Display.num(tile.areaMm2()) + " mm²", aMem, Display.num(aMem) + " mm²"));
        d.add(new DerivationStep("A_mixed", "tiles + ADCs + DACs",
                Display.num(aMem) + " + " + adcs + " · " + Display.num(adc.areaMm2()) + " + " + dacs + " · " + Display.num(adc.dacAreaMm2()) + " mm²", aMixed, Display.num(aMixed) + " mm²"));

        int steps = t.timing().steps();
        double tDac = base.dacTimeS();
        int conv = base.conversionsPerAdc(tile.cols());
        double tAdc = base.adcTimeS(tile.cols());
        double tVmm = tDac + tAdc;
        double tMem = pa.alphaLatency();
        double tMixed = (double) steps * pa.vmmsPerStep() * tVmm + tMem;
        d.add(new DerivationStep("t_DAC", "input serialisation", adc.dacSharedLines() + " lines · " + adc.dacBits() + " bits · " + Display.si(base.cycleS(), "s"), tDac, Display.si(tDac, "s")));
        d.add(new DerivationStep("t_ADC", "output conversion: " + conv + " conversions per ADC",
                "(" + tile.cols() + " / " + adc.bitlinesPerActivation() + " / " + adc.adcsPerCrossbar() + ") · " + adc.cyclesPerConversion() + " cycles · " + Display.si(base.cycleS(), "s"), tAdc, Display.si(tAdc, "s")));
        d.add(new DerivationStep("t_VMM", "one vector-matrix multiplication", Display.si(tDac, "s") + " + " + Display.si(tAdc, "s"), tVmm, Display.si(tVmm, "s")));
        d.add(new DerivationStep("t_mixed", "steps · VMMs/step · t_VMM + alpha latency",
                steps + " · " + pa.vmmsPerStep() + " · " + Display.si(tVmm, "s") + " + " + Display.si(tMem, "s"), tMixed, Display.si(tMixed, "s")));
        d.add(new DerivationStep("t_MEMprop", "alpha-current latency only", "paper.alphaLatency", tMem, Display.si(tMem, "s")));

        List<Comparison> rows = List.of(
                new Comparison("Area", "mm²", aMem, aMixed, aMixed / aMem,
                        PaperTableIv.AREA_MEMPROP_MM2, PaperTableIv.AREA_MIXED_MM2, PaperTableIv.AREA_IMPROVEMENT, 1),
                new Comparison("Power", "mW", pMem * 1e3, pMixed * 1e3, pMixed / pMem,
                        PaperTableIv.POWER_MEMPROP_MW, PaperTableIv.POWER_MIXED_MW, PaperTableIv.POWER_IMPROVEMENT, 2),
                new Comparison("Latency", "ms", tMem * 1e3, tMixed * 1e3, tMixed / tMem,
                        PaperTableIv.LATENCY_MEMPROP_MS, PaperTableIv.LATENCY_MIXED_MS, PaperTableIv.LATENCY_IMPROVEMENT, 7));

        // closed form: every figure above is a product of counts; the per-tile rows are only listed for
        // small chips (all tiles are identical in paper mode except the last one's used cells)
        List<TilePower> perTile = new ArrayList<>();
        long left = cells;
        for (int i = 0; tiles <= MAX_TILE_ROWS && i < tiles; i++) {
            long used = Math.min(left, cellsPerTile);
            left -= used;
            // Eq. (3) charges α of ALL cells of every tile, used or not (note 3).
            perTile.add(new TilePower(i, used, pa.activityFactor(), pTile, 0, base.adcsPerTile() * adc.powerW(), base.dacsPerTile() * adc.dacPowerW()));
        }

        List<Parameter> params = new ArrayList<>();
        params.add(new Parameter("network", layersText(layers), "--layers"));
        params.add(new Parameter("tile", tile.rows() + "×" + tile.cols() + " " + tile.cellType() + ", " + tile.technologyNm() + " nm, " + Display.num(tile.areaMm2()) + " mm²", "target"));
        params.add(new Parameter("paper.activityFactor α", Display.num(pa.activityFactor()), "target"));
        params.add(new Parameter("paper.alphaLatency", Display.si(pa.alphaLatency(), "s"), "target"));
        params.add(new Parameter("paper.vmmsPerStep", Integer.toString(pa.vmmsPerStep()), "target"));
        params.add(new Parameter("timing.steps", Integer.toString(steps), "target"));
        params.add(new Parameter("neuron.m1 V_on / V_off", Display.si(m1.vOn(), "V") + " / " + Display.si(m1.vOff(), "V"), "target"));
        params.add(new Parameter("synapse R_on / R_off", Display.si(syn.rOn(), "Ω") + " / " + Display.si(syn.rOff(), "Ω"), "target"));
        params.addAll(o.describe(t.adc()));
        if (tiles > MAX_TILE_ROWS) {
            params.add(new Parameter("per-tile rows", "omitted for " + Display.count(tiles) + " tiles (more than " + MAX_TILE_ROWS
                    + "); in paper mode every tile draws P_tile", "report"));
        }

        String title = "MEMprop PPA, paper-assumption mode (Table IV recomputed): " + t.name() + ", " + layersText(layers);
        return new PpaTable("paper", title, t.name(), layers.clone(), params, d, rows, perTile,
                PaperNotes.build(t, layers, adc, base, cells, tiles, pDevice, pMem, pMixed, tVmm), null, List.of(), null);
    }

    static String layersText(int[] layers) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < layers.length; i++) sb.append(i == 0 ? "" : "-").append(layers[i]);
        return sb.toString();
    }
}
