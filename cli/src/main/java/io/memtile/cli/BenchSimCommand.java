package io.memtile.cli;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.NonIdealities;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.datasets.Dataset;
import io.memtile.datasets.Datasets;
import io.memtile.datasets.Split;
import io.memtile.sim.SimOptions;
import io.memtile.sim.Simulator;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code memtile bench sim}: simulator throughput (inferences/s) for 784-H-10 networks of growing
 * hidden width, with all non-idealities of the target on, plus the machine line and peak memory.
 */
@Command(name = "sim", mixinStandardHelpOptions = true, description = "Simulator throughput vs network size (inferences/s, peak memory).")
public final class BenchSimCommand implements Callable<Integer> {
    /**
     * Warm-up samples before each measured pass: enough lane groups per thread that C2 has compiled the
     * lane engine and the MIF kernel before the clock starts (20 left C2 compiling inside the measured
     * pass, where its threads share the two cores with the workers).
     */
    static final int WARMUP = 1000;

    @Option(names = "--target", defaultValue = "paper-65nm", description = "Target (default ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--hidden", split = ",", defaultValue = "100,200,400", description = "Hidden widths of 784-H-10 (default ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--samples", defaultValue = "2000", description = "Samples per size, measured after a warm-up of up to " + BenchSimCommand.WARMUP + " (embedded MNIST test subset, cycled; default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--ideal", description = "All non-idealities off (default: the target's, all on).")
    boolean ideal;

    @Override
    public Integer call() {
        Target t = Targets.load(target);
        int th = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        Dataset base = Datasets.load("embedded:mnist", Split.TEST);
        Dataset d = cycle(base, samples);
        NonIdealities ni = ideal ? NonIdealities.ideal() : t.nonIdealities();
        System.out.println("machine: " + BenchCommand.machine());
        System.out.println("non-idealities: " + ni);
        System.out.printf(Locale.ROOT, "%-12s %6s %6s %8s %10s %10s %12s %12s %12s %14s%n", "network", "tiles", "steps", "samples",
                "setup s", "wall s", "inf/s wall", "cpu s/inf", "inf/s idle", "ns/neuron-step");
        System.out.println("(inf/s idle = threads / CPU-seconds per inference: the rate on this many otherwise idle cores; "
                + "wall figures include other load on the machine, load average now " + loadAverage() + ")");
        double rate100 = 0;
        for (int h : hidden) {
            int[] layers = {784, h, 10};
            TileProgram p = Compiler.compile(RandomModels.create(t, layers, 0.5, 1), t, CompileOptions.ideal(1).withThreads(th)).program();
            SimOptions o = SimOptions.defaults(p).withNonIdealities(ni).withThreads(th).withTraceSample(-1);
            // warm-up (JIT), then the measured run
            Simulator.pass(p, d, Math.min(WARMUP, samples), ni, o, -1, null);
            Simulator.Pass r = Simulator.pass(p, d, samples, ni, o, -1, null);
            double cpuPerInf = r.cpuSeconds() / samples;
            double perNeuronStep = cpuPerInf * 1e9 / ((double) p.network().steps() * (h + 10));
            double idleRate = th / cpuPerInf;
            if (h == 100) rate100 = idleRate;
            System.out.printf(Locale.ROOT, "%-12s %6d %6d %8d %10.2f %10.2f %12.1f %12.4f %12.1f %14.1f%n", "784-" + h + "-10", p.tiles().size(),
                    p.network().steps(), samples, r.setupSeconds(), r.wallSeconds(), samples / r.wallSeconds(), cpuPerInf, idleRate, perNeuronStep);
        }
        if (rate100 > 0) {
            System.out.printf(Locale.ROOT, "extrapolated full MNIST test set (10,000) for 784-100-10: %.1f s on %d idle cores%n", 10_000 / rate100, th);
        }
        System.out.println("peak RSS: " + BenchCommand.peakRssMiB() + " MiB");
        return 0;
    }

    private static String loadAverage() {
        double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", l);
    }

    private static Dataset cycle(Dataset b, int n) {
        float[] f = new float[n * b.dim()];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int k = i % b.size();
            System.arraycopy(b.features(), k * b.dim(), f, i * b.dim(), b.dim());
            y[i] = b.labels()[k];
        }
        return new Dataset(b.name() + "x" + n, f, y, b.dim(), b.classes(), b.sha256());
    }
}
