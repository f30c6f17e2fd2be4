package io.stockpulse.it;

import io.stockpulse.forecast.DemandHistory;
import io.stockpulse.forecast.Forecast;
import io.stockpulse.forecast.ForecastQuantiles;
import io.stockpulse.forecast.OnnxLstmForecaster;
import io.stockpulse.forecast.OnnxLstmModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training, calibration and export pipeline of model-export/ in its smoke size (same code, 100 SKUs,
 * one short epoch) on the 4-month extract the repository carries, then the exported model loaded and run
 * through the Java path — the two halves agree on the contract (levels, cumulative rows, mean,
 * calibration table). Also: train.py refuses to run without an explicit --version. Python comes from {@code STOCKPULSE_PYTHON} (default .ci/.venv/bin/python when present, else python3) with
 * model-export/requirements.txt installed; .ci/run sets that up. Outside CI, a machine without those
 * packages skips this test with a message; in CI (CI=true) it fails.
 */
class ModelExportSmokeIT {

    /** The 4-month extract the repository carries: the test never needs the shared dataset. */
    private static final String DATA = "src/main/resources/datasets/online-retail-2009-12-to-2010-03.csv.gz";

    @Test
    void smokeTrainingExportsAModelJavaCanRun(@TempDir Path out) throws Exception {
        String python = System.getenv("STOCKPULSE_PYTHON");
        if (python == null || python.isBlank()) {
            // the venv the test command's install step makes, else the system's
            Path venv = Path.of(".ci/.venv/bin/python");
            python = Files.isExecutable(venv) ? venv.toAbsolutePath().toString() : "python3";
        }
        boolean ready = new ProcessBuilder(python, "-c", "import torch, onnx, onnxruntime, pandas")
                .redirectErrorStream(true).start().waitFor() == 0;
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(ready, "Python with model-export/requirements.txt not found ("
                    + python + "); set STOCKPULSE_PYTHON to run the smoke training");
        }
        assertThat(ready).as(python + " has the model-export requirements").isTrue();
        Path log = Path.of("target/it-logs/model-export-smoke.log");
        Files.createDirectories(log.getParent());
        Process unversioned = new ProcessBuilder(python, "model-export/train.py", "--data", DATA, "--smoke")
                .redirectErrorStream(true).start();
        String refusal = new String(unversioned.getInputStream().readAllBytes());
        assertThat(unversioned.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(unversioned.exitValue()).as(refusal).isNotZero();
        assertThat(refusal).contains("--version");

        // The extract covers 2009-12-01 .. 2010-03-31: train on origins from day 28 (left-padded
        // histories), calibrate on the 28 days before the cutoff, test on the last 28 days.
        Process training = new ProcessBuilder(python, "model-export/train.py", "--data", DATA, "--smoke",
                "--version", "smoke-it", "--cutoff", "2010-03-04", "--calibration-days", "28", "--first-origin", "28",
                "--out", out.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(training.waitFor(10, TimeUnit.MINUTES)).as("smoke training finished").isTrue();
        assertThat(training.exitValue()).as("smoke training exit code; see " + log).isZero();
        assertThat(out.resolve("model.onnx")).exists();
        String card = Files.readString(out.resolve("metadata.json"));
        assertThat(card).contains("\"smoke\": true", "\"version\": \"smoke-it\"", "\"data_sha256\"", "\"calibration\"");

        System.setProperty("ai.djl.offline", "true");
        try (OnnxLstmModel model = OnnxLstmModel.load(out);
             OnnxLstmForecaster forecaster = new OnnxLstmForecaster(model, 64)) {
            int[] daily = new int[70];
            for (int i = 0; i < daily.length; i += 3) {
                daily[i] = 6;
            }
            List<Forecast> forecasts = forecaster.forecast(List.of(new DemandHistory("s", 15000, daily)), 28);
            Forecast forecast = forecasts.get(0);
            assertThat(model.metadata().version()).isEqualTo("smoke-it");
            ForecastQuantiles q = forecast.quantiles();
            assertThat(q.levels()).containsExactly(0.5, 0.8, 0.9, 0.95, 0.99);
            assertThat(q.horizons()).containsExactly(7, 14, 28);
            assertThat(forecast.mean()).hasSize(28);
            for (int l = 1; l < q.levels().length; l++) {
                for (int day = 0; day < 28; day++) {
                    assertThat(q.daily()[l][day]).isGreaterThanOrEqualTo(q.daily()[l - 1][day]).isGreaterThanOrEqualTo(0f);
                }
                for (int h = 0; h < 3; h++) {
                    assertThat(q.cumulative()[l][h]).isGreaterThanOrEqualTo(q.cumulative()[l - 1][h]);
                }
            }
            assertThat(q.cumulative()[0][2]).isGreaterThanOrEqualTo(q.cumulative()[0][0]);
        }
    }
}
