package io.stockpulse.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A mistyped or misplaced setting is named with the key the user most likely meant. */
class ConfigKeyCheckTest {

    @Test
    void unknownSettingsAreNamedWithTheClosestKnownKey() {
        java.util.Set<String> known = StockPulseConfig.definition().names();
        assertThat(ConfigKeyCheck.warnings(List.of("htp.port"), known))
                .containsExactly("Unknown setting htp.port (ignored); did you mean http.port?");
        assertThat(ConfigKeyCheck.warnings(List.of("security.protocol"), known)).containsExactly(
                "Unknown setting security.protocol (ignored): it is a Kafka client setting; write "
                        + "kafka.security.protocol to pass it to the Kafka clients");
        assertThat(ConfigKeyCheck.warnings(List.of("completely.different.thing"), known))
                .containsExactly("Unknown setting completely.different.thing (ignored)");
        assertThat(ConfigKeyCheck.warnings(List.of("http.port", "kafka.security.protocol",
                "schema.registry.basic.auth.user.info"), known)).isEmpty();
        assertThat(ConfigKeyCheck.levenshtein("kitten", "sitting")).isEqualTo(3);
        assertThat(ConfigKeyCheck.levenshtein("", "abc")).isEqualTo(3);
        assertThat(ConfigKeyCheck.levenshtein("same", "same")).isZero();
    }

    @Test
    void loadingTheConfigurationLogsTheWarning() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(StockPulseConfig.class);
        appender.start();
        logger.addAppender(appender);
        try {
            StockPulseConfig.load(null, Map.of(), Map.of("bootstrap.servers", "localhost:9092",
                    "schema.registry.url", "mock://cli-failures", "htp.port", "9000", "sasl.mechanism", "PLAIN"));
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "Unknown setting htp.port (ignored); did you mean http.port?",
                "Unknown setting sasl.mechanism (ignored): it is a Kafka client setting; write kafka.sasl.mechanism "
                        + "to pass it to the Kafka clients");
    }
}
