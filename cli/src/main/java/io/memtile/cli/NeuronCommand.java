package io.memtile.cli;

import io.memtile.core.MemtileException;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.physics.mif.NeuronExperiment;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code memtile neuron}: one MIF neuron from rest under a chosen input (the paper's Fig. 4). */
@Command(name = "neuron", mixinStandardHelpOptions = true,
        description = {"Simulate one MIF neuron from rest under a current input; print rest/peak/trough/spikes and the energy ledger.",
                "With --spice, also cross-check all three integrators against ngspice."})
public final class NeuronCommand implements Callable<Integer> {
    @Option(names = "--target", defaultValue = Targets.DEFAULT, description = "Target name or JSON path (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--input", description = "const:I | step:I@T0-T1 | alpha:A[@PERIOD] (amps; steps). Default "
            + NeuronExperiment.DEFAULT_INPUT + ", or " + NeuronExperiment.DEFAULT_SPICE_INPUT + " with --spice.")
    String input;

    @Option(names = "--steps", description = "Steps to simulate (default: the target's timing.steps).")
    Integer steps;

    @Option(names = "--integrator", defaultValue = "exponential", description = "explicit | semi-implicit | exponential (default: ${DEFAULT-VALUE}).")
    String integrator;

    @Option(names = "--alpha-form", defaultValue = "step-average", description = "step-average | forward-euler (default: ${DEFAULT-VALUE}).")
    String alphaForm;

    @Option(names = "--out", description = "Directory for trace.csv, neuron.png, summary.txt (and mif-neuron.cir with --spice).")
    Path out;

    @Option(names = "--spice", description = "Cross-check against ngspice (needs ngspice on PATH).")
    boolean spice;

    @Option(names = "--force", description = "replace --out even if it is not a previous memtile output of this kind (never an input)")
    boolean force;

    @Override
    public Integer call() {
        io.memtile.core.output.OutputGuard.check(out, OutputKinds.NEURON, force, "--out", OutputKinds.targetInput(target));
        Target t = Targets.load(target);
        if (steps != null && steps < 1) throw new MemtileException("--steps", null, "must be >= 1, got " + steps);
        int n = steps != null ? steps : t.timing().steps();
        // v, x1, x2, g1, g2, current and the input per step; with --out also the CSV text (~120 B/row) and plot series
        io.memtile.core.memory.MemoryBudget.requireArrayLength("--steps", n + 2.0, n + " steps");
        io.memtile.core.memory.MemoryBudget.require("--steps", (n + 2.0) * (7 * 8 + (out != null ? 5 * 8 + 120 : 0)), n + " steps of one neuron trace");
        String spec = input != null ? input : spice ? NeuronExperiment.DEFAULT_SPICE_INPUT : NeuronExperiment.DEFAULT_INPUT;
        NeuronExperiment.Outcome o = NeuronExperiment.run(t, NeuronExperiment.parseInput(spec, t),
                steps != null ? steps : t.timing().steps(), NeuronExperiment.parseIntegrator(integrator),
                NeuronExperiment.parseAlphaForm(alphaForm), spice);
        System.out.print(NeuronExperiment.summary(o));
        if (out != null) {
            NeuronExperiment.write(out, o);
            System.out.println("wrote " + out.resolve("trace.csv") + ", " + out.resolve("neuron.png"));
        }
        return 0;
    }
}
