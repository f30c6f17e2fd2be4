package io.stockpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stockpulse evaluate} on the bundled 4-month extract: the decision figures and the ABC breakdown. */
class EvaluateCommandTest {

    static final Path DATA = Path.of("src/main/resources/datasets/online-retail-2009-12-to-2010-03.csv.gz");
    private static final String[] LEVELS = {"p50", "p80", "p90", "p95", "p99"};
    private static JsonNode result;

    @BeforeAll
    static void evaluate(@TempDir Path temp) throws Exception {
        Path out = temp.resolve("result.json");
        // 2 weekly origins (2010-02-20 and 02-27) with 28 days each inside the extract's last day, 2010-03-31
        int exit = new CommandLine(new StockPulseCli()).execute("evaluate", "--data", DATA.toString(),
                "--cutoff", "2010-02-20", "--horizon", "28", "--step", "7", "--out", out.toString());
        assertThat(exit).isZero();
        result = new ObjectMapper().readTree(Files.readString(out));
    }

    @Test
    void everyForecasterIsScoredWithTheOldKeysKept() {
        assertThat(result.get("origins").asInt()).isEqualTo(2);
        JsonNode forecasters = result.get("forecasters");
        assertThat(forecasters.fieldNames()).toIterable().containsExactly("lstm", "seasonal_naive", "moving_average",
                "exponential_smoothing", "moving_average_eq", "tsb", "zero", "auto");
        for (JsonNode f : forecasters) {
            assertThat(f.fieldNames()).toIterable().contains("rmsse", "wape", "bias", "coverage_p90", "pinball",
                    "quantiles", "lead_time", "by_abc_class");
            assertThat(f.get("rmsse").asDouble()).isPositive();
        }
    }

    @Test
    void baselinesWithQuantilesReportEveryLevelAndLeadTime() {
        for (String name : new String[] {"moving_average_eq", "tsb"}) {
            JsonNode q = result.get("forecasters").get(name).get("quantiles");
            double previous = 0;
            for (String level : LEVELS) {
                double coverage = q.get(level).get("coverage").asDouble();
                assertThat(coverage).as(name + " " + level).isBetween(previous, 1.0);
                previous = coverage;
            }
            JsonNode lead = result.get("forecasters").get(name).get("lead_time");
            for (String days : new String[] {"7", "14", "28"}) {
                assertThat(lead.get(days).get("coverage_p95").asDouble())
                        .isGreaterThanOrEqualTo(lead.get(days).get("coverage_p90").asDouble());
                assertThat(lead.get(days).get("pinball_mean").asDouble()).isPositive();
            }
        }
    }

    @Test
    void levelsAForecasterDoesNotGiveAreNull() {
        JsonNode movingAverage = result.get("forecasters").get("moving_average");
        for (String level : LEVELS) {
            assertThat(movingAverage.get("quantiles").get(level).get("coverage").isNull()).isTrue();
        }
        assertThat(movingAverage.get("lead_time").get("28").get("coverage_p90").isNull()).isTrue();
        // the LSTM gives p50 and p90 (today's model) or all five: never a figure for a level it lacks
        JsonNode lstm = result.get("forecasters").get("lstm").get("quantiles");
        assertThat(lstm.get("p90").get("coverage").asDouble()).isBetween(0.5, 1.0);
        for (String level : LEVELS) {
            JsonNode at = lstm.get(level);
            assertThat(at.get("coverage").isNull()).isEqualTo(at.get("days_scored").asLong() == 0);
        }
    }

    @Test
    void autoSaysWhichModelsItUsed() {
        long chosen = 0;
        for (JsonNode count : result.get("auto_choices")) {
            chosen += count.asLong();
        }
        assertThat(chosen).isEqualTo(result.get("scored_series_origins").asLong());
        assertThat(result.get("auto_choices").fieldNames()).toIterable().isSubsetOf("demand-lstm", "moving-average",
                "moving-average-eq", "tsb");
    }

    @Test
    void theZeroReferenceCoversExactlyTheZeroDays() {
        JsonNode q = result.get("forecasters").get("zero").get("quantiles");
        double zeroDays = q.get("p50").get("coverage").asDouble();
        assertThat(zeroDays).isBetween(0.3, 1.0);
        for (String level : LEVELS) {
            assertThat(q.get(level).get("coverage").asDouble()).isEqualTo(zeroDays);
        }
        assertThat(result.get("forecasters").get("zero").get("wape").asDouble()).isEqualTo(1.0);
    }

    @Test
    void abcClassesPartitionTheScoredSeries() {
        long total = result.get("scored_series_origins").asLong();
        for (String name : new String[] {"lstm", "auto", "zero"}) {
            JsonNode classes = result.get("forecasters").get(name).get("by_abc_class");
            assertThat(classes.fieldNames()).toIterable().containsExactly("A", "B", "C");
            long sum = 0;
            for (JsonNode c : classes) {
                sum += c.get("series_origins").asLong();
                assertThat(c.get("rmsse").asDouble()).isPositive();
            }
            assertThat(sum).isEqualTo(total);
        }
    }
}
