package io.stockpulse.bench;

import java.util.Arrays;

/** Median and spread of repeated measurements; the machines are noisy, so medians are what we report. */
record BenchStats(double median, double min, double max, int runs) {

    static BenchStats of(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new BenchStats(median, sorted[0], sorted[n - 1], n);
    }
}
