package io.stockpulse.cli;

import io.stockpulse.app.BrokerCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ServiceLoader;
import java.util.Set;

/** The {@code stockpulse} command line. */
@Command(name = "stockpulse", mixinStandardHelpOptions = true, versionProvider = StockPulseVersion.class,
        description = "Real-time inventory monitor on Kafka Streams.",
        subcommands = {RunCommand.class, BrokerCommand.class, ReplayCommand.class,
                EvaluateCommand.class, DemoCommand.class, SimulateCommand.class, SoakCommand.class})
public final class StockPulseCli {

    /** Commands that return only after their own shutdown hook ran; the others exit with their code. */
    private static final Set<String> LONG_RUNNING = Set.of("run", "broker");
    /** Exit code of a command that failed at run time (picocli's own for a failure, 2 for bad usage). */
    static final int FAILED = 1;

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        int exit = commandLine().execute(args);
        if (exit != 0 || args.length == 0 || !LONG_RUNNING.contains(args[0])) {
            System.exit(exit);
        }
    }

    /** The command line with its failure handler: one line per failure, the stack trace with --verbose. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new StockPulseCli()).setExecutionExceptionHandler(StockPulseCli::failed);
        for (PluginCommand plugin : ServiceLoader.load(PluginCommand.class)) {
            line.addSubcommand(plugin);
        }
        return line;
    }

    private static int failed(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        err.println(command.getCommandName() + ": " + oneLine(failure));
        if (verbose(parsed)) {
            failure.printStackTrace(err);
        } else {
            err.println("(" + VerboseOption.NAME + " prints the stack trace)");
        }
        err.flush();
        return FAILED;
    }

    /** The failure's message, and its root cause's when that says something more. */
    static String oneLine(Throwable failure) {
        String message = describe(failure);
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = describe(root);
        return root == failure || message.contains(cause) ? message : message + " (cause: " + cause + ")";
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        if (t instanceof BrokerCheck.Unreachable || t instanceof IOException && message != null) {
            return message.strip();
        }
        return message == null || message.isBlank() ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + message.strip();
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(VerboseOption.NAME)) {
                return true;
            }
        }
        return false;
    }
}
