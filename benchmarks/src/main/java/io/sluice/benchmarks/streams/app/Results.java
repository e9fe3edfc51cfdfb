package io.sluice.benchmarks.streams.app;

import java.util.Locale;

/**
 * The drivers' output protocol: one line {@code RESULT <system> <metric> <value>} per figure on stdout, which
 * {@code run-streams-app.sh} collects into {@code results.tsv}. Everything else a driver prints is log.
 */
final class Results {
    private final String system;

    Results(String system) {
        this.system = system;
    }

    void put(String metric, double value) {
        System.out.printf(Locale.ROOT, "RESULT %s %s %.2f%n", system, metric, value);
        System.out.flush();
    }

    void put(String metric, String value) {
        System.out.printf(Locale.ROOT, "RESULT %s %s %s%n", system, metric, value.replaceAll("\\s+", "_"));
        System.out.flush();
    }
}
