package io.stockpulse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockpulse.app.StockPulseCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stockpulse evaluate} on the real shared dataset, through the same Java inference path as the app. */
class EvaluateCommandIT {

    static final Path DATA = Path.of("../shared/datasets/online-retail/online_retail_2009-12_to_2011-08.csv.gz");

    @Test
    void shippedLstmBeatsSeasonalNaiveOnTheRealData(@TempDir Path temp) throws Exception {
        assertThat(DATA).as("the shared dataset next to the clone").exists();
        Path out = temp.resolve("result.json");
        int exit = new CommandLine(new StockPulseCli()).execute("evaluate", "--data", DATA.toString(),
                "--cutoff", "2011-06-01", "--horizon", "28", "--step", "28", "--out", out.toString());
        assertThat(exit).isZero();
        JsonNode result = new ObjectMapper().readTree(Files.readString(out));
        assertThat(result.get("cutoff").asText()).isEqualTo("2011-06-01");
        assertThat(result.get("horizon").asInt()).isEqualTo(28);
        assertThat(result.get("series").asInt()).isGreaterThan(2000);
        JsonNode forecasters = result.get("forecasters");
        assertThat(forecasters.fieldNames()).toIterable()
                .contains("lstm", "seasonal_naive", "moving_average", "exponential_smoothing");
        for (JsonNode metrics : forecasters) {
            assertThat(metrics.get("rmsse").asDouble()).isPositive();
            assertThat(metrics.get("wape").asDouble()).isPositive();
        }
        JsonNode lstm = forecasters.get("lstm");
        JsonNode naive = forecasters.get("seasonal_naive");
        assertThat(lstm.get("rmsse").asDouble()).isLessThan(naive.get("rmsse").asDouble() * 0.9);
        assertThat(lstm.get("wape").asDouble()).isLessThan(naive.get("wape").asDouble());
        assertThat(lstm.get("coverage_p90").asDouble()).isBetween(0.8, 0.99);
        assertThat(naive.get("coverage_p90").isNull()).isTrue();
    }
}
