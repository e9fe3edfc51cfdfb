package io.sluice.cli;

import java.io.InputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code bin/sluice}: dispatches to the subcommands.
 *
 * <p>Commands write to picocli's {@code getOut()}/{@code getErr()} and read {@link #stdin()}, never the
 * {@code System} streams, so tests run them in-process with their own streams ({@link #commandLine(InputStream)}).
 * A {@link CliException} is printed as one line prefixed with {@code sluice: } and becomes the exit code;
 * any other exception prints its stack trace and exits 1.
 */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "Sluice 0.1.0-SNAPSHOT",
    description = "Sluice: a Kafka-compatible log, Streams DSL and Connect runtime for the JVM.",
    subcommands = {BrokerCommand.class, TopicsCommand.class, ProduceCommand.class, ConsumeCommand.class,
        ConnectCommand.class, DemoCommand.class,
        CommandLine.HelpCommand.class})
public final class SluiceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final InputStream stdin;

    public SluiceCommand() {
        this(System.in);
    }

    public SluiceCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    /** What {@code produce} reads. */
    InputStream stdin() {
        return stdin;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line, reading {@code stdin}; set its out/err before executing. */
    public static CommandLine commandLine(InputStream stdin) {
        CommandLine commandLine = new CommandLine(new SluiceCommand(stdin));
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof CliException cli) {
                cmd.getErr().println("sluice: " + cli.getMessage());
                cmd.getErr().flush();
                return cli.exitCode();
            }
            throw e;
        });
        return commandLine;
    }

    /** Runs the command line and returns the exit code (tests call this; {@link #main} exits with it). */
    public static int run(String... args) {
        return commandLine(System.in).execute(args);
    }

    public static void main(String[] args) {
        Exit.exit(run(args));
    }
}
