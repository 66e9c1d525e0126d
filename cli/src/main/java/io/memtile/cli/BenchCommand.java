package io.memtile.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code memtile bench <stage>}: speed and memory figures live here, not in timed unit tests.
 * Each stage's benchmark prints the machine it ran on (cores, JVM, max heap) with its figures.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks: training, compilation and simulation speed and memory.",
        subcommands = {
                CommandLine.HelpCommand.class,
                // bench subcommands (one line each)
                BenchCompileCommand.class,
                BenchSimCommand.class,
                BenchTrainCommand.class,
        })
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** One line describing this machine, printed with every benchmark figure. */
    public static String machine() {
        Runtime rt = Runtime.getRuntime();
        String cpu = "unknown CPU";
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) { cpu = line.substring(line.indexOf(':') + 1).trim(); break; }
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // not Linux: the CPU name is informative only
        }
        return String.format(java.util.Locale.ROOT, "%s, %d cores, Java %s, max heap %d MiB",
                cpu, rt.availableProcessors(), System.getProperty("java.version"), rt.maxMemory() >> 20);
    }

    /** Peak resident set size of this process (VmHWM) in MiB, or -1 where /proc is unavailable. */
    public static long peakRssMiB() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // non-Linux
        }
        return -1;
    }
}
