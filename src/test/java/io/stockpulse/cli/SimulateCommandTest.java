package io.stockpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code simulate} on the bundled four months: the report's keys, sane figures, and the same bytes twice. */
class SimulateCommandTest {

    private static final List<String> KEYS = List.of("fillRate", "overallFillRate", "lineFillRate",
            "specialOrderLineShare", "specialOrderUnitShare", "stockoutSkuDays", "averageStockUnits",
            "averageStockValue", "inventoryTurns", "orders", "alertTransitionsPerSkuMonth", "curve");

    private static int simulate(Path work, Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--forecaster", "moving-average", "--compare", "none",
                "--service-levels", "0.9,0.98", "--work-dir", work.toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        return new CommandLine(new SimulateCommand()).execute(args.toArray(String[]::new));
    }

    @Test
    void sameInputAndSeedGiveByteIdenticalReports(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("a.json");
        Path second = dir.resolve("b.json");
        assertThat(simulate(dir, first)).isZero();
        assertThat(simulate(dir, second)).isZero();
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        assertThat(Files.readString(dir.resolve("b.svg"))).isEqualTo(Files.readString(dir.resolve("a.svg")))
                .startsWith("<svg").contains("moving-average");

        JsonNode report = new ObjectMapper().readTree(first.toFile());
        assertThat(KEYS).allSatisfy(key -> assertThat(report.has(key)).as(key).isTrue());
        // Figures a closed loop on real data must land in, whatever the tuning: not a stub's constants.
        assertThat(report.get("fillRate").asDouble()).isBetween(0.85, 1.0);
        // The default supplier keeps the configured 7 ± 2 days: special orders arrive within their quoted 11.
        assertThat(report.get("overallFillRate").asDouble()).isBetween(0.85, 1.0);
        assertThat(report.get("meanLeadTimeDays").asDouble()).isBetween(6.5, 7.5);
        assertThat(report.get("lateReceipts").asLong()).isLessThan(report.get("receipts").asLong() / 2);
        assertThat(report.get("specialOrderLineShare").asDouble()).isBetween(0.001, 0.03);
        assertThat(report.get("averageStockUnits").asDouble()).isBetween(1e5, 2e6);
        assertThat(report.get("orders").asLong()).isPositive();
        assertThat(report.get("curve")).hasSize(2);
        // A higher target buys a higher fill rate with more stock: the exchange curve rises.
        JsonNode low = report.get("curve").get(0);
        JsonNode high = report.get("curve").get(1);
        assertThat(high.get("fillRate").asDouble()).isGreaterThan(low.get("fillRate").asDouble());
        assertThat(high.get("averageStockValue").asDouble()).isGreaterThan(low.get("averageStockValue").asDouble());
    }

    @Test
    void anotherSeedDrawsOtherLeadTimesAndTheWindowLimitsTheFigures(@TempDir Path dir) throws Exception {
        Path base = dir.resolve("base.json");
        Path seeded = dir.resolve("seeded.json");
        Path window = dir.resolve("window.json");
        assertThat(simulate(dir, base)).isZero();
        assertThat(simulate(dir, seeded, "--seed", "7")).isZero();
        assertThat(simulate(dir, window, "--from", "2010-02-01", "--to", "2010-02-28")).isZero();
        ObjectMapper json = new ObjectMapper();
        assertThat(Files.readString(seeded)).isNotEqualTo(Files.readString(base));
        JsonNode february = json.readTree(window.toFile());
        assertThat(february.get("from").asText()).isEqualTo("2010-02-01");
        assertThat(february.get("days").asInt()).isEqualTo(28);
        assertThat(february.get("unitsDemanded").asLong()).isLessThan(json.readTree(base.toFile()).get("unitsDemanded").asLong());
    }

    @Test
    void theSupplierTakesItsTrueLeadTimeAndThePolicyLearnsItOnlyWhenAllowed(@TempDir Path dir) throws Exception {
        Path learning = dir.resolve("learning.json");
        Path configured = dir.resolve("configured.json");
        // A supplier that takes 10 ± 3 days where the policy is configured with 7 ± 2.
        assertThat(simulate(dir, learning, "--true-lead-time-days", "10", "--true-lead-time-std", "3")).isZero();
        assertThat(simulate(dir, configured, "--true-lead-time-days", "10", "--true-lead-time-std", "3",
                "--set", "decision.lead-time.learn=false")).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode on = json.readTree(learning.toFile());
        JsonNode off = json.readTree(configured.toFile());
        assertThat(on.get("trueLeadTimeDays").asDouble()).isNotEqualTo(on.get("configuredLeadTimeDays").asDouble());
        assertThat(on.get("meanLeadTimeDays").asDouble()).isBetween(9.5, 10.5);
        // Orders are expected at the configured 7 days, so most of the 10-day deliveries are late.
        assertThat(on.get("lateReceipts").asLong()).isGreaterThan(on.get("receipts").asLong() / 2);
        assertThat(on.get("plansWithObservedLeadTime").asLong()).isPositive();
        assertThat(off.get("plansWithObservedLeadTime").asLong()).isZero();
        assertThat(off.get("leadTimeLearning").asBoolean()).isFalse();
        // Planning with the longer lead time it learned, the policy holds more stock.
        assertThat(on.get("averageStockValue").asDouble()).isGreaterThan(off.get("averageStockValue").asDouble());
    }
}
