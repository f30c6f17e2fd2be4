package io.stockpulse.forecast;

import io.stockpulse.signals.PipelineCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The LSTM with everything around it: hot reload from a model directory, one predictor per stream
 * thread, and the baseline wherever the model cannot answer (too little history, no valid model, an
 * inference error). Every fallback is logged and counted; alerting never stops for a model problem.
 *
 * <p>Model directory ({@code forecast.model.dir}): one subdirectory per version, each with
 * {@code model.onnx} and {@code metadata.json}, and a file {@code CURRENT} whose one line names the
 * subdirectory to serve. Shipping is: copy the new version's directory in, then rewrite CURRENT;
 * rollback is writing the old name back. A version is chosen by name, never by file times, so a
 * copied-back old directory or a clock skew cannot pick the wrong one. Without CURRENT, the directory
 * itself is the model when it holds the two files (the bundled model extracted at start-up). A
 * version that fails validation, or a CURRENT that names nothing loadable, is rejected (logged and
 * counted) and the running version stays.
 */
public final class LstmForecasterProvider implements ForecasterProvider, AutoCloseable {

    /** Counter of model load attempts, labelled {@link #LOADED} or {@link #REJECTED} (stockpulse_model_loads_total). */
    public static final String MODEL_VERSIONS = "model_loads";
    public static final String LOADED = "loaded";
    public static final String REJECTED = "rejected";
    public static final String FALLBACKS = "forecast_fallbacks";
    /** The file in the model directory naming the version (subdirectory) to serve. */
    public static final String CURRENT_FILE = "CURRENT";
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
    private String lastProblem;
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

    /** Polls CURRENT (and the metadata.json it names) for a change every {@code seconds}. */
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

    /** Loads the version CURRENT names if it differs from the running one. Returns the version in force. */
    public synchronized Optional<String> reload() {
        Selection selected = select();
        if (selected.dir != null && selected.problem == null
                && !(selected.dir.equals(currentSource) && selected.stamp.equals(currentStamp))) {
            try {
                OnnxLstmModel model = OnnxLstmModel.load(selected.dir);
                loaded.add(model);
                current = model;
                LOG.info("Forecast model {} {} loaded from {}", model.metadata().name(), model.metadata().version(),
                        selected.dir);
                counters.increment(MODEL_VERSIONS, LOADED);
            } catch (ModelLoadException e) {
                reject(selected.dir, e.getMessage());
            }
            currentSource = selected.dir;
            currentStamp = selected.stamp;
        } else if (selected.problem != null && !selected.problem.equals(lastProblem)) {
            reject(modelDirectory.resolve(CURRENT_FILE), selected.problem);
        } else if (selected.dir == null && selected.problem == null && current == null && currentSource == null) {
            LOG.warn("No forecast model in {}; forecasting with {}", modelDirectory, baseline.model());
            currentSource = modelDirectory;
            currentStamp = FileTime.fromMillis(0);
        }
        lastProblem = selected.problem;
        return Optional.ofNullable(current).map(m -> m.metadata().version());
    }

    private void reject(Path what, String why) {
        LOG.error("Forecast model in {} rejected, keeping {}: {}", what,
                current == null ? "the baseline" : current.metadata().version(), why);
        counters.increment(MODEL_VERSIONS, REJECTED);
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

    /** What CURRENT selects: a model directory and its metadata time, or a problem, or nothing at all. */
    private record Selection(Path dir, FileTime stamp, String problem) {
    }

    private Selection select() {
        Path pointer = modelDirectory.resolve(CURRENT_FILE);
        Path dir = modelDirectory;
        if (Files.isRegularFile(pointer)) {
            String name;
            try {
                name = Files.readString(pointer).strip();
            } catch (IOException e) {
                return new Selection(null, null, "cannot read " + pointer + ": " + e.getMessage());
            }
            if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                return new Selection(null, null, pointer + " must name a subdirectory of " + modelDirectory + ", not '" + name + "'");
            }
            dir = modelDirectory.resolve(name);
        }
        boolean complete = Files.isRegularFile(dir.resolve("metadata.json")) && Files.isRegularFile(dir.resolve("model.onnx"));
        if (!complete) {
            return dir.equals(modelDirectory) ? new Selection(null, null, null)
                    : new Selection(null, null, dir + " (named in " + CURRENT_FILE + ") lacks model.onnx or metadata.json");
        }
        try {
            return new Selection(dir, Files.getLastModifiedTime(dir.resolve("metadata.json")), null);
        } catch (IOException e) {
            return new Selection(null, null, "cannot stat " + dir.resolve("metadata.json") + ": " + e.getMessage());
        }
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
