package io.stockpulse.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code stockpulse} command line. */
@Command(name = "stockpulse", mixinStandardHelpOptions = true, version = "StockPulse 0.1.0",
        description = "Real-time inventory monitor on Kafka Streams.",
        subcommands = {RunCommand.class, BrokerCommand.class, io.stockpulse.replay.ReplayCommand.class,
                EvaluateCommand.class, DemoCommand.class, io.stockpulse.simulate.SimulateCommand.class, SoakCommand.class,
                io.stockpulse.bench.BenchCommand.class})
public final class StockPulseCli {

    /** Commands that return only after their own shutdown hook ran; the others exit with their code. */
    private static final java.util.Set<String> LONG_RUNNING = java.util.Set.of("run", "broker");

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        int exit = new CommandLine(new StockPulseCli()).execute(args);
        if (exit != 0 || args.length == 0 || !LONG_RUNNING.contains(args[0])) {
            System.exit(exit);
        }
    }
}
