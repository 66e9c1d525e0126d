package io.memtile.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code memtile events <tool>}: event-stream data tools. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Event-stream data: convert image sets into N-MNIST-style recordings.",
        subcommands = {CommandLine.HelpCommand.class, EventsConvertCommand.class})
public final class EventsCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
