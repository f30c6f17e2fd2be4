package io.stockpulse.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.stockpulse.cli.RunCommand;
import io.stockpulse.replay.Replayer;
import io.stockpulse.replay.SupplierSimulator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security settings given as environment variables reach every Kafka client StockPulse creates
 * (Streams with its consumers and producer, the topic admin, the replay producer, the supplier's
 * consumer) and no secret reaches the log, with Kafka's own configuration logging switched on.
 */
class SecretsNotLoggedTest {

    private static final String JAAS_SECRET = "jaas-Pa55-7f3e";
    private static final String KEY_SECRET = "key-Pa55-91ab";
    private static final String REGISTRY_SECRET = "registry-Pa55-c0de";
    private static final String SECRETS_IN_URL = "url-Pa55-d00d";

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger kafka = (Logger) LoggerFactory.getLogger("org.apache.kafka");
    private Level kafkaLevel;

    @BeforeEach
    void captureLogs() {
        appender.start();
        root.addAppender(appender);
        kafkaLevel = kafka.getLevel();
        kafka.setLevel(Level.INFO); // Kafka logs every client's configuration at INFO
    }

    @AfterEach
    void restoreLogs() {
        root.detachAppender(appender);
        kafka.setLevel(kafkaLevel);
    }

    @Test
    void securitySettingsReachEveryClientAndNoSecretIsLogged(@TempDir Path state) {
        Map<String, String> env = Map.of(
                "STOCKPULSE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "STOCKPULSE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "STOCKPULSE_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"stockpulse\" password=\"" + JAAS_SECRET + "\";",
                "STOCKPULSE_KAFKA_SSL_KEY_PASSWORD", KEY_SECRET,
                "STOCKPULSE_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "stockpulse:" + REGISTRY_SECRET);
        // Nothing listens on port 9 (discard): the clients are built and log their settings, nothing connects.
        StockPulseConfig config = StockPulseConfig.load(null, env, Map.of(
                "bootstrap.servers", "127.0.0.1:9",
                "schema.registry.url", "http://127.0.0.1:9/apis/ccompat/v7",
                "application.id", "secrets-test",
                "state.dir", state.toString(),
                "http.port", "0",
                "forecast.model", "moving-average",
                "kafka.unknown.setting.credentials", SECRETS_IN_URL));

        String configLog = ConfigLog.describe(config);
        LoggerFactory.getLogger(RunCommand.class).info("Configuration (secrets hidden):{}", configLog);
        try (StockPulseApp app = new StockPulseApp(config)) {
            try (Admin admin = Admin.create(TopicAdmin.adminProperties(config))) {
                assertThat(admin).isNotNull();
            }
            Replayer.createProducer("127.0.0.1:9", app.topics(), config.clientOverrides()).close(Duration.ZERO);
            new KafkaConsumer<>(SupplierSimulator.consumerConfig("127.0.0.1:9", "supplier", config.clientOverrides()),
                    new StringDeserializer(), new StringDeserializer()).close(Duration.ZERO);
        }

        List<String> messages = appender.list.stream().map(SecretsNotLoggedTest::fullText).toList();
        String basicAuthHeader = Base64.getEncoder().encodeToString(("stockpulse:" + REGISTRY_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(String.join("\n", messages))
                .doesNotContain(JAAS_SECRET, KEY_SECRET, REGISTRY_SECRET, basicAuthHeader, SECRETS_IN_URL);

        assertThat(configLog).contains("kafka.sasl.jaas.config = [hidden]", "kafka.ssl.key.password = [hidden]",
                "schema.registry.basic.auth.user.info = [hidden]", "kafka.unknown.setting.credentials = [hidden]",
                "kafka.security.protocol = SASL_PLAINTEXT", "application.id = secrets-test");
        // StreamsConfig declares only security.protocol of these; it hands the rest to its clients.
        assertThat(messages).filteredOn(m -> m.startsWith("StreamsConfig values")).isNotEmpty()
                .allSatisfy(m -> assertThat(m).contains("security.protocol = SASL_PLAINTEXT"));
        for (String client : List.of("ConsumerConfig values", "ProducerConfig values", "AdminClientConfig values")) {
            assertThat(messages).as(client).filteredOn(m -> m.startsWith(client)).isNotEmpty()
                    .allSatisfy(m -> assertThat(m).contains("security.protocol = SASL_PLAINTEXT",
                            "sasl.mechanism = SCRAM-SHA-512", "sasl.jaas.config = [hidden]", "ssl.key.password = [hidden]"));
        }
    }

    @Test
    void aRegistryUrlWithUserInfoIsRedacted() {
        StockPulseConfig config = StockPulseConfig.load(null, Map.of(), Map.of("bootstrap.servers", "127.0.0.1:9",
                "schema.registry.url", "https://stockpulse:" + SECRETS_IN_URL + "@registry.example:8081"));
        assertThat(ConfigLog.describe(config)).contains("schema.registry.url = https://***@registry.example:8081")
                .doesNotContain(SECRETS_IN_URL);
    }

    private static String fullText(ILoggingEvent event) {
        String text = event.getFormattedMessage();
        return event.getThrowableProxy() == null ? text : text + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
    }
}
