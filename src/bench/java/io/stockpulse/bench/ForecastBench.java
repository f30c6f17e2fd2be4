package io.stockpulse.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.stockpulse.forecast.BundledModel;
import io.stockpulse.forecast.DemandHistory;
import io.stockpulse.forecast.Forecast;
import io.stockpulse.forecast.Forecaster;
import io.stockpulse.forecast.Forecasters;
import io.stockpulse.forecast.LstmFeatures;
import io.stockpulse.forecast.LstmForecasterProvider;
import io.stockpulse.forecast.ModelMetadata;
import io.stockpulse.signals.PipelineCounters;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Day-close forecasting: the DJL path the application runs ({@link Forecaster#forecast}, features +
 * inference + decoding, in batches of {@code forecast.batch.size}) beside raw ONNX Runtime
 * ({@code ai.onnxruntime}, the library under DJL's engine) fed exactly the same tensors
 * (LstmFeatures.fill, shape [batch, window, features], one intra- and one inter-op thread as
 * OnnxLstmModel configures), in the same JVM, alternating so both see the same machine load.
 */
final class ForecastBench {

    /**
     * Wall seconds and this thread's CPU seconds (ORT with one intra-op thread runs on the caller, so
     * CPU time is the work itself, less disturbed by other processes on a shared machine).
     */
    record Result(int skus, int batchSize, BenchStats djlSeconds, BenchStats rawSeconds, BenchStats djlCpuSeconds,
                  BenchStats rawCpuSeconds, BenchStats djlTwoThreadSeconds) {
        /** DJL throughput relative to raw ORT: raw time / DJL time. */
        double ratio() {
            return rawSeconds.median() / djlSeconds.median();
        }
    }

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private final int batchSize;
    private final int runs;
    private final Path workDir;

    ForecastBench(int batchSize, int runs, Path workDir) {
        this.batchSize = batchSize;
        this.runs = runs;
        this.workDir = workDir;
    }

    /** Synthetic intermittent demand, 2 years per series, seeded: every SKU goes to the LSTM (not the fallback). */
    static List<DemandHistory> histories(int count, int days, int lastDay, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<DemandHistory> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int[] daily = new int[days];
            double rate = 0.05 + random.nextDouble() * 0.6;
            int size = 1 + random.nextInt(24);
            for (int d = 0; d < days; d++) {
                daily[d] = random.nextDouble() < rate ? 1 + random.nextInt(size) : 0;
            }
            daily[0] = Math.max(daily[0], 1);
            out.add(new DemandHistory("SKU" + i + "|L1", lastDay, daily));
        }
        return out;
    }

    List<Result> run(int[] sizes) throws OrtException, IOException {
        PipelineCounters counters = new PipelineCounters();
        List<Result> results = new ArrayList<>();
        Path modelDir = BundledModel.extract(workDir);
        ModelMetadata meta = ModelMetadata.read(modelDir.resolve("metadata.json"));
        try (LstmForecasterProvider provider = Forecasters.lstm(modelDir, workDir, 28, 14, batchSize, counters)) {
            if (provider.currentVersion().isEmpty()) {
                throw new IllegalStateException("the bundled LSTM did not load; see the log");
            }
            Forecaster djl = provider.forCurrentThread();
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                try (OrtSession session = env.createSession(modelDir.resolve("model.onnx").toString(), options)) {
                    RawOrt raw = new RawOrt(env, session, meta, batchSize);
                    for (int size : sizes) {
                        List<DemandHistory> batch = histories(size, 730, 20_000, 42);
                        // warm-up: one pass each
                        djl.forecast(batch.subList(0, Math.min(size, batchSize * 4)), 28);
                        raw.forecast(batch.subList(0, Math.min(size, batchSize * 4)));
                        double[] djlTimes = new double[runs];
                        double[] rawTimes = new double[runs];
                        double[] djlCpu = new double[runs];
                        double[] rawCpu = new double[runs];
                        for (int r = 0; r < runs; r++) {
                            long c0 = CPU.getCurrentThreadCpuTime();
                            long t0 = System.nanoTime();
                            List<Forecast> forecasts = djl.forecast(batch, 28);
                            long t1 = System.nanoTime();
                            long c1 = CPU.getCurrentThreadCpuTime();
                            long checksum = raw.forecast(batch);
                            long t2 = System.nanoTime();
                            long c2 = CPU.getCurrentThreadCpuTime();
                            djlCpu[r] = (c1 - c0) / 1e9;
                            rawCpu[r] = (c2 - c1) / 1e9;
                            if (forecasts.size() != size || checksum == Long.MIN_VALUE) {
                                throw new IllegalStateException("forecast count " + forecasts.size() + " != " + size);
                            }
                            djlTimes[r] = (t1 - t0) / 1e9;
                            rawTimes[r] = (t2 - t1) / 1e9;
                        }
                        results.add(new Result(size, batchSize, BenchStats.of(djlTimes), BenchStats.of(rawTimes),
                                BenchStats.of(djlCpu), BenchStats.of(rawCpu), twoThreads(provider, batch)));
                    }
                }
            }
        }
        return results;
    }

    /**
     * The DJL path on two threads, each with its own predictor and half of the series: how the app
     * forecasts with {@code num.stream.threads=2} (each stream thread closes the days of its own tasks).
     * Wall seconds per run, both halves done.
     */
    private BenchStats twoThreads(LstmForecasterProvider provider, List<DemandHistory> batch) {
        int half = batch.size() / 2;
        List<List<DemandHistory>> halves = List.of(batch.subList(0, half), batch.subList(half, batch.size()));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            runBoth(pool, provider, halves.stream().map(h -> h.subList(0, Math.min(h.size(), batchSize * 2))).toList());
            double[] times = new double[runs];
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                runBoth(pool, provider, halves);
                times[r] = (System.nanoTime() - t0) / 1e9;
            }
            return BenchStats.of(times);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void runBoth(ExecutorService pool, LstmForecasterProvider provider, List<List<DemandHistory>> halves) {
        List<Future<Integer>> done = halves.stream()
                .map(h -> pool.submit(() -> provider.forCurrentThread().forecast(h, 28).size())).toList();
        for (int i = 0; i < done.size(); i++) {
            try {
                if (done.get(i).get() != halves.get(i).size()) {
                    throw new IllegalStateException("a thread forecast fewer series than it was given");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("forecasting thread failed", e.getCause());
            }
        }
    }

    /** The same features and tensor shape as OnnxLstmModel's translator, straight into an OrtSession. */
    private static final class RawOrt {
        private final OrtEnvironment env;
        private final OrtSession session;
        private final ModelMetadata meta;
        private final int batchSize;

        RawOrt(OrtEnvironment env, OrtSession session, ModelMetadata meta, int batchSize) {
            this.env = env;
            this.session = session;
            this.meta = meta;
            this.batchSize = batchSize;
        }

        /** Runs every batch; returns a checksum so the JIT cannot drop the work. */
        long forecast(List<DemandHistory> all) throws OrtException {
            int stride = meta.window() * meta.features();
            long checksum = 0;
            for (int from = 0; from < all.size(); from += batchSize) {
                List<DemandHistory> chunk = all.subList(from, Math.min(all.size(), from + batchSize));
                float[] input = new float[chunk.size() * stride];
                for (int i = 0; i < chunk.size(); i++) {
                    LstmFeatures.fill(input, i * stride, chunk.get(i), meta.window());
                }
                long[] shape = {chunk.size(), meta.window(), meta.features()};
                try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
                     OrtSession.Result result = session.run(Map.of(meta.inputName(), tensor))) {
                    float[] out = ((OnnxTensor) result.get(0)).getFloatBuffer().array();
                    checksum += out.length;
                }
            }
            return checksum;
        }
    }
}
