package io.stockpulse.cli;

import picocli.CommandLine.Option;

/** {@code --forecaster}: the forecast model a command runs with, named as in {@code forecast.model}. */
public final class ForecasterOption {

    @Option(names = "--forecaster", paramLabel = "NAME", defaultValue = "lstm",
            description = "lstm, auto, moving-average, moving-average-eq, tsb or seasonal-naive (default: ${DEFAULT-VALUE}).")
    String name;

    public String name() {
        return name;
    }
}
