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
 * src/test/resources/parity), and the calibrated quantiles Java hands to the policy against the ones
 * Python's calibration produced. Also checks our feature builder reproduces the Python features exactly.
 * Tolerance: 1e-4 relative to max(1, |expected|), since the 28-day cumulative rows reach thousands of
 * units, where float32 itself resolves about 1e-4.
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

    private static double relativeDiff(double got, double expected) {
        return Math.abs(got - expected) / Math.max(1.0, Math.abs(expected));
    }

    @Test
    void djlOutputMatchesPyTorchWithin1e4() throws Exception {
        List<DemandHistory> batch = new ArrayList<>();
        cases.forEach(c -> batch.add(history(c)));
        ModelMetadata meta = model.metadata();
        int rows = meta.outputRows();
        int cols = meta.outputColumns();
        try (OnnxLstmForecaster forecaster = new OnnxLstmForecaster(model, 64)) {
            float[] raw = forecaster.predictRaw(batch);
            assertThat(raw).hasSize(batch.size() * rows * cols);
            double maxRelative = 0;
            double maxAbsolute = 0;
            for (int i = 0; i < batch.size(); i++) {
                JsonNode expected = cases.get(i).get("output");
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        double want = expected.get(r).get(c).asDouble();
                        double got = raw[(i * rows + r) * cols + c];
                        maxRelative = Math.max(maxRelative, relativeDiff(got, want));
                        maxAbsolute = Math.max(maxAbsolute, Math.abs(got - want));
                    }
                }
            }
            System.out.printf("parity: %d cases x %d x %d, max |DJL - PyTorch| = %.3g, relative to max(1,|x|) = %.3g%n",
                    batch.size(), rows, cols, maxAbsolute, maxRelative);
            assertThat(maxRelative).isLessThanOrEqualTo(1e-4);
        }
    }

    @Test
    void forecastsCarryThePythonCalibratedQuantilesAndThePointRule() throws Exception {
        List<DemandHistory> batch = new ArrayList<>();
        cases.forEach(c -> batch.add(history(c)));
        ModelMetadata meta = model.metadata();
        int levels = meta.levels().length;
        double maxRelative = 0;
        try (OnnxLstmForecaster forecaster = new OnnxLstmForecaster(model, 7)) { // several micro-batches
            List<Forecast> forecasts = forecaster.forecast(batch, 28);
            assertThat(forecasts).hasSize(batch.size());
            for (int i = 0; i < forecasts.size(); i++) {
                Forecast f = forecasts.get(i);
                JsonNode calibrated = cases.get(i).get("calibrated");
                JsonNode output = cases.get(i).get("output");
                assertThat(f.seriesKey()).isEqualTo(batch.get(i).seriesKey());
                assertThat(f.version()).isEqualTo(meta.version());
                assertThat(f.firstDay()).isEqualTo(batch.get(i).lastDay() + 1);
                ForecastQuantiles q = f.quantiles();
                assertThat(q.levels()).containsExactly(meta.levels());
                assertThat(meta.levels()[0]).isEqualTo(0.5);
                assertThat(meta.levels()[2]).isEqualTo(0.9);
                assertThat(q.horizons()).containsExactly(7, 14, 28);
                for (int l = 0; l < levels; l++) {
                    for (int d = 0; d < 28; d++) {
                        maxRelative = Math.max(maxRelative, relativeDiff(q.daily()[l][d], calibrated.get(d).get(l).asDouble()));
                        if (l > 0) {
                            assertThat(q.daily()[l][d]).isGreaterThanOrEqualTo(q.daily()[l - 1][d]);
                        }
                    }
                    for (int h = 0; h < 3; h++) {
                        maxRelative = Math.max(maxRelative,
                                relativeDiff(q.cumulative()[l][h], calibrated.get(28 + h).get(l).asDouble()));
                        if (h > 0) {
                            assertThat(q.cumulative()[l][h]).isGreaterThanOrEqualTo(q.cumulative()[l][h - 1]);
                        }
                    }
                }
                for (int d = 0; d < 28; d++) {
                    // the point rule of the metadata: the mean column, or p50 + c (p90 - p50) of the calibrated quantiles
                    double expected = Double.isNaN(meta.pointBlend()) ? output.get(d).get(levels).asDouble()
                            : calibrated.get(d).get(0).asDouble()
                            + meta.pointBlend() * (calibrated.get(d).get(2).asDouble() - calibrated.get(d).get(0).asDouble());
                    assertThat(f.mean()[d]).isGreaterThanOrEqualTo(0f);
                    assertThat(relativeDiff(f.mean()[d], expected)).isLessThanOrEqualTo(1e-4);
                }
            }
        }
        System.out.printf("calibrated quantiles: max relative |Java - Python| = %.3g%n", maxRelative);
        assertThat(maxRelative).isLessThanOrEqualTo(1e-4);
    }
}
