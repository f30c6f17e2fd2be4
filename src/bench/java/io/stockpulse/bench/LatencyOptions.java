package io.stockpulse.bench;

import picocli.CommandLine.Option;

import java.time.Duration;

/** The alert-latency benchmark's options of {@code stockpulse bench}. */
final class LatencyOptions {

    @Option(names = "--latency-commit-intervals", split = ",", defaultValue = "200,1000",
            description = "commit.interval.ms values the alert latency is measured at; 200 is the app's default (default: ${DEFAULT-VALUE}).")
    long[] commitIntervals;

    @Option(names = "--latency-rate", defaultValue = "500", description = "Events/s of steady load during the latency runs, probes included (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--latency-probes", defaultValue = "20", description = "Threshold-crossing probe sales per second (default: ${DEFAULT-VALUE}).")
    int probes;

    @Option(names = "--latency-seconds", defaultValue = "60", description = "Measured seconds per commit interval, after a 10 s warm-up (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--latency-skus", defaultValue = "10000", description = "Background SKUs of the latency load (default: ${DEFAULT-VALUE}).")
    int skus;

    private Duration warmUp = Duration.ofSeconds(10);

    /** Tiny sizes for {@code --smoke}. */
    void smoke() {
        commitIntervals = new long[] {100};
        rate = 100;
        probes = 10;
        seconds = 2;
        skus = 100;
        warmUp = Duration.ofSeconds(1);
    }

    AlertLatencyBench.Settings settings(long commitInterval) {
        return new AlertLatencyBench.Settings(commitInterval, rate, probes, skus, warmUp, Duration.ofSeconds(seconds));
    }
}
