package io.memtile.compiler;

import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.trainer.model.ModelArtifact;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code memtile bench compile}: wall time of the full pass pipeline (lower to program, stochastic
 * write-verify and faults included; emission excluded — it is disk-bound) on random-weight models.
 */
public final class CompileBench {
    /** One benchmark figure. */
    public record Figure(String network, long devices, int tiles, double seconds, double devicesPerSecond, double meanPulses) {}

    private CompileBench() {}

    public static Figure run(Target t, int[] layers, long seed, int threads, PrintStream log) {
        return run(t, layers, seed, threads, log, true);
    }

    /** @param irCompensation run the IR-drop pass (exact solves: one per column pair and iteration) */
    public static Figure run(Target t, int[] layers, long seed, int threads, PrintStream log, boolean irCompensation) {
        ModelArtifact m = RandomModels.create(t, layers, 1.0, seed);
        CompileOptions o = CompileOptions.defaults(seed).withPulseLog(false).withThreads(threads).withIrCompensation(irCompensation);
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c0 = os instanceof com.sun.management.OperatingSystemMXBean x ? x.getProcessCpuTime() : -1;
        long t0 = System.nanoTime();
        CompileResult r = Compiler.compile(m, t, o);
        double s = (System.nanoTime() - t0) / 1e9;
        // CPU time shows the cost independent of other load on a shared machine
        double cpu = c0 < 0 ? Double.NaN : (((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() - c0) / 1e9;
        String net = Arrays.stream(layers).mapToObj(Integer::toString).collect(Collectors.joining("-"));
        Figure f = new Figure(net, r.program().stats().cellsUsed(), r.program().stats().tilesUsed(), s,
                r.program().stats().cellsUsed() / s, r.program().stats().meanPulsesPerDevice());
        log.println(String.format(Locale.ROOT, "compile %-20s %,12d devices %6d tiles  %8.2f s wall, %8.2f s CPU  (%.3g devices/s, %.2f pulses/device; range %s, IR-drop pass %s; passes %s)",
                net, f.devices(), f.tiles(), s, cpu, f.devicesPerSecond(), f.meanPulses(), o.range(), irCompensation ? "on" : "off", r.report().passSeconds()));
        return f;
    }

    public static void main(String[] args) {
        Target t = Targets.paper();
        run(t, new int[] {784, 100, 10}, 1, Runtime.getRuntime().availableProcessors(), System.out);
    }
}
