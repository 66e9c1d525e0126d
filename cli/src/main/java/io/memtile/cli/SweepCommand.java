package io.memtile.cli;

import io.memtile.core.MemtileException;
import io.memtile.core.json.AtomicFiles;
import io.memtile.report.sweep.SweepCollector;
import io.memtile.report.sweep.SweepPlan;
import io.memtile.report.sweep.SweepPlanner;
import io.memtile.report.sweep.SweepRunner;
import io.memtile.report.sweep.SweepSpec;
import io.memtile.report.sweep.Sweeps;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code memtile sweep}: PPA over tile size, ADC bits, device target and variation. Without a
 * subcommand it plans, runs every job on a local thread pool and collects; the three steps are
 * also separate subcommands so a cluster engine can run the jobs ({@code run --index i}).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"PPA sweep over tile size, ADC bits, target and variation -> one table.",
                "  memtile sweep --grid \"tile=64,128,256;adcBits=4,6,8;target=paper-65nm,knowm-mss;variation=0,0.05\"",
                "Cluster use: `sweep plan` writes DIR/plan.json, `sweep run --plan DIR/plan.json --index I` runs one job",
                "(idempotent, atomic output, skipped when done), `sweep collect` merges the outputs.",
                "`sweep submit --slurm` sends the unfinished jobs as a Slurm job array, `sweep status` shows where they are,",
                "`sweep submit --k8s-manifest FILE` writes a Kubernetes Indexed Job instead.",
                "Paper mode needs no model; --model switches to measured mode (compile + simulate each job)."},
        subcommands = {SweepCommand.Plan.class, SweepCommand.Run.class, SweepCommand.Collect.class, SweepSubmitCommand.class,
                SweepStatusCommand.class})
public final class SweepCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin SpecOptions specOptions;

    @Option(names = "--threads", defaultValue = "0", description = "worker threads (0 = all cores)")
    int threads;

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        Sweeps.Outcome o = Sweeps.runAll(specOptions.toSpec(), specOptions.dir, n, output.format, System.err);
        output.emit(o.table());
        spec.commandLine().getErr().printf("memtile: sweep %s: %d jobs run, %d already done%n", o.plan(), o.ran(), o.skipped());
        return 0;
    }

    /** Options that define a sweep (shared by the all-in-one command and `plan`). */
    public static final class SpecOptions {
        // Not picocli-required: the parent command carries this mixin too, and a required parent option
        // would be demanded even for `sweep run` / `sweep collect`.
        @Option(names = "--grid", description = "axes key=v1,v2;... with keys target, tile, adcBits, adcCycles, variation; measured sweeps also inputAmplitude (V) and layerScales (per layer, joined by '/', e.g. 3.3/100)")
        String grid;

        @Option(names = "--dir", defaultValue = "sweep", description = "plan and job outputs directory (default: ${DEFAULT-VALUE})")
        Path dir;

        @Option(names = "--target", defaultValue = "paper-65nm", description = "target when the grid has no target axis (default: ${DEFAULT-VALUE})")
        String target;

        @Option(names = "--network", defaultValue = "784,100,10", description = "paper mode: layer widths (default: ${DEFAULT-VALUE})")
        String network;

        @Option(names = "--model", description = "model artifact: measured sweep (compile + simulate every job)")
        String model;

        @Option(names = "--dataset", defaultValue = "embedded:mnist", description = "measured mode: dataset spec (default: ${DEFAULT-VALUE})")
        String dataset;

        @Option(names = "--samples", defaultValue = "20", description = "measured mode: samples per job (default: ${DEFAULT-VALUE})")
        int samples;

        @Option(names = "--seed", defaultValue = "1", description = "seed of every job's compile and simulation (default: ${DEFAULT-VALUE})")
        long seed;

        boolean hasGrid() { return grid != null; }

        SweepSpec toSpec() {
            if (grid == null) throw new IllegalArgumentException("--grid is required, e.g. --grid \"tile=64,128;adcBits=4,8\"");
            return new SweepSpec(grid, target, network.replace(',', '-'), model, dataset, samples, seed);
        }
    }

    /** Table format and destination. */
    public static final class OutputOptions {
        @Option(names = "--format", defaultValue = "md", description = "md or csv (default: ${DEFAULT-VALUE})")
        String format;

        @Option(names = "--out", paramLabel = "FILE", description = "write the table here (atomically) instead of stdout")
        Path out;

        void emit(String table) {
            if (out != null) {
                AtomicFiles.writeString(out, table);
            } else {
                // UTF-8 bytes whatever the platform charset (tables contain µ, ², ×); raw bytes pass through System.out unchanged.
                PrintStream ps = new PrintStream(System.out, true, StandardCharsets.UTF_8);
                ps.print(table);
                ps.flush();
            }
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true, description = "Write DIR/plan.json: one self-contained job per grid point.")
    static final class Plan implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Mixin SpecOptions specOptions;

        @Override
        public Integer call() {
            SweepPlan plan = SweepPlanner.plan(specOptions.toSpec());
            Path file = SweepPlanner.write(plan, specOptions.dir);
            spec.commandLine().getOut().println(file + ": " + plan.jobs().size() + " jobs (" + plan.mode() + " mode); run with "
                    + "`memtile sweep run --plan " + file + " --index I` for I in 0.." + (plan.jobs().size() - 1));
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run one job of a plan (skipped when its output exists).")
    static final class Run implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--plan", required = true, description = "plan.json")
        Path plan;

        @Option(names = "--index", required = true, description = "job index (e.g. the cluster array task id)")
        int index;

        @Override
        public Integer call() {
            SweepRunner.Status s = SweepRunner.run(plan, index);
            spec.commandLine().getOut().println("job " + index + ": " + s.name().toLowerCase(java.util.Locale.ROOT));
            return 0;
        }
    }

    @Command(name = "collect", mixinStandardHelpOptions = true,
            description = {"Merge the job outputs of a plan into one table.",
                    "A partial sweep gives the rows there are and says (on stderr, and under a Markdown table) which jobs are missing."})
    static final class Collect implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--plan", required = true, description = "plan.json")
        Path plan;

        @Option(names = "--require-all", description = "fail (exit 2, no table) unless every job has a current row")
        boolean requireAll;

        @Mixin OutputOptions output;

        @Override
        public Integer call() {
            SweepCollector.Collected c = SweepCollector.collectAvailable(plan);
            if (!c.complete() && requireAll) throw new MemtileException(plan.toString(), null, c.missingSummary());
            output.emit(SweepCollector.render(c, output.format));
            if (!c.complete()) spec.commandLine().getErr().println("memtile: sweep collect: partial table: " + c.missingSummary());
            return 0;
        }
    }
}
