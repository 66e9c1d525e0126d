package io.memtile.cli;

import io.memtile.compiler.emit.ProgramIO;
import io.memtile.core.output.OutputGuard;
import io.memtile.core.output.OutputGuard.Kind;
import io.memtile.physics.mif.NeuronOutputs;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What each command writes at {@code --out}, for {@link OutputGuard}: the one place that says how a
 * previous output of each kind is recognised.
 */
final class OutputKinds {
    static final Kind PROGRAM = Kind.directory(ProgramIO.KIND);
    static final Kind NEURON = Kind.directory(NeuronOutputs.KIND);
    static final Kind DEMO = Kind.directory(DemoCommand.KIND);
    static final Kind MODEL = Kind.json("model", "network", "weights", "training");
    static final Kind CHECKPOINT = Kind.json("training checkpoint", "weights", "adamM", "adamV");
    static final Kind SIM = Kind.json("simulation", "provenance", "topology", "accuracy", "energy");
    static final Kind SIM_CHECKPOINT = Kind.json("simulation checkpoint", "fingerprint", "main", "finished");
    /** Report text in md/html/tex (title) or csv (header). */
    static final Kind REPORT = Kind.text("report", "MEMprop PPA", "mode,target,network,aspect,unit,memtile");
    static final Kind PLOT = Kind.png("plot");
    static final Kind EVAL_DUMP = Kind.text("eval dump", io.memtile.trainer.eval.EvalDump.HEADER_START);

    private OutputKinds() {}

    /** A --target given as a file is an input too (a bundled name is not a path). */
    static Path targetInput(String target) {
        if (target == null) return null;
        Path p = Path.of(target);
        return Files.exists(p) ? p : null;
    }

    /** A dataset given as idx:DIR, nmnist:DIR or dvs-gesture:DIR reads DIR. */
    static Path datasetInput(String dataset) {
        if (dataset == null) return null;
        for (String prefix : new String[] {"idx:", "nmnist:", "dvs-gesture:"}) {
            if (dataset.startsWith(prefix)) return Path.of(dataset.substring(prefix.length()));
        }
        return null;
    }
}
