package io.stockpulse.app;

import io.stockpulse.cli.StockPulseCli;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every setting, one by one, given values it must refuse: start-up stops with a message that names the
 * key and, where the setting has one, the allowed range. Keys added later are covered automatically.
 */
class ConfigFaultsTest {

    private static final List<String> CANDIDATES = List.of("not-a-number", "-1", "-999999999", "99999999999999",
            "1e308", "", "maybe", "Mars/Olympus", "forever", "P9999D", "crystal-ball", "a\u0001b");

    static Stream<String> validatedKeys() {
        return StockPulseConfig.definition().configKeys().values().stream()
                .filter(key -> !(key.type == ConfigDef.Type.STRING && key.validator == null)
                        && key.type != ConfigDef.Type.PASSWORD)
                .map(key -> key.name);
    }

    @ParameterizedTest
    @MethodSource("validatedKeys")
    void invalidValuesStopStartUpNamingTheKeyAndTheRange(String name) {
        ConfigDef.ConfigKey key = StockPulseConfig.definition().configKeys().get(name);
        List<String> rejected = new ArrayList<>();
        for (String candidate : CANDIDATES) {
            Map<String, String> values = baseline();
            values.put(name, candidate);
            try {
                StockPulseConfig.load(null, Map.of(), values);
            } catch (ConfigException e) {
                rejected.add(candidate);
                assertThat(e.getMessage()).as("message for %s=%s", name, candidate).contains(name);
                if (key.validator != null && e.getMessage().contains("Invalid value " + candidate + " for configuration")
                        && !isTypeError(e)) {
                    assertThat(e.getMessage()).as("range in the message for %s=%s", name, candidate)
                            .containsAnyOf(key.validator.toString(), "must", "may not", "at least", "at most", "between");
                }
            }
        }
        assertThat(rejected).as("values refused for %s", name).isNotEmpty();
    }

    private static boolean isTypeError(ConfigException e) {
        String message = e.getMessage();
        return message.contains("Expected value to be") || message.contains("Not a number");
    }

    /** Class settings valid one by one but not together: start-up names the key that breaks the rule. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "abc.class.a.share=0.9, abc.class.b.share=0.2, abc.class.b.share",
            "xyz.class.x.max-cv=1.5, xyz.class.y.max-cv=1.0, xyz.class.x.max-cv",
            "history.days=60, class.window.days=91, class.window.days"})
    void classSettingsThatContradictEachOtherStopStartUp(String first, String second, String named) {
        Map<String, String> values = baseline();
        for (String pair : List.of(first, second)) {
            values.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> StockPulseConfig.load(null, Map.of(), values)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(named).hasMessageContaining("must be at most");
    }

    @Test
    void classSettingsReachTheTopologySettings() {
        Map<String, String> values = baseline();
        values.put("abc.class.a.share", "0.7");
        values.put("abc.class.b.share", "0.2");
        values.put("service.level.a", "0.99");
        values.put("service.level.c", "0.85");
        values.put("xyz.adi.cutoff", "1.5");
        values.put("class.window.days", "56");
        values.put("intermittent.tsb.beta", "0.2");
        io.stockpulse.policy.ClassSettings classes = StockPulseConfig.load(null, Map.of(), values)
                .inventorySettings().classes();
        assertThat(classes.aShare()).isEqualTo(0.7);
        assertThat(classes.bShare()).isEqualTo(0.2);
        assertThat(classes.serviceLevels()).isEqualTo(new io.stockpulse.policy.ClassServiceLevels(0.99, 0.98, 0.85));
        assertThat(classes.xyz()).isEqualTo(new io.stockpulse.policy.AbcXyzClassification.XyzCutoffs(0.5, 1.0, 1.5));
        assertThat(classes.windowDays()).isEqualTo(56);
        assertThat(classes.tsbAlpha()).isEqualTo(0.1);
        assertThat(classes.tsbBeta()).isEqualTo(0.2);
    }

    @Test
    void freeFormSettingsAreOnlyPathsAndSecrets() {
        List<String> freeForm = StockPulseConfig.definition().configKeys().values().stream()
                .filter(key -> key.type == ConfigDef.Type.STRING && key.validator == null)
                .map(key -> key.name).toList();
        assertThat(freeForm).allSatisfy(name -> assertThat(name).containsAnyOf("dir", "file", "token", "host", "url"));
    }

    @Test
    void theRunCommandExitsWithTheKeyInItsMessage() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new StockPulseCli());
        cli.setErr(new PrintWriter(err));
        java.io.PrintStream originalErr = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true));
        int exit;
        try {
            exit = cli.execute("run", "--no-create-topics", "-D", "bootstrap.servers=localhost:1",
                    "-D", "schema.registry.url=mock://faults", "-D", "num.stream.threads=0");
        } finally {
            System.setErr(originalErr);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(err + captured.toString()).contains("num.stream.threads").contains("at least 1");
    }

    private static Map<String, String> baseline() {
        Map<String, String> values = new HashMap<>();
        values.put(StockPulseConfig.BOOTSTRAP_SERVERS, "localhost:9092");
        values.put(StockPulseConfig.SCHEMA_REGISTRY_URL, "mock://faults");
        return values;
    }
}
