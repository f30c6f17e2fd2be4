package io.stockpulse.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}: a failure prints its stack trace, not only its one-line message (see {@link StockPulseCli}). */
public final class VerboseOption {

    public static final String NAME = "--verbose";

    @Option(names = NAME, description = "On failure, print the stack trace too.")
    boolean verbose;
}
