package io.memtile.cli;

import io.memtile.compiler.check.ProgramCheck;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memtile verify prog/}: legality checker of a compiled program. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a compiled program: placement legality, weight coverage, levels, programmed states, neuron routing.")
public final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROG", description = "program directory (or program.json)")
    Path prog;

    @Option(names = "--model", paramLabel = "MODEL", description = "also check that every pair reconstructs this model's quantised weights")
    Path model;

    @Override
    public Integer call() {
        model = io.memtile.trainer.model.ShippedModels.resolve(model);
        System.out.println(ProgramCheck.run(prog, model));
        return 0;
    }
}
