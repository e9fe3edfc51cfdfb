package io.sluice.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs {@code sluice} in-process with a given stdin, capturing stdout and stderr. */
final class Cli {
    private Cli() {
    }

    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    static Result run(String... args) {
        return runWithStdin("", args);
    }

    static Result runWithStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SluiceCommand.commandLine(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
        return new Result(exit, out.toString().replace(System.lineSeparator(), "\n"),
            err.toString().replace(System.lineSeparator(), "\n"));
    }

    /** A port nothing listens on (bound, then released), for "broker unreachable" cases. */
    static int closedPort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
