package io.stockpulse.forecast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped model through the Java path (features built here, DJL + ONNX Runtime) against the
 * outputs PyTorch produced for the same real histories in model-export/ (saved in
 * src/test/resources/parity). Also checks our feature builder reproduces the Python features exactly.
 */
class OnnxLstmParityTest {

    @TempDir
    static Path temp;
    static OnnxLstmModel model;
    static JsonNode cases;

    @BeforeAll
    static void load() throws Exception {
        System.setProperty("ai.djl.offline", "true");
        model = OnnxLstmModel.load(BundledModel.extract(temp));
        try (InputStream in = OnnxLstmParityTest.class.getResourceAsStream("/parity/demand-lstm-parity.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            cases = root.has("cases") ? root.get("cases") : root;
        }
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static DemandHistory history(JsonNode c) {
        JsonNode values = c.get("history");
        int[] daily = new int[values.size()];
        for (int i = 0; i < daily.length; i++) {
            daily[i] = values.get(i).asInt();
        }
        int firstForecastDay = (int) LocalDate.parse(c.get("firstForecastDay").asText()).toEpochDay();
        return new DemandHistory(c.get("sku").asText(), firstForecastDay - 1, daily);
    }

    @Test
    void featuresMatchThePythonPipelineExactly() {
        ModelMetadata meta = model.metadata();
        assertThat(cases.size()).isGreaterThanOrEqualTo(16);
        for (JsonNode c : cases) {
            float[] built = new float[meta.window() * meta.features()];
            LstmFeatures.fill(built, 0, history(c), meta.window());
            JsonNode rows = c.get("input");
            for (int day = 0; day < meta.window(); day++) {
                for (int f = 0; f < meta.features(); f++) {
                    assertThat(built[day * meta.features() + f])
                            .as("case %s day %d feature %d", c.get("sku").asText(), day, f)
                            .isEqualTo((float) rows.get(day).get(f).asDouble());
                }
            }
        }
    }

    @Test
    void djlOutputMatchesPyTorchWithin1e4() throws Exception {
        List<DemandHistory> batch = new ArrayList<>();
        cases.forEach(c -> batch.add(history(c)));
        ModelMetadata meta = model.metadata();
        try (OnnxLstmForecaster forecaster = new OnnxLstmForecaster(model, 64)) {
            float[] raw = forecaster.predictRaw(batch);
            double maxDiff = 0;
            for (int i = 0; i < batch.size(); i++) {
                JsonNode expected = cases.get(i).get("output");
                for (int day = 0; day < meta.horizon(); day++) {
                    for (int q = 0; q < 2; q++) {
                        double diff = Math.abs(raw[(i * meta.horizon() + day) * 2 + q] - expected.get(day).get(q).asDouble());
                        maxDiff = Math.max(maxDiff, diff);
                    }
                }
            }
            System.out.printf("parity: %d cases, max |DJL - PyTorch| = %.3g%n", batch.size(), maxDiff);
            assertThat(maxDiff).isLessThanOrEqualTo(1e-4);
        }
    }

    @Test
    void forecastsAreQuantileOrderedAndCarryTheModelVersion() {
        List<DemandHistory> batch = new ArrayList<>();
        cases.forEach(c -> batch.add(history(c)));
        try (OnnxLstmForecaster forecaster = new OnnxLstmForecaster(model, 7)) { // several micro-batches
            List<Forecast> forecasts = forecaster.forecast(batch, 28);
            assertThat(forecasts).hasSize(batch.size());
            for (int i = 0; i < forecasts.size(); i++) {
                Forecast f = forecasts.get(i);
                assertThat(f.seriesKey()).isEqualTo(batch.get(i).seriesKey());
                assertThat(f.version()).isEqualTo(model.metadata().version());
                assertThat(f.firstDay()).isEqualTo(batch.get(i).lastDay() + 1);
                for (int d = 0; d < 28; d++) {
                    assertThat(f.p50()[d]).isGreaterThanOrEqualTo(0f);
                    assertThat(f.p90()[d]).isGreaterThanOrEqualTo(f.p50()[d]);
                    assertThat(f.mean()[d]).isBetween(f.p50()[d], f.p90()[d]);
                }
            }
        }
    }
}
