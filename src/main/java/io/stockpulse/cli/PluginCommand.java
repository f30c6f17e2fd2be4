package io.stockpulse.cli;

import java.util.concurrent.Callable;

/**
 * A subcommand found on the class path when the command line is built, rather than named by it: the
 * benchmarks ({@code src/bench/}) are in the portable jar but not in the container's, and the
 * production code never names them. Implementations carry picocli's {@code @Command} and are listed in
 * {@code META-INF/services/io.stockpulse.cli.PluginCommand}.
 */
public interface PluginCommand extends Callable<Integer> {
}
