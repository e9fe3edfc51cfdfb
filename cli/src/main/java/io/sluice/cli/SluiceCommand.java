package io.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bin/sluice}: dispatches to the subcommands. */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "Sluice 0.1.0-SNAPSHOT",
    description = "Sluice: a Kafka-compatible log, Streams DSL and Connect runtime for the JVM.",
    subcommands = {DemoCommand.class, CommandLine.HelpCommand.class})
public final class SluiceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and returns the exit code (tests call this; {@link #main} exits with it). */
    public static int run(String... args) {
        return new CommandLine(new SluiceCommand()).execute(args);
    }

    public static void main(String[] args) {
        Exit.exit(run(args));
    }
}
