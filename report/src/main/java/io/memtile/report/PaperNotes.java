package io.memtile.report;

import io.memtile.core.target.AdcBaseline;
import io.memtile.core.target.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * The "notes on the paper" section (spec section 5): each inconsistency or omitted cost of
 * Section V-A / Table IV, with the figure this target gives when the omission is corrected.
 */
final class PaperNotes {
    private PaperNotes() {}

    static List<Note> build(Target t, int[] layers, AdcBaseline adc, Baseline base, long cells, long tiles,
                            double pDevice, double pMem, double pMixed, double tVmm) {
        List<Note> n = new ArrayList<>();
        double aMem = tiles * t.tile().areaMm2();
        double aMixed = aMem + tiles * base.adcAreaPerTileMm2();
        n.add(new Note(1, "Area column printed 100× off",
                "Table IV prints 2.77 mm² and 14.77 mm², but the text gives 2.77×10⁻² mm² for the array and the arithmetic gives "
                        + "0.1477 mm² (= 14.77×10⁻² mm²) for the mixed-signal design: the ×10⁻² is missing from both cells. "
                        + "The ratio 5.33× is right. This target: " + Display.num(aMem) + " mm² vs " + Display.num(aMixed) + " mm²."));
        n.add(new Note(2, "Power ratio rounding",
                "The exact ratio is 8.2145 / 0.21453 = 38.29×; the paper prints 38.30×. From its own rounded figures, "
                        + "8.21 / 0.21 = 39.10×. This target: " + Display.ratio(pMixed / pMem) + "."));
        double pUsed = t.paper().activityFactor() * cells * pDevice;
        long allCells = (long) tiles * t.tile().rows() * t.tile().cols();
        n.add(new Note(3, "Activity applied to every cell of full tiles",
                "The 2% is a neuron spiking rate, yet Eq. (3) applies it to every cell of all " + tiles + " full tiles ("
                        + Display.count(allCells) + " cells, of which " + Display.count(allCells - cells) + " are unused). Counting only the "
                        + Display.count(cells) + " used cells gives " + Display.si(pUsed, "W") + " instead of " + Display.si(pMem, "W")
                        + ". The mixed-signal baseline reuses the same spiking array activity, which a non-spiking 8-bit ANN would not have. "
                        + "Measured mode replaces α with the simulated per-tile activity."));
        long dacs = tiles * base.dacsPerTile();
        double dacW = dacs * adc.dacPowerW();
        double dacA = dacs * adc.dacAreaMm2();
        n.add(new Note(4, "DACs, drivers and neuron circuits omitted from area and power",
                "The latency estimate uses " + base.dacsPerTile() + " serial DACs per tile (" + dacs + " in all), but the area and power "
                        + "comparisons count only ADCs; word-line drivers, the MIF neurons' sources and capacitors are omitted as well. "
                        + (adc.dacPowerW() == 0 && adc.dacAreaMm2() == 0
                        ? "This target reproduces the paper (adc.dacPowerW = adc.dacAreaMm2 = 0); set them to include the DACs."
                        : "This target includes them: " + Display.si(dacW, "W") + " and " + Display.num(dacA) + " mm².")));
        int conv = base.conversionsPerAdc(t.tile().cols());
        double tAdcReal = conv * (double) adc.bits() / adc.clockHz();
        double tVmmReal = base.dacTimeS() + tAdcReal;
        int steps = t.timing().steps();
        double alpha = t.paper().alphaLatency();
        n.add(new Note(5, "ADC assumed to convert in one clock cycle",
                "Each " + adc.bits() + "-bit SAR ADC is charged " + adc.cyclesPerConversion() + " cycle(s) per conversion at "
                        + Display.si(adc.clockHz(), "Hz") + "; a SAR needs about one cycle per bit. With " + adc.bits() + " cycles: t_ADC = "
                        + Display.si(tAdcReal, "s") + ", t_VMM = " + Display.si(tVmmReal, "s") + ", latency "
                        + Display.si(steps * t.paper().vmmsPerStep() * tVmmReal + alpha, "s") + "."));
        int weightLayers = layers.length - 1;
        n.add(new Note(6, "One VMM per step for a " + weightLayers + "-layer network",
                "The estimate charges " + t.paper().vmmsPerStep() + " VMM per time step for the whole network; " + weightLayers
                        + " dependent weight layers need " + weightLayers + " sequential VMMs per step unless pipelined: "
                        + Display.si(weightLayers * tVmm, "s") + " per step, " + Display.si((double) steps * weightLayers * tVmm + alpha, "s")
                        + " per inference. Measured mode charges one VMM per layer per step."));
        double dt = t.timing().dt();
        n.add(new Note(7, "Mismatched latency bases",
                "MEMprop is credited with the alpha-current latency alone (" + Display.si(alpha, "s") + "), yet the network runs "
                        + steps + " steps of " + Display.si(dt, "s") + " = " + Display.si(steps * dt, "s") + " per sample; the mixed-signal "
                        + "design is charged " + steps + " × " + Display.si(tVmm, "s") + (tVmm < dt
                        ? ", and since t_VMM < Δt its conversions could overlap the physical step. "
                        : ". ") + "The two latencies are not measured on the same basis."));
        n.add(new Note(8, "Accuracy figures disagree", "Table V lists 93.2% on MNIST; the text gives 93.08% average and 93.18% best."));
        n.add(new Note(9, "Table III constants are not integrable as printed",
                "C_mem = 100 pF with R_on = 1 kΩ and Δt = 10 µs gives Δt/(R_on·C) = 100, unstable under forward Euler; the authors' code "
                        + "uses non-SI per-step constants, and its τ_α (1 ms) differs from Table III's 0.64 ms."));
        n.add(new Note(10, "Integrator naming", "The single-neuron notebook named \"RK2\" implements forward Euler; the later code "
                + "uses backward Euler for V, while the paper cites an RK4 SPICE check of a forward-Euler solution."));
        n.add(new Note(11, "Unit prefix dropped in the comparison", "The 0.63 W power quoted for Ref. [40] has lost its unit prefix "
                + "(it is the same 2% estimate)."));
        return n;
    }
}
