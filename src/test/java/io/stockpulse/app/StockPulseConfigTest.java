package io.stockpulse.app;

import io.stockpulse.topology.InventorySettings;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StockPulseConfigTest {

    private static final Map<String, String> REQUIRED = Map.of("bootstrap.servers", "localhost:9092",
            "schema.registry.url", "mock://config-test");

    @Test
    void fileThenEnvironmentThenOverrides(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("stockpulse.properties");
        Files.writeString(file, """
                bootstrap.servers=broker:9092
                schema.registry.url=http://registry:8081
                day.zone=Europe/Berlin
                policy.default.service-level=0.97
                topic.sales=shop.sales
                """);
        StockPulseConfig config = StockPulseConfig.load(file,
                Map.of("STOCKPULSE_DAY_ZONE", "Europe/London", "STOCKPULSE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL"),
                Map.of("policy.default.moq", "12"));
        InventorySettings settings = config.inventorySettings();
        assertThat(settings.zone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(settings.defaultPolicy().serviceLevel()).isEqualTo(0.97);
        assertThat(settings.defaultPolicy().moq()).isEqualTo(12);
        assertThat(settings.topics().sales()).isEqualTo("shop.sales");
        assertThat(settings.dayCloseGrace()).isEqualTo(Duration.ofHours(1));
        assertThat(config.clientOverrides()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void missingRequiredSettingIsNamed() {
        assertThatThrownBy(() -> StockPulseConfig.load(null, Map.of(), Map.of("schema.registry.url", "mock://x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bootstrap.servers");
    }

    @Test
    void outOfRangeValuesNameTheKeyAndTheRange() {
        assertThatThrownBy(() -> load("policy.default.service-level", "1.2"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("policy.default.service-level").hasMessageContaining("0.9999");
        assertThatThrownBy(() -> load("num.stream.threads", "0"))
                .hasMessageContaining("num.stream.threads").hasMessageContaining("at least 1");
        assertThatThrownBy(() -> load("day.close.grace", "one hour"))
                .hasMessageContaining("day.close.grace").hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> load("day.close.grace", "P30D"))
                .hasMessageContaining("day.close.grace").hasMessageContaining("PT168H");
        assertThatThrownBy(() -> load("day.zone", "Mars/Olympus"))
                .hasMessageContaining("day.zone");
        assertThatThrownBy(() -> load("forecast.model", "crystal-ball"))
                .hasMessageContaining("forecast.model").hasMessageContaining("moving-average");
        assertThatThrownBy(() -> load("policy.default.pack-size", "0"))
                .hasMessageContaining("policy.default.pack-size");
    }

    @Test
    void environmentVariableNames() {
        assertThat(StockPulseConfig.envName("policy.default.lead-time-days")).isEqualTo("STOCKPULSE_POLICY_DEFAULT_LEAD_TIME_DAYS");
        assertThat(StockPulseConfig.envName("bootstrap.servers")).isEqualTo("STOCKPULSE_BOOTSTRAP_SERVERS");
    }

    @Test
    void theAbcTopicsAreNamedAfterTheApplicationIdUnlessConfigured() {
        var names = load("application.id", "store-east").topicNames();
        assertThat(names.skuSalesValues()).isEqualTo("store-east-sku-sales-values");
        assertThat(names.abcThresholds()).isEqualTo("store-east-abc-thresholds");
        assertThat(load("application.id", "store-west").topicNames().abcThresholds()).isEqualTo("store-west-abc-thresholds");
        assertThat(names.sales()).isEqualTo("inventory.sales"); // shared input topics keep their names
        assertThat(load("topic.abc-thresholds", "cut-offs").topicNames().abcThresholds()).isEqualTo("cut-offs");
    }

    private static StockPulseConfig load(String key, String value) {
        Map<String, String> values = new java.util.HashMap<>(REQUIRED);
        values.put(key, value);
        return StockPulseConfig.load(null, Map.of(), values);
    }
}
