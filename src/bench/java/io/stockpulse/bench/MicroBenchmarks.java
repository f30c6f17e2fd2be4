package io.stockpulse.bench;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JMH microbenchmarks of {@code io.stockpulse.bench.jmh} (policy evaluation, state and event
 * serdes), run through JMH's own runner: throughput in ops/s with its 99.9 % confidence error.
 * For JMH's full options run {@code java -cp stockpulse.jar org.openjdk.jmh.Main}.
 */
final class MicroBenchmarks {

    record Score(String benchmark, double opsPerSecond, double error) {
    }

    private MicroBenchmarks() {
    }

    /**
     * {@code smoke}: in this JVM, one 100 ms iteration each, only to prove they run. Otherwise one fork,
     * {@code warmUps} × 1 s warm-up and {@code iterations} × 1 s measured.
     */
    static List<Score> run(boolean smoke, int warmUps, int iterations) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("io\\.stockpulse\\.bench\\.jmh\\..*")
                .mode(Mode.Throughput)
                .timeUnit(TimeUnit.SECONDS)
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true);
        if (smoke) {
            // JMH's machine-wide lock keeps two measurements apart; a smoke run measures nothing, and
            // parallel builds on a shared machine must not fail on each other's lock
            System.setProperty("jmh.ignoreLock", "true");
            options.forks(0).warmupIterations(0).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(100));
        } else {
            options.forks(1).warmupIterations(warmUps).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(iterations).measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        List<Score> scores = new ArrayList<>();
        for (RunResult run : results) {
            Result<?> primary = run.getPrimaryResult();
            String name = run.getParams().getBenchmark().replace("io.stockpulse.bench.jmh.", "");
            scores.add(new Score(name, primary.getScore(), primary.getScoreError()));
        }
        return scores;
    }
}
