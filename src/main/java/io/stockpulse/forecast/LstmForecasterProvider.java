package io.stockpulse.forecast;

import io.stockpulse.metrics.PipelineCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The LSTM with everything around it: hot reload from a model directory, one predictor per stream
 * thread, and the baseline wherever the model cannot answer (too little history, no valid model, an
 * inference error). Every fallback is logged and counted; alerting never stops for a model problem.
 *
 * <p>Model directory: each subdirectory (or the directory itself) holding {@code model.onnx} and
 * {@code metadata.json} is a candidate; the one whose metadata.json was written last is used. To roll
 * out a version, copy model.onnx first, then metadata.json. A candidate that fails validation is
 * rejected and the running version stays.
 */
public final class LstmForecasterProvider implements ForecasterProvider, AutoCloseable {

    /** Counter of model load attempts, labelled {@link #LOADED} or {@link #REJECTED} (stockpulse_model_loads_total). */
    public static final String MODEL_VERSIONS = "model_loads";
    public static final String LOADED = "loaded";
    public static final String REJECTED = "rejected";
    public static final String FALLBACKS = "forecast_fallbacks";
    private static final Logger LOG = LoggerFactory.getLogger(LstmForecasterProvider.class);

    private final Path modelDirectory;
    private final Forecaster baseline;
    private final int minHistoryDays;
    private final int maxBatch;
    private final PipelineCounters counters;
    private final List<OnnxLstmModel> loaded = new CopyOnWriteArrayList<>();
    private final ThreadLocal<ThreadForecaster> perThread = new ThreadLocal<>();
    private final List<ThreadForecaster> allThreadForecasters = new CopyOnWriteArrayList<>();
    private volatile OnnxLstmModel current;
    private volatile Path currentSource;
    private volatile FileTime currentStamp;
    private ScheduledExecutorService watcher;

    public LstmForecasterProvider(Path modelDirectory, Forecaster baseline, int minHistoryDays, int maxBatch,
                                  PipelineCounters counters) {
        this.modelDirectory = modelDirectory;
        this.baseline = baseline;
        this.minHistoryDays = minHistoryDays;
        this.maxBatch = maxBatch;
        this.counters = counters;
        reload();
    }

    /** Polls the model directory for a newer version every {@code seconds}. */
    public synchronized LstmForecasterProvider watch(long seconds) {
        if (watcher == null) {
            watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "model-watcher");
                thread.setDaemon(true);
                return thread;
            });
            watcher.scheduleWithFixedDelay(this::reload, seconds, seconds, TimeUnit.SECONDS);
        }
        return this;
    }

    /** Loads the newest candidate if it differs from the running one. Returns the version in force. */
    public synchronized Optional<String> reload() {
        Optional<Candidate> newest = newestCandidate();
        if (newest.isPresent() && !(newest.get().dir.equals(currentSource) && newest.get().stamp.equals(currentStamp))) {
            Candidate candidate = newest.get();
            try {
                OnnxLstmModel model = OnnxLstmModel.load(candidate.dir);
                loaded.add(model);
                current = model;
                LOG.info("Forecast model {} {} loaded from {}", model.metadata().name(), model.metadata().version(),
                        candidate.dir);
                counters.increment(MODEL_VERSIONS, LOADED);
            } catch (ModelLoadException e) {
                LOG.error("Forecast model in {} rejected, keeping {}: {}", candidate.dir,
                        current == null ? "the baseline" : current.metadata().version(), e.getMessage());
                counters.increment(MODEL_VERSIONS, REJECTED);
            }
            currentSource = candidate.dir;
            currentStamp = candidate.stamp;
        } else if (newest.isEmpty() && current == null && currentSource == null) {
            LOG.warn("No forecast model in {}; forecasting with {}", modelDirectory, baseline.model());
            currentSource = modelDirectory;
            currentStamp = FileTime.fromMillis(0);
        }
        return Optional.ofNullable(current).map(m -> m.metadata().version());
    }

    /** The version forecasts are made with now, or empty when the baseline stands in for a missing model. */
    public Optional<String> currentVersion() {
        return Optional.ofNullable(current).map(m -> m.metadata().version());
    }

    @Override
    public Forecaster forCurrentThread() {
        ThreadForecaster forecaster = perThread.get();
        if (forecaster == null) {
            forecaster = new ThreadForecaster();
            perThread.set(forecaster);
            allThreadForecasters.add(forecaster);
        }
        return forecaster;
    }

    private record Candidate(Path dir, FileTime stamp) {
    }

    private Optional<Candidate> newestCandidate() {
        List<Path> dirs = new ArrayList<>();
        dirs.add(modelDirectory);
        try (Stream<Path> children = Files.list(modelDirectory)) {
            children.filter(Files::isDirectory).forEach(dirs::add);
        } catch (IOException e) {
            LOG.warn("Cannot list model directory {}: {}", modelDirectory, e.getMessage());
            return Optional.empty();
        }
        return dirs.stream()
                .filter(dir -> Files.isRegularFile(dir.resolve("metadata.json")) && Files.isRegularFile(dir.resolve("model.onnx")))
                .map(dir -> {
                    try {
                        return new Candidate(dir, Files.getLastModifiedTime(dir.resolve("metadata.json")));
                    } catch (IOException e) {
                        return null;
                    }
                })
                .filter(c -> c != null)
                .max(Comparator.comparing(Candidate::stamp));
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
        allThreadForecasters.forEach(ThreadForecaster::close);
        loaded.forEach(OnnxLstmModel::close);
    }

    /** What one stream thread calls: LSTM for series with enough history, baseline for the rest. */
    private final class ThreadForecaster implements Forecaster {

        private OnnxLstmForecaster lstm;

        private OnnxLstmForecaster lstm() {
            OnnxLstmModel model = current;
            if (model == null) {
                return null;
            }
            if (lstm == null || !lstm.version().equals(model.metadata().version())) {
                if (lstm != null) {
                    lstm.close();
                }
                lstm = new OnnxLstmForecaster(model, maxBatch);
            }
            return lstm;
        }

        @Override
        public String model() {
            OnnxLstmModel model = current;
            return model == null ? baseline.model() : model.metadata().name();
        }

        @Override
        public String version() {
            OnnxLstmModel model = current;
            return model == null ? baseline.version() : model.metadata().version();
        }

        @Override
        public List<Forecast> forecast(List<DemandHistory> batch, int horizonDays) {
            OnnxLstmForecaster model = lstm();
            if (model == null) {
                counters.add(FALLBACKS, "no_model", batch.size());
                return baseline.forecast(batch, horizonDays);
            }
            List<DemandHistory> long_ = new ArrayList<>(batch.size());
            List<Integer> longIndex = new ArrayList<>(batch.size());
            List<DemandHistory> short_ = new ArrayList<>();
            List<Integer> shortIndex = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).activeLength() >= minHistoryDays) {
                    long_.add(batch.get(i));
                    longIndex.add(i);
                } else {
                    short_.add(batch.get(i));
                    shortIndex.add(i);
                }
            }
            Forecast[] out = new Forecast[batch.size()];
            if (!long_.isEmpty()) {
                List<Forecast> fromModel;
                try {
                    long started = System.nanoTime();
                    fromModel = model.forecast(long_, horizonDays);
                    counters.recordInference(System.nanoTime() - started, long_.size());
                } catch (RuntimeException e) {
                    LOG.error("Forecast model {} failed on a batch of {}; using {} for it", model.version(), long_.size(),
                            baseline.model(), e);
                    counters.add(FALLBACKS, "model_error", long_.size());
                    fromModel = baseline.forecast(long_, horizonDays);
                }
                for (int i = 0; i < fromModel.size(); i++) {
                    out[longIndex.get(i)] = fromModel.get(i);
                }
            }
            if (!short_.isEmpty()) {
                counters.add(FALLBACKS, "short_history", short_.size());
                List<Forecast> fromBaseline = baseline.forecast(short_, horizonDays);
                for (int i = 0; i < fromBaseline.size(); i++) {
                    out[shortIndex.get(i)] = fromBaseline.get(i);
                }
            }
            return List.of(out);
        }

        @Override
        public void close() {
            if (lstm != null) {
                lstm.close();
            }
        }
    }
}
