package io.memtile.cli;

import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.trainer.engine.Network;
import io.memtile.trainer.engine.Precision;
import io.memtile.trainer.model.NetworkConfig;
import io.memtile.trainer.model.NetworkConfigs;
import io.memtile.trainer.train.MachineLimit;
import io.memtile.trainer.train.TrainBench;
import io.memtile.trainer.train.TrainDefaults;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code memtile bench train}: BPTT training throughput of the default network, and the extrapolated MNIST time. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Training samples/s (784-100-10 x target steps, exact BPTT + Adam), eval samples/s, peak memory, extrapolated 50-epoch MNIST time.")
public final class BenchTrainCommand implements Callable<Integer> {
    @Option(names = "--target", defaultValue = Targets.DEFAULT, description = "Target (default: ${DEFAULT-VALUE}).")
    String target;
    @Option(names = "--samples", defaultValue = "512", description = "Timed training samples (default: ${DEFAULT-VALUE}).")
    int samples;
    @Option(names = "--batch", defaultValue = "" + TrainDefaults.BATCH, description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--threads", description = "Worker threads (default: available processors).")
    Integer threads;
    @Option(names = "--hidden", defaultValue = "100", description = "Hidden width (default: ${DEFAULT-VALUE}).")
    int hidden;
    @Option(names = "--integrator", description = "exponential | semi-implicit | explicit (default: the network default).")
    String integrator;
    @Option(names = "--precision", description = "Precision of the main figures: float32 | float64 (default: train's default); "
            + "the other precision is measured too, train only.")
    String precision;
    @Option(names = "--epochs", defaultValue = "50", description = "Epochs to extrapolate (default: ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--dataset", description = "Train on this data's training split instead of synthetic images, e.g. embedded:nmnist "
            + "(binned event input); the input and output widths follow the data.")
    String dataset;

    @Override
    public Integer call() {
        Target t = Targets.load(target);
        io.memtile.datasets.Dataset data = dataset == null ? null : io.memtile.datasets.Datasets.load(dataset, io.memtile.datasets.Split.TRAIN);
        int in = data == null ? 784 : data.dim(), out = data == null ? 10 : data.classes();
        NetworkConfig d = NetworkConfigs.defaults(t, new int[] {in, hidden, out});
        NetworkConfig c = integrator == null ? d : new NetworkConfig(d.layers(), integrator.toUpperCase(Locale.ROOT).replace('-', '_'),
                d.alphaForm(), d.inputAmplitude(), d.layerScales(), d.lossVoltageUnit(), d.readout(), d.steps(), d.dt(), d.injectionPeriod(),
                d.driveRange());
        int th = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Precision chosen;
        try {
            chosen = precision == null ? TrainDefaults.PRECISION : Precision.parse(precision);
        } catch (IllegalArgumentException e) {
            throw new io.memtile.core.MemtileException("--precision", null, e.getMessage());
        }
        Network probe = new Network(c, t);
        if (probe.unsupported(chosen) != null) {
            System.out.println("note: " + chosen.label() + " cannot run this network (" + probe.unsupported(chosen) + "); measuring float64");
            chosen = Precision.FLOAT64;
        }
        Precision other = chosen == Precision.FLOAT64 ? Precision.FLOAT32 : Precision.FLOAT64;
        TrainBench.Result r = TrainBench.run(c, t, samples, batch, th, 60_000, 10_000, chosen, data);
        System.out.println("machine: " + BenchCommand.machine());
        System.out.printf(Locale.ROOT, "network: %d-%d-%d, %d steps, %s integrator, batch %d, %d threads, %d timed samples%n",
                in, hidden, out, c.steps(), c.integrator(), batch, r.threads(), samples);
        if (data != null) {
            System.out.printf(Locale.ROOT, "input: %s%s%n", data.name(), data.isEvents() ? String.format(Locale.ROOT,
                    " (event frames: %d bins, %.0f non-zero entries per sample = %.1f%% of %d x %d drives)", data.frames().bins(),
                    (double) data.frames().channel().length / data.size(),
                    100.0 * data.frames().channel().length / ((double) data.size() * data.frames().bins() * data.dim()),
                    data.frames().bins(), data.dim()) : "");
        }
        System.out.printf(Locale.ROOT, "train (BPTT + Adam): %.1f samples/s%n", r.trainSamplesPerSecond());
        System.out.printf(Locale.ROOT, "eval (forward only): %.1f samples/s%n", r.evalSamplesPerSecond());
        System.out.printf(Locale.ROOT, "MNIST epoch (60,000 train + 10,000 test): %.1f min; %d epochs: %.2f h (goal: 50 epochs < 2 h = %.0f samples/s)%n",
                r.epochSeconds() / 60, epochs, epochs * r.epochSeconds() / 3600, 50 * 60_000 / 7200.0);
        double idle = r.threads() * r.trainSamplesPerCpuSecond();
        double idleEpoch = 60_000 / idle + 10_000 / (r.threads() * r.evalSamplesPerCpuSecond());
        System.out.printf(Locale.ROOT, "per CPU-second: train %.1f samples, eval %.1f samples -> on %d idle cores: %.0f train samples/s, "
                        + "MNIST epoch %.1f min, %d epochs %.2f h (wall figures above include time lost to other processes; load average %.1f)%n",
                r.trainSamplesPerCpuSecond(), r.evalSamplesPerCpuSecond(), r.threads(), idle, idleEpoch / 60, epochs,
                epochs * idleEpoch / 3600, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        long neurons = 0;
        for (int l = 1; l < c.layers().length; l++) neurons += c.layers()[l];
        System.out.printf(Locale.ROOT, "precision: %s; kernel: %s; %d samples per lane group%n", chosen.label(), r.kernel(), r.groupLanes());
        System.out.printf(Locale.ROOT, "throughput per CPU-second: %.1f training samples, %.1f M neuron-steps (forward + backward)%n",
                r.trainSamplesPerCpuSecond(), r.trainSamplesPerCpuSecond() * neurons * c.steps() / 1e6);
        MachineLimit lim = r.limit();
        if (lim != null) {
            System.out.printf(Locale.ROOT, "machine limit (estimate): %.0f training samples per CPU-second (%s); this run: %.0f %% of it%n",
                    lim.samplesPerCpuSecond(), lim.describe(), 100 * r.trainSamplesPerCpuSecond() / lim.samplesPerCpuSecond());
        }
        if (probe.unsupported(other) == null) {
            TrainBench.Result o = TrainBench.run(c, t, samples, batch, th, 60_000, 10_000, other, data);
            MachineLimit ol = o.limit();
            System.out.printf(Locale.ROOT, "%s (for comparison): %.1f training samples, %.1f M neuron-steps per CPU-second; kernel: %s; %d samples per lane group%s%n",
                    other.label(), o.trainSamplesPerCpuSecond(), o.trainSamplesPerCpuSecond() * neurons * c.steps() / 1e6, o.kernel(), o.groupLanes(),
                    ol == null ? "" : String.format(Locale.ROOT, "; machine limit %.0f, this run %.0f %% of it", ol.samplesPerCpuSecond(),
                            100 * o.trainSamplesPerCpuSecond() / ol.samplesPerCpuSecond()));
            System.out.printf(Locale.ROOT, "%s / %s training throughput per CPU-second: %.2fx%n", chosen.label(), other.label(),
                    r.trainSamplesPerCpuSecond() / o.trainSamplesPerCpuSecond());
        }
        System.out.printf(Locale.ROOT, "peak RSS: %d MiB; peak heap: %d MiB (max heap %d MiB)%n", BenchCommand.peakRssMiB(), peakHeapMiB(),
                Runtime.getRuntime().maxMemory() >> 20);
        return 0;
    }

    /** Sum of the heap memory pools' peak usage since JVM start. */
    static long peakHeapMiB() {
        long b = 0;
        for (java.lang.management.MemoryPoolMXBean m : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (m.getType() == java.lang.management.MemoryType.HEAP && m.getPeakUsage() != null) b += m.getPeakUsage().getUsed();
        }
        return b >> 20;
    }
}
