package io.memtile.physics.mif;

import io.memtile.core.MemtileException;
import io.memtile.core.render.Si;
import io.memtile.core.target.Target;
import io.memtile.physics.alpha.AlphaForm;
import io.memtile.physics.energy.EnergyLedger;
import io.memtile.physics.spice.SpiceCrossCheck;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The single-neuron experiment behind {@code memtile neuron}: resolve the stimulus against a
 * target, simulate from rest, summarise (the paper's Fig. 4 figures plus the energy ledger),
 * optionally cross-check against ngspice, and write the outputs.
 */
public final class NeuronExperiment {
    /**
     * Default stimulus: a 3 uA step from 1 ms to 3 ms. On paper-65nm it shows every phase of the
     * paper's Fig. 4 in 1,000 steps: rest (18.3 mV), charge (within one step: RC = 5 us &lt; dt), a
     * spike to 120 mV just above V_on, M1 switching on and pulling V down while the input holds,
     * the reset towards E1 (trough 6.8 mV, near V_off) when it ends, and recovery towards rest as
     * M1 relaxes over a few tau.
     */
    public static final String DEFAULT_INPUT = "step:3e-6@100-300";

    /**
     * Default stimulus of the SPICE cross-check: a 30 uA alpha train every 200 steps, which gives
     * five spikes (131, 91, 83, 80, 79 mV peaks on paper-65nm: M1 adapts) in 1,000 steps.
     */
    public static final String DEFAULT_SPICE_INPUT = "alpha:3e-5@200";

    private NeuronExperiment() {}

    /** Everything a run produced. */
    public record Outcome(String targetName, CurrentInput input, int steps, Integrator integrator, MifNeuron.Run run,
                          TraceSummary summary, SpiceCrossCheck.Result spice) {}

    /** Parses {@code --input}; errors name the option. */
    public static CurrentInput parseInput(String spec, Target t) {
        try {
            CurrentInput in = CurrentInput.parse(spec);
            return in instanceof CurrentInput.Alpha a ? a.withDefaultPeriod(t.timing().injectionPeriodSteps()) : in;
        } catch (IllegalArgumentException e) {
            throw new MemtileException("--input", null, e.getMessage());
        }
    }

    /** Parses {@code --integrator}; errors name the option. */
    public static Integrator parseIntegrator(String s) {
        try {
            return Integrator.parse(s);
        } catch (IllegalArgumentException e) {
            throw new MemtileException("--integrator", null, e.getMessage());
        }
    }

    /** Parses {@code --alpha-form}; errors name the option. */
    public static AlphaForm parseAlphaForm(String s) {
        try {
            return AlphaForm.parse(s);
        } catch (IllegalArgumentException e) {
            throw new MemtileException("--alpha-form", null, e.getMessage());
        }
    }

    /**
     * Simulates the neuron of target {@code t}.
     *
     * @param steps number of steps (&gt;= 1)
     * @param spice also run the ngspice cross-check (all three integrators) on the same input
     */
    public static Outcome run(Target t, CurrentInput input, int steps, Integrator kind, AlphaForm form, boolean spice) {
        if (steps < 1) throw new MemtileException("--steps", null, "must be >= 1, got " + steps);
        double dt = t.timing().dt();
        double[] cur = input.samples(steps + 1, dt, t.neuron().tauAlpha(), form);
        MifNeuron.Run run = new MifNeuron(t.neuron(), dt, kind).run(cur);
        TraceSummary s = TraceSummary.of(run.trace(), t.neuron());
        SpiceCrossCheck.Result sp = null;
        if (spice) {
            double[] drive = java.util.Arrays.copyOf(cur, steps);
            sp = SpiceCrossCheck.run(t.neuron(), t.name(), input.spec() + " on " + t.name(), dt, drive, true);
        }
        return new Outcome(t.name(), input, steps, kind, run, s, sp);
    }

    /** The printed summary. */
    public static String summary(Outcome o) {
        TraceSummary s = o.summary();
        EnergyLedger e = o.run().energy();
        StringBuilder sb = new StringBuilder();
        sb.append(f("neuron: target %s, input %s, %d steps of %s, integrator %s%n", o.targetName(), o.input().spec(), o.steps(),
                Si.format(o.run().trace().dt(), "s"), name(o.integrator())));
        sb.append(f("  rest      %8.3f mV  (x1 %.3e, x2 %.3e)%n", s.restV() * 1e3, o.run().trace().x1()[0], o.run().trace().x2()[0]));
        sb.append(f("  peak      %8.3f mV  at %.3f ms%n", s.peakV() * 1e3, s.peakTime() * 1e3));
        sb.append(f("  trough    %8.3f mV  at %.3f ms (after the peak)%n", s.troughV() * 1e3, s.troughTime() * 1e3));
        sb.append(f("  final     %8.3f mV  at %.3f ms%n", s.finalV() * 1e3, o.steps() * o.run().trace().dt() * 1e3));
        StringBuilder sp = new StringBuilder();
        for (double x : s.spikeTimes()) sp.append(sp.length() > 0 ? ", " : "").append(f("%.3f", x * 1e3));
        sb.append(f("  spikes    %d (upward crossings of %.2f mV) at [%s] ms%n", s.spikeTimes().length, s.threshold() * 1e3, sp));
        sb.append("  energy    from E1 ").append(Si.format(e.fromE1(), "J"))
                .append(", from E2 ").append(Si.format(e.fromE2(), "J"))
                .append(", from input ").append(Si.format(e.fromInput(), "J")).append('\n');
        sb.append("            to C_mem ").append(Si.format(e.capacitorDelta(), "J"))
                .append(", dissipated in M1 ").append(Si.format(e.dissipationM1(), "J"))
                .append(", in M2 ").append(Si.format(e.dissipationM2(), "J"))
                .append(f(", balance residual %.2e of the total%n", e.relativeResidual()));
        if (o.spice() != null) {
            sb.append("SPICE cross-check (ngspice vs memtile, resampled at the step boundaries):\n");
            sb.append(o.spice().table());
        }
        return sb.toString();
    }

    /**
     * Writes trace.csv, neuron.png, summary.txt (and with --spice the netlist and
     * spice-compare.csv) into dir atomically.
     */
    public static void write(Path dir, Outcome o) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("summary.txt", summary(o));
        if (o.spice() != null) {
            extra.put("mif-neuron.cir", o.spice().netlist());
            extra.put("spice-compare.csv", spiceCsv(o));
        }
        NeuronOutputs.write(dir, o.run().trace(), "MIF neuron, " + o.targetName() + ", " + o.input().spec() + ", " + name(o.integrator()), extra);
    }

    /** ngspice's waveform at the step boundaries next to this run's (plain CSV, SI units). */
    static String spiceCsv(Outcome o) {
        SpiceCrossCheck.Result r = o.spice();
        NeuronTrace tr = o.run().trace();
        StringBuilder sb = new StringBuilder("step,t_s,v_spice_V,x1_spice,x2_spice,v_memtile_V,x1_memtile,x2_memtile\n");
        int n = Math.min(r.spiceV().length, tr.v().length);
        for (int k = 0; k < n; k++) {
            sb.append(k).append(',').append(r.spiceTime()[k]).append(',').append(r.spiceV()[k]).append(',').append(r.spiceX1()[k])
                    .append(',').append(r.spiceX2()[k]).append(',').append(tr.v()[k]).append(',').append(tr.x1()[k]).append(',')
                    .append(tr.x2()[k]).append('\n');
        }
        return sb.toString();
    }

    public static String name(Integrator k) { return k.name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    private static String f(String p, Object... a) { return String.format(Locale.ROOT, p, a); }
}
