package io.memtile.cli;

import io.memtile.core.MemtileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one {@code memtile} command. Every subcommand lives in its own class; errors that carry a
 * file and field ({@link MemtileException}) become one line on stderr and exit code 2, so scripts
 * and CI can tell bad input (2) from a crash (1).
 */
@Command(name = "memtile", mixinStandardHelpOptions = true, version = "memtile 0.1.0",
        description = "Train, compile, simulate and cost fully memristive spiking neural networks on 1T1R RRAM tiles.",
        subcommands = {
                CommandLine.HelpCommand.class,
                DemoCommand.class,
                // subcommands (one line each; keep sorted by pipeline order)
                NeuronCommand.class,
                TrainCommand.class, EvalCommand.class, FinetuneCommand.class,
                ImportCommand.class,
                CompileCommand.class, VerifyCommand.class,
                SimulateCommand.class,
                BenchCommand.class,
                ReportCommand.class,
                SweepCommand.class,
        })
public final class Main implements Runnable {
    public static final int EXIT_BAD_INPUT = 2;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            Throwable t = ex;
            while (!(t instanceof MemtileException) && t.getCause() != null) t = t.getCause();
            if (t instanceof MemtileException me) {
                cmd.getErr().println("memtile: error: " + me.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof IllegalArgumentException) {
                cmd.getErr().println("memtile: error: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            throw ex;
        });
        return cl;
    }

    /** Runs a command line and returns its exit code (used by tests, no System.exit). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args));
    }
}
