package io.memtile.cli;

import io.memtile.compiler.CompileBench;
import io.memtile.core.target.Targets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code memtile bench compile}: compile time and peak memory for 784-100-10 and 4096-4096-4096-10. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile-time benchmark on random-weight networks (all passes incl. stochastic programming; emission excluded).")
public final class BenchCompileCommand implements Callable<Integer> {
    @Option(names = "--target", defaultValue = "paper-65nm", description = "target (default: ${DEFAULT-VALUE})")
    String target;

    @Option(names = "--large", defaultValue = "4096,4096,4096,10", split = ",", description = "large network widths (default: ${DEFAULT-VALUE})")
    int[] large;

    @Option(names = "--threads", defaultValue = "0", description = "worker threads (0 = all cores)")
    int threads;

    @Option(names = "--no-ir-compensation", description = "skip the IR-drop-aware targets pass (irdrop) on both networks")
    boolean noIrCompensation;

    @Override
    public Integer call() {
        int th = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        var t = Targets.load(target);
        System.out.println("machine: " + BenchCommand.machine() + ", threads " + th);
        CompileBench.run(t, new int[] {784, 100, 10}, 1, th, System.out, !noIrCompensation);
        System.out.println("peak RSS after 784-100-10: " + BenchCommand.peakRssMiB() + " MiB");
        // every compensation on the large network too (4,128 tiles x 64 pairs, three batched solves per tile)
        CompileBench.run(t, large, 1, th, System.out, !noIrCompensation);
        System.out.println("peak RSS (both networks): " + BenchCommand.peakRssMiB() + " MiB");
        return 0;
    }
}
