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
                EventsCommand.class,
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
                cmd.getErr().println("memtile: error: " + oneLine(me.getMessage()));
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof IllegalArgumentException) {
                cmd.getErr().println("memtile: error: " + oneLine(ex.getMessage()));
                return EXIT_BAD_INPUT;
            }
            throw ex;
        });
        cl.setParameterExceptionHandler(Main::usageError);
        return cl;
    }

    /**
     * A usage error is one line and a hint, not the whole usage text: the user mistyped one thing,
     * and the full option list scrolls the message off the screen.
     */
    static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        java.io.PrintWriter err = cmd.getErr();
        String msg = ex.getMessage() == null ? "invalid arguments" : ex.getMessage().replace('\n', ' ').trim();
        String hint = "";
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            hint = " (did you mean " + String.join(" or ", u.getSuggestions().subList(0, Math.min(3, u.getSuggestions().size()))) + "?)";
        }
        err.println("memtile: error: " + msg + hint);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return EXIT_BAD_INPUT;
    }

    /**
     * Error messages quote user input (file contents, .npy headers), which may hold newlines or
     * control characters: the error must stay one line, and not be a terminal escape sequence.
     */
    static String oneLine(String msg) {
        if (msg == null) return "";
        StringBuilder sb = new StringBuilder(msg.length());
        for (int i = 0; i < msg.length(); i++) {
            char c = msg.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        String s = sb.toString().replaceAll(" {2,}", " ").trim();
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }

    /** Runs a command line and returns its exit code (used by tests, no System.exit). */
    public static int execute(String... args) {
        try {
            return commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            // the memory estimates refuse known large sizes up front; this is the safety net for the rest
            System.err.println("memtile: error: out of memory (Java heap -Xmx " + io.memtile.core.memory.MemoryBudget.human(Runtime.getRuntime().maxMemory())
                    + "); use smaller sizes or raise -Xmx (MEMTILE_JAVA_OPTS=-Xmx...)");
            return EXIT_BAD_INPUT;
        }
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args));
    }
}
