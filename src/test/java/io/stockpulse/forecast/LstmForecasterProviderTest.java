package io.stockpulse.forecast;

import io.stockpulse.signals.PipelineCounters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Model faults and hot reload: the version served is the one CURRENT names (rollback is one line), a
 * bad model never replaces a good one, and no model means the baseline.
 */
class LstmForecasterProviderTest {

    @TempDir
    Path temp;

    @BeforeAll
    static void offline() {
        System.setProperty("ai.djl.offline", "true");
    }

    private static DemandHistory longHistory(String key) {
        int[] daily = new int[90];
        for (int i = 0; i < daily.length; i++) {
            daily[i] = (i % 7 == 0) ? 12 : 3;
        }
        return new DemandHistory(key, 15000, daily);
    }

    private Path copyOfBundled(String name, String version, Instant stamp) throws Exception {
        Path dir = BundledModel.extract(temp.resolve("extract"));
        Path target = Files.createDirectories(temp.resolve("models").resolve(name));
        Files.copy(dir.resolve("model.onnx"), target.resolve("model.onnx"));
        String metadata = Files.readString(dir.resolve("metadata.json"))
                .replaceFirst("\"version\"\\s*:\\s*\"[^\"]*\"", "\"version\": \"" + version + "\"");
        Files.writeString(target.resolve("metadata.json"), metadata);
        Files.setLastModifiedTime(target.resolve("metadata.json"), FileTime.from(stamp));
        return target;
    }

    private void serve(String name) throws Exception {
        Files.writeString(temp.resolve("models").resolve(LstmForecasterProvider.CURRENT_FILE), name + "\n");
    }

    @Test
    void theVersionNamedInCurrentIsServedAndRollbackIsOneLine() throws Exception {
        copyOfBundled("v1", "test-1", Instant.parse("2026-01-01T00:00:00Z"));
        serve("v1");
        PipelineCounters counters = new PipelineCounters();
        try (LstmForecasterProvider provider = new LstmForecasterProvider(temp.resolve("models"),
                new MovingAverageForecaster(28), 14, 64, counters)) {
            Forecaster forecaster = provider.forCurrentThread();
            assertThat(forecaster.forecast(List.of(longHistory("a")), 28).get(0).version()).isEqualTo("test-1");

            // A newer directory alone changes nothing: only CURRENT chooses.
            copyOfBundled("v2", "test-2", Instant.parse("2026-02-01T00:00:00Z"));
            assertThat(provider.reload()).contains("test-1");
            serve("v2");
            assertThat(provider.reload()).contains("test-2");
            Forecast forecast = forecaster.forecast(List.of(longHistory("a")), 28).get(0);
            assertThat(forecast.version()).isEqualTo("test-2");
            assertThat(forecast.source()).startsWith("demand-lstm@");

            // Rollback to the older version although v2's files are newer.
            serve("v1");
            assertThat(provider.reload()).contains("test-1");
            assertThat(forecaster.forecast(List.of(longHistory("a")), 28).get(0).version()).isEqualTo("test-1");
            assertThat(counters.get(LstmForecasterProvider.MODEL_VERSIONS, "loaded")).isEqualTo(3);
        }
    }

    @Test
    void corruptMismatchedOrMissingVersionIsRejectedAndTheRunningVersionStays() throws Exception {
        copyOfBundled("v1", "good-1", Instant.parse("2026-01-01T00:00:00Z"));
        serve("v1");
        PipelineCounters counters = new PipelineCounters();
        try (LstmForecasterProvider provider = new LstmForecasterProvider(temp.resolve("models"),
                new MovingAverageForecaster(28), 14, 64, counters)) {
            Path corrupt = copyOfBundled("v2", "corrupt-2", Instant.parse("2026-02-01T00:00:00Z"));
            Files.write(corrupt.resolve("model.onnx"), new byte[] {1, 2, 3, 4, 5});
            serve("v2");
            assertThat(provider.reload()).contains("good-1");

            Path mismatched = copyOfBundled("v3", "wrong-shape-3", Instant.parse("2026-03-01T00:00:00Z"));
            String meta = Files.readString(mismatched.resolve("metadata.json")).replaceFirst("\"horizon\"\\s*:\\s*28",
                    "\"horizon\": 35");
            Files.writeString(mismatched.resolve("metadata.json"), meta);
            serve("v3");
            assertThat(provider.reload()).contains("good-1");

            serve("no-such-version");
            assertThat(provider.reload()).contains("good-1");
            assertThat(provider.reload()).contains("good-1"); // the same problem is reported once

            assertThat(counters.get(LstmForecasterProvider.MODEL_VERSIONS, "rejected")).isEqualTo(3);
            assertThat(provider.forCurrentThread().forecast(List.of(longHistory("a")), 28).get(0).version())
                    .isEqualTo("good-1");
        }
    }

    @Test
    void loadingRejectsCorruptFilesWithAClearMessage() throws Exception {
        Path dir = copyOfBundled("bad", "bad-1", Instant.now());
        Files.write(dir.resolve("model.onnx"), "not an onnx file".getBytes());
        assertThatThrownBy(() -> OnnxLstmModel.load(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("model.onnx");
    }

    @Test
    void withoutAValidModelTheBaselineForecastsAndShortHistoriesAlwaysUseIt() throws Exception {
        Files.createDirectories(temp.resolve("empty"));
        PipelineCounters counters = new PipelineCounters();
        try (LstmForecasterProvider provider = new LstmForecasterProvider(temp.resolve("empty"),
                new MovingAverageForecaster(28), 14, 64, counters)) {
            Forecast forecast = provider.forCurrentThread().forecast(List.of(longHistory("a")), 28).get(0);
            assertThat(forecast.model()).isEqualTo(MovingAverageForecaster.MODEL);
            assertThat(counters.get(LstmForecasterProvider.FALLBACKS, "no_model")).isEqualTo(1);
        }
        copyOfBundled("v1", "good-1", Instant.now());
        try (LstmForecasterProvider provider = new LstmForecasterProvider(temp.resolve("models"),
                new MovingAverageForecaster(28), 14, 64, counters)) {
            // Version directories without CURRENT: none is guessed, the baseline forecasts.
            assertThat(provider.currentVersion()).isEmpty();
        }
        serve("v1");
        try (LstmForecasterProvider provider = new LstmForecasterProvider(temp.resolve("models"),
                new MovingAverageForecaster(28), 14, 64, counters)) {
            DemandHistory young = new DemandHistory("young", 15000, new int[] {0, 0, 5, 1, 2});
            List<Forecast> forecasts = provider.forCurrentThread().forecast(List.of(longHistory("old"), young), 28);
            assertThat(forecasts).extracting(Forecast::model).containsExactly("demand-lstm", MovingAverageForecaster.MODEL);
            assertThat(counters.get(LstmForecasterProvider.FALLBACKS, "short_history")).isEqualTo(1);
        }
    }
}
