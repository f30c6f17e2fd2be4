package io.stockpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.forecast.Forecaster;
import io.stockpulse.forecast.Forecasters;
import io.stockpulse.forecast.LstmForecasterProvider;
import io.stockpulse.replay.LeadTimeModel;
import io.stockpulse.replay.RetailEventMapper;
import io.stockpulse.signals.PipelineCounters;
import io.stockpulse.simulate.ClosedLoop;
import io.stockpulse.simulate.CurveChart;
import io.stockpulse.simulate.Run;
import io.stockpulse.simulate.Scenario;
import io.stockpulse.simulate.SimEvents;
import io.stockpulse.simulate.SimulationTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code stockpulse simulate}: the closed loop in-process, without a broker — same decision core,
 * same forecasters — for a table, a JSON report and the exchange curve. Same input and seed give
 * byte-identical JSON.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Replay a retail file through the decision core in-process with a deterministic supplier; "
                + "report fill rate, stock and alert noise, and the service-level exchange curve.")
public final class SimulateCommand implements Callable<Integer> {
    @Mixin
    RetailDataOption data;

    @Mixin
    ForecasterOption forecasterOption;

    @Mixin
    WorkDirOption workDir;


    @Option(names = "--from", description = "First day reported (YYYY-MM-DD); earlier data only warms up the history.")
    LocalDate from;

    @Option(names = "--to", description = "Last day simulated and reported (YYYY-MM-DD, inclusive).")
    LocalDate to;

    @Option(names = "--compare", defaultValue = "moving-average",
            description = "A second forecaster run side by side for the curve, or 'none' (default: ${DEFAULT-VALUE}).")
    String compare;

    @Option(names = "--set", description = "A configuration key=value (policy.default.*, decision.*, service.level.*, forecast.*).")
    Map<String, String> settings = new HashMap<>();

    @Option(names = "--service-levels", split = ",", defaultValue = "0.8,0.9,0.95,0.98,0.99,0.995",
            description = "Service targets of the exchange curve (default: ${DEFAULT-VALUE}).")
    List<Double> serviceLevels;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the supplier's lead times (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--true-lead-time-days",
            description = "Mean of the supplier's true lead time, days (default: the configured policy.default."
                    + "lead-time-days). Set it apart from the configured one to see the policy learn lead times.")
    Double trueLeadTimeDays;

    @Option(names = "--true-lead-time-std",
            description = "Standard deviation of the supplier's true lead time, days (default: the configured "
                    + "policy.default.lead-time-std-days).")
    Double trueLeadTimeStd;

    @Option(names = "--cost-ratio", defaultValue = "0.6",
            description = "Unit cost as a share of the SKU's median selling price (default: ${DEFAULT-VALUE}).")
    double costRatio;

    @Option(names = "--out", defaultValue = "sim.json", description = "JSON report (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--chart", description = "Exchange-curve chart, SVG (default: the --out path with .svg).")
    Path chart;

    @Option(names = "--model-dir", description = "LSTM model directory (default: the model bundled in the jar).")
    Path modelDir;

    @Override
    public Integer call() throws Exception {
        PrintStream console = System.out;
        Map<String, String> values = new HashMap<>(settings);
        values.putIfAbsent(StockPulseConfig.BOOTSTRAP_SERVERS, "unused:9092");
        values.putIfAbsent(StockPulseConfig.SCHEMA_REGISTRY_URL, "mock://simulate");
        StockPulseConfig config = StockPulseConfig.load(null, Map.of(), values);
        Path work = workDir.resolve("simulate");
        Path input = data.resolve(work);
        String forecaster = forecasterOption.name();
        RetailEventMapper.Settings mapping = RetailEventMapper.Settings.defaults();
        if (to != null) {
            mapping = mapping.withWindow(null, to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        long started = System.nanoTime();
        SimEvents events = SimEvents.load(input, mapping, costRatio, config.inventorySettings().defaultPolicy().unitCost());
        console.printf(Locale.ROOT, "%s: %,d rows read, %,d events, %,d SKUs, %,d rows skipped%n", input.getFileName(),
                events.readStats().linesRead(), events.size(), events.skuCount(), events.readStats().skippedTotal());
        ClosedLoop.Settings loop = loopSettings(config, events);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("data", input.getFileName().toString());
        report.put("from", LocalDate.ofEpochDay(loop.fromDay()).toString());
        report.put("to", LocalDate.ofEpochDay(loop.toDay()).toString());
        report.put("seed", seed);
        report.put("costRatio", costRatio);
        report.put("trueLeadTimeDays", trueLeadTimeDays);
        report.put("trueLeadTimeStdDays", trueLeadTimeStd);
        report.put("configuredLeadTimeDays", loop.basePolicy().leadTimeDays());
        report.put("configuredLeadTimeStdDays", loop.basePolicy().leadTimeStdDays());
        report.put("leadTimeLearning", loop.decisions().leadTime().learn());
        report.put("leadTimeMinReceipts", loop.decisions().leadTime().minReceipts());
        report.put("forecaster", forecaster);
        Run main = run(forecaster, events, loop, config, work);
        report.putAll(main.figures());
        report.put("curve", main.curve());
        report.put("forecastSources", main.sources());
        List<CurveChart.Series> series = new ArrayList<>(List.of(main.series()));
        Run other = null;
        if (!"none".equals(compare) && !compare.equals(forecaster)) {
            other = run(compare, events, loop, config, work);
            Map<String, Object> comparison = new LinkedHashMap<>();
            comparison.put("forecaster", compare);
            comparison.putAll(other.figures());
            comparison.put("curve", other.curve());
            comparison.put("forecastSources", other.sources());
            report.put("comparison", comparison);
            series.add(other.series());
        }
        write(report, series);
        SimulationTable.print(console, main, other);
        console.printf(Locale.ROOT, "wrote %s and %s (%.1f s)%n", out, chartPath(), (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private ClosedLoop.Settings loopSettings(StockPulseConfig config, SimEvents events) {
        var inventory = config.inventorySettings();
        int firstDay = events.firstDay();
        int lastDay = events.lastDay();
        int fromDay = from != null ? (int) from.toEpochDay() : firstDay;
        int toDay = to != null ? (int) to.toEpochDay() : lastDay;
        var policy = inventory.defaultPolicy();
        if (trueLeadTimeDays == null) {
            trueLeadTimeDays = policy.leadTimeDays();
        }
        if (trueLeadTimeStd == null) {
            trueLeadTimeStd = policy.leadTimeStdDays();
        }
        return new ClosedLoop.Settings(policy, inventory.classes(), config.decisionSettings(),
                inventory.horizonDays(), inventory.forecastRefreshDays(), inventory.historyDays(),
                inventory.forecastBatchSize(), seed, fromDay, toDay,
                LeadTimeModel.ofDays(trueLeadTimeDays, trueLeadTimeStd, seed));
    }

    /** The configured policy (ABC class levels) and one scenario per curve service level, in one pass. */
    private Run run(String name, SimEvents events, ClosedLoop.Settings loop, StockPulseConfig config, Path work)
            throws Exception {
        List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(new Scenario("configured", null, events.skuCount()));
        for (double level : serviceLevels) {
            scenarios.add(new Scenario("service " + level, level, events.skuCount()));
        }
        int window = config.getInt(StockPulseConfig.FORECAST_WINDOW);
        long started = System.nanoTime();
        ClosedLoop closedLoop;
        if (Forecasters.LSTM.equals(name) || Forecasters.AUTO.equals(name)) {
            int minHistory = config.getInt(StockPulseConfig.FORECAST_MIN_HISTORY);
            try (LstmForecasterProvider provider = Forecasters.lstm(modelDir, work, window, minHistory, loop.batchSize(),
                    new PipelineCounters())) {
                Forecaster lstm = provider.forCurrentThread();
                closedLoop = new ClosedLoop(events, loop, Forecasters.AUTO.equals(name)
                        ? Forecasters.auto(lstm, window, minHistory) : lstm, scenarios);
                closedLoop.run();
            }
        } else {
            try (Forecaster baseline = Forecasters.baselineForecaster(name, window)) {
                closedLoop = new ClosedLoop(events, loop, baseline, scenarios);
                closedLoop.run();
            }
        }
        System.out.printf(Locale.ROOT, "%s: closed loop of %d scenarios in %.1f s%n", name, scenarios.size(),
                (System.nanoTime() - started) / 1e9);
        return new Run(name, scenarios, closedLoop.forecastCounts());
    }

    private void write(Map<String, Object> report, List<CurveChart.Series> series) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(out, json.writeValueAsString(report) + "\n", StandardCharsets.UTF_8);
        String title = "Exchange curve, " + report.get("from") + " .. " + report.get("to")
                + " (label: service level)";
        Files.writeString(chartPath(), CurveChart.svg(title, series), StandardCharsets.UTF_8);
    }

    private Path chartPath() {
        if (chart != null) {
            return chart;
        }
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return out.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".svg");
    }
}
