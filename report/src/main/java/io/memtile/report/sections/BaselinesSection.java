package io.memtile.report.sections;

import io.memtile.core.target.AdcBaseline;
import io.memtile.report.Baseline;
import io.memtile.report.Display;
import io.memtile.sim.result.SimResult;
import java.util.ArrayList;
import java.util.List;

/**
 * MEMprop against two baselines, side by side:
 * <ul>
 *   <li>the paper's mixed-signal design (ADC readout of the same analog array, every step), costed by
 *       {@code MeasuredPpa};</li>
 *   <li>an honest digital-neuron design: the same programmed weights as a non-spiking ANN on the same
 *       tiles, one VMM per weight layer per inference, inputs through DACs at the tile's read voltage,
 *       outputs through the target's ADCs, the MIF's quasi-static transfer as the digital activation. Its array energy is V_read² · Σ_rows x_r² S_r · t_VMM per
 *       layer, from the simulated row loads of the same chip instance ({@link SimResult.AnnBaseline}).</li>
 * </ul>
 */
public final class BaselinesSection {
    private BaselinesSection() {}

    /** The ANN's costs. */
    public record AnnCost(double arrayJ, double adcJ, double dacJ, double totalJ, double latencyS) {}

    /**
     * @param tVmm   per weight layer: one VMM's duration on its busiest tile (DAC + ADC phases), from MeasuredPpa
     * @param vRead  full-scale word-line read voltage (the tile's readVoltageMax)
     */
    public static AnnCost annCost(SimResult.AnnBaseline a, AdcBaseline adc, Baseline base, double[] tVmm, double vRead) {
        double arr = 0, adcJ = 0, dacJ = 0, lat = 0;
        for (int l = 0; l < tVmm.length; l++) {
            arr += vRead * vRead * a.rowDriveS()[l] * tVmm[l];
            adcJ += (double) a.columns()[l] / adc.bitlinesPerActivation() * base.conversionEnergyJ();
            dacJ += a.rows()[l] * base.dacValueEnergyJ();
            lat += tVmm[l];
        }
        return new AnnCost(arr, adcJ, dacJ, arr + adcJ + dacJ, lat);
    }

    public static Section of(SimResult r, AnnCost ann, double mixedJ, double mixedS, double vRead) {
        double eMem = r.energy().totalJ(), tMem = r.inferenceTimeS();
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("MEMprop, full run", r.accuracy().accuracy(), eMem, tMem, eMem));
        if (r.earlyDecision() != null && r.earlyDecision().holdSteps() > 0) {
            SimResult.EarlyDecision e = r.earlyDecision();
            rows.add(row("MEMprop, early decision", e.accuracy().accuracy(), e.energy().totalJ(), e.latency().mean(), eMem));
        }
        rows.add(row("Mixed-signal (paper's baseline: ADC readout of the same array every step)", r.accuracy().accuracy(), mixedJ, mixedS, eMem));
        SimResult.AnnBaseline a = r.annBaseline();
        rows.add(row(a.bits() + "-bit ANN on the same tiles (one VMM per layer)", a.accuracy().accuracy(), ann.totalJ(), ann.latencyS(), eMem));
        return new Section("baselines", "Baselines side by side",
                "Energy per inference and latency of MEMprop against the paper's mixed-signal design and an honest digital-neuron design: the same programmed "
                        + "weights run once per inference as a non-spiking " + a.bits() + "-bit ANN (inputs through DACs at " + Display.si(vRead, "V")
                        + " full scale, ADC and DAC ranges set on the first samples, and as activation the MIF neuron's quasi-static transfer at the spiking network's mean current). The ANN's array energy is " + Display.si(ann.arrayJ(), "J")
                        + ", ADC " + Display.si(ann.adcJ(), "J") + ", DAC " + Display.si(ann.dacJ(), "J") + " per inference.",
                List.of("Design", "Accuracy", "Energy / inference", "Latency", "Power", "Energy relative to MEMprop (full run)"),
                rows, "Digital logic (activation lookup, argmax, control) is charged to neither baseline. The mixed-signal design reuses MEMprop's simulated array "
                        + "energy, as the paper does; its accuracy is MEMprop's because it reads the same analog network.");
    }

    private static List<String> row(String name, double acc, double e, double t, double eRef) {
        return List.of(name, Display.fixed(100 * acc, 2) + " %", Display.si(e, "J"), Display.si(t, "s"), Display.si(e / t, "W"), Display.ratio(e / eRef));
    }
}
