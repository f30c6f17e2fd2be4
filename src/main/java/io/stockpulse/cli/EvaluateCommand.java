package io.stockpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockpulse.forecast.Backtest;
import io.stockpulse.forecast.BacktestMetrics;
import io.stockpulse.forecast.DemandHistory;
import io.stockpulse.forecast.EmpiricalQuantileForecaster;
import io.stockpulse.forecast.ExponentialSmoothingForecaster;
import io.stockpulse.forecast.Forecast;
import io.stockpulse.forecast.Forecaster;
import io.stockpulse.forecast.Forecasters;
import io.stockpulse.forecast.LstmForecasterProvider;
import io.stockpulse.forecast.MovingAverageForecaster;
import io.stockpulse.forecast.SeasonalNaiveForecaster;
import io.stockpulse.forecast.ZeroForecaster;
import io.stockpulse.replay.DailyDemand;
import io.stockpulse.signals.PipelineCounters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code stockpulse evaluate}: rolling-origin backtest of the shipped LSTM, through the same Java
 * inference path the application uses, beside the baselines (with and without quantiles), the zero
 * reference and {@code auto}, on any CSV with the retail columns; figures overall and per ABC class.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Backtest the forecasters on a retail CSV after a cutoff date.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "CSV or CSV.gz with the Online Retail columns.")
    Path data;

    @Option(names = "--cutoff", required = true, description = "First forecast day of the first origin, YYYY-MM-DD.")
    LocalDate cutoff;

    @Option(names = "--horizon", defaultValue = "28", description = "Days forecast at each origin (default: ${DEFAULT-VALUE}).")
    int horizon;

    @Option(names = "--step", defaultValue = "7", description = "Days between origins (default: ${DEFAULT-VALUE}).")
    int step;

    @Option(names = "--model-dir", description = "LSTM model directory (default: the model bundled in the jar).")
    Path modelDir;

    @Option(names = "--out", description = "Write the result as JSON here.")
    Path out;

    @picocli.CommandLine.Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        // on stderr: stdout is the result table
        Backtest.Series series = DailyDemand.fromCsv(data, stats -> System.err.print("Read " + data + "\n"
                + stats.summary()));
        PipelineCounters counters = new PipelineCounters();
        Path work = Files.createTempDirectory("stockpulse-evaluate-");
        try (LstmForecasterProvider lstm = Forecasters.lstm(modelDir, work, 28, 14, 256, counters)) {
            if (lstm.currentVersion().isEmpty()) {
                System.err.println("No usable LSTM model; see the log above.");
                return 1;
            }
            Map<String, Forecaster> forecasters = new LinkedHashMap<>();
            forecasters.put("lstm", lstm.forCurrentThread());
            forecasters.put("seasonal_naive", new SeasonalNaiveForecaster(7));
            forecasters.put("moving_average", new MovingAverageForecaster(28));
            forecasters.put("exponential_smoothing", new ExponentialSmoothingForecaster(364));
            forecasters.put("moving_average_eq", Forecasters.baselineForecaster(EmpiricalQuantileForecaster.MODEL, 28));
            forecasters.put("tsb", Forecasters.tsb());
            forecasters.put("zero", new ZeroForecaster());
            ChoiceCount auto = new ChoiceCount(Forecasters.auto(forecasters.get("lstm"), 28, 14));
            forecasters.put("auto", auto);
            Map<String, String> abc = EvaluateReport.abcClasses(series, (int) cutoff.toEpochDay());
            Backtest.Result result = new Backtest(horizon, step, 56, 730, 256)
                    .run(series, (int) cutoff.toEpochDay(), forecasters, abc::get);
            if (result.origins() == 0) {
                System.err.println("No origin fits: the data must cover " + cutoff + " plus " + horizon + " days.");
                return 1;
            }
            ObjectNode json = toJson(result, lstm.currentVersion().orElseThrow(), counters);
            auto.byModel.forEach(json.putObject("auto_choices")::put);
            System.out.print(table(result));
            System.out.printf(Locale.ROOT, "%d origins from %s, %d series scored, model %s, %.1f s%n", result.origins(),
                    cutoff, json.get("series").asLong(), lstm.currentVersion().orElseThrow(),
                    (System.nanoTime() - started) / 1e9);
            if (out != null) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
            }
            return 0;
        }
    }

    private ObjectNode toJson(Backtest.Result result, String version, PipelineCounters counters) {
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("cutoff", cutoff.toString());
        json.put("horizon", horizon);
        json.put("series", result.distinctSeries());
        json.put("origins", result.origins());
        json.put("scored_series_origins", result.scoredSeries());
        json.put("lstm_version", version);
        json.put("lstm_short_history_fallbacks", counters.get(LstmForecasterProvider.FALLBACKS, "short_history"));
        ObjectNode forecasters = json.putObject("forecasters");
        result.metrics().forEach((name, m) -> {
            ObjectNode node = forecasters.putObject(name);
            EvaluateReport.putMain(node, m);
            node.put("micros_per_series", m.microsPerForecast());
            EvaluateReport.putQuantiles(node, m);
            EvaluateReport.putByClass(node, name, result.byGroup());
        });
        return json;
    }

    static String table(Backtest.Result result) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-22s %8s %8s %8s %10s %8s %10s %10s%n",
                "forecaster", "RMSSE", "WAPE", "bias", "p90 cover", "pinball", "28d p90", "us/series"));
        for (Map.Entry<String, BacktestMetrics> entry : result.metrics().entrySet()) {
            BacktestMetrics m = entry.getValue();
            out.append(String.format(Locale.ROOT, "%-22s %8.4f %8.4f %+8.4f %10s %8.4f %10s %10.0f%n", entry.getKey(),
                    m.rmsse(), m.wape(), m.bias(), orDash(m.coverageP90()), m.pinball(),
                    orDash(m.quantiles().leadTimeCoverage(28, 0.9)), m.microsPerForecast()));
        }
        return out.toString();
    }

    private static String orDash(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** Counts which model {@code auto} used per (series, origin): its figures mix them in these shares. */
    private static final class ChoiceCount implements Forecaster {
        final Map<String, Long> byModel = new TreeMap<>();
        private final Forecaster auto;

        ChoiceCount(Forecaster auto) {
            this.auto = auto;
        }

        @Override
        public String model() {
            return auto.model();
        }

        @Override
        public String version() {
            return auto.version();
        }

        @Override
        public List<Forecast> forecast(List<DemandHistory> batch,
                                                                        int horizonDays) {
            List<Forecast> out = auto.forecast(batch, horizonDays);
            out.forEach(f -> byModel.merge(f.model(), 1L, Long::sum));
            return out;
        }
    }
}
