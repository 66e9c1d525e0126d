package io.memtile.cli;

import io.memtile.report.AdcOverrides;
import io.memtile.report.PpaTable;
import io.memtile.report.ReportFormat;
import io.memtile.report.Reports;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code memtile report sim.json | --paper}: the PPA report (Table IV) in md, tex, html or csv. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Power/area/latency report: MEMprop against the ADC-based mixed-signal design.",
                "Paper mode (--paper) recomputes the paper's Table IV from the target with Eq. (3);",
                "measured mode (sim.json) uses the simulated activity and energies and adds DACs,",
                "per-layer VMMs and energy per inference.",
                "ADC resolution overrides scale ADC power and area by 2^(bits - adc.bits)."})
public final class ReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SIM_JSON", description = "sim.json from `memtile simulate` (measured mode)")
    Path sim;

    @Option(names = "--paper", description = "paper-assumption mode (no simulation needed)")
    boolean paper;

    @Option(names = "--target", paramLabel = "T", description = "target file or bundled name (paper mode default: paper-65nm; measured: the simulation's target)")
    String target;

    @Option(names = "--layers", defaultValue = "784,100,10", description = "paper mode: layer widths (default: ${DEFAULT-VALUE})")
    String layers;

    @Option(names = "--format", defaultValue = "md", description = "md, tex, html or csv (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "output file (written atomically); stdout if absent")
    Path out;

    @Option(names = "--adc-bits", defaultValue = "0", description = "ADC resolution (0 = target's); power and area scale by 2^(bits - adc.bits)")
    int adcBits;

    @Option(names = "--adcs-per-tile", defaultValue = "0", description = "ADCs per crossbar (0 = target's)")
    int adcsPerTile;

    @Option(names = "--adc-clock", defaultValue = "0", description = "ADC clock in Hz, e.g. 40e6 (0 = target's)")
    double adcClock;

    @Option(names = "--adc-cycles", defaultValue = "0", description = "clock cycles per conversion (0 = target's)")
    int adcCycles;

    @Option(names = "--force", description = "replace --out even if it is not a previous memtile output of this kind (never an input)")
    boolean force;

    @Option(names = "--sweep", paramLabel = "PLAN", description = "measured mode: plan.json of a measured `memtile sweep`; adds the accuracy-vs-energy Pareto plot and front")
    Path sweep;

    @Override
    public Integer call() {
        io.memtile.core.output.OutputGuard.check(out, OutputKinds.REPORT, force, "--out", sim, OutputKinds.targetInput(target));
        if (paper == (sim != null)) throw new IllegalArgumentException("give either SIM_JSON (measured mode) or --paper, not both / neither");
        AdcOverrides o = new AdcOverrides(adcBits, adcsPerTile, adcClock, adcCycles);
        ReportFormat f = ReportFormat.parse(format);
        if (!paper) spec.commandLine().getErr().println("memtile: " + Reports.checkSimProgram(sim));
        PpaTable t = paper
                ? Reports.paper(target == null ? "paper-65nm" : target, Reports.parseLayers(layers), o)
                : Reports.measured(sim, target, o);
        if (sweep != null) {
            if (paper) throw new IllegalArgumentException("--sweep needs measured mode (SIM_JSON)");
            t = Reports.withSweep(t, io.memtile.core.json.Json.read(sim, io.memtile.sim.result.SimResult.class), sweep);
        }
        Reports.emit(t, f, out, new java.io.PrintStream(System.out, true, java.nio.charset.StandardCharsets.UTF_8));
        if (out != null) spec.commandLine().getErr().println("memtile: wrote " + out);
        return 0;
    }
}
