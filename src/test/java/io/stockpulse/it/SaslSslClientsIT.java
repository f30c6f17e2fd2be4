package io.stockpulse.it;

import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.app.TopicAdmin;
import io.stockpulse.avro.AlertState;
import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.StockChangeEvent;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.avro.StockoutAlert;
import io.stockpulse.embedded.EmbeddedKafkaBroker.ScramUser;
import io.stockpulse.embedded.EmbeddedKafkaBroker;
import io.stockpulse.it.StockPulseFixture.Settings;
import io.stockpulse.replay.Replayer;
import io.stockpulse.replay.SupplierSimulator;
import io.stockpulse.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The README's SASL_SSL + SCRAM-SHA-512 settings, as STOCKPULSE_KAFKA_* environment variables, on a
 * broker that demands them (TLS with a certificate made by the JDK's keytool, trusted through a PEM
 * file): the topic admin, Kafka Streams (its consumers, producer and admin), the replay producer and
 * the supplier's consumer all connect and work; a wrong password is refused.
 */
class SaslSslClientsIT {

    private static final ScramUser USER = new ScramUser("stockpulse", "scram-" + UUID.randomUUID());
    private static final Instant AT = Instant.parse("2011-03-01T09:00:00Z");

    @TempDir
    static Path temp;
    static EmbeddedKafkaBroker broker;

    static Path caCertificate;

    @BeforeAll
    static void startBroker() throws Exception {
        String password = "tls-" + UUID.randomUUID();
        Path keystore = temp.resolve("broker.p12");
        caCertificate = temp.resolve("ca.crt");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", password,
                "-file", caCertificate.toString());
        broker = EmbeddedKafkaBroker.startWithScram(temp.resolve("kafka"), USER,
                new EmbeddedKafkaBroker.TlsKeystore(keystore, password));
    }

    /** The JDK's keytool (the one running this test): a self-signed certificate for localhost. */
    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("keytool %s: %s", args[0], output).isZero();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static StockPulseConfig config(String appId, String password) {
        Map<String, String> env = Map.of(
                "STOCKPULSE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "STOCKPULSE_KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                "STOCKPULSE_KAFKA_SSL_TRUSTSTORE_LOCATION", caCertificate.toString(),
                "STOCKPULSE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "STOCKPULSE_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"" + USER.name() + "\" password=\"" + password + "\";");
        return Settings.of(broker.saslBootstrapServers(), appId).stateDir(temp.resolve("state-" + appId))
                .set("decision.overstock.min-value", "0") // any stockout is an alert: this test is about the clients
                .ownTopics().config(env);
    }

    @Test
    void everyClientConnectsWithSaslSslSettingsFromTheEnvironment() throws Exception {
        String appId = "scram-" + UUID.randomUUID().toString().substring(0, 8);
        StockPulseConfig config = config(appId, USER.password());
        Topics topics = StockPulseFixture.topics(config, 3);
        Map<String, Object> clientSettings = config.clientOverrides();

        try (StockPulseApp app = new StockPulseApp(config)) {
            app.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
            try (KafkaProducer<String, SpecificRecord> producer =
                         Replayer.createProducer(broker.saslBootstrapServers(), topics, clientSettings)) {
                producer.send(new ProducerRecord<>(topics.stockChanges().name(), "A", StockChangeEvent.newBuilder()
                        .setEventId("c-1").setSku("A").setLocationId("WH1").setKind(StockChangeKind.COUNT).setQuantity(5)
                        .setOccurredAt(AT).build())).get();
                producer.send(new ProducerRecord<>(topics.sales().name(), "A", SaleEvent.newBuilder().setEventId("s-1")
                        .setSku("A").setLocationId("WH1").setQuantity(5).setOccurredAt(AT.plusSeconds(60)).build())).get();
                // Alerts are a day-close matter: the next day's first event closes A's day.
                producer.send(new ProducerRecord<>(topics.stockChanges().name(), "A", StockChangeEvent.newBuilder()
                        .setEventId("c-2").setSku("A").setLocationId("WH1").setKind(StockChangeKind.COUNT).setQuantity(0)
                        .setOccurredAt(AT.plus(Duration.ofHours(26))).build())).get();
            }
            try (KafkaConsumer<String, StockoutAlert> consumer = new KafkaConsumer<>(
                    SupplierSimulator.consumerConfig(broker.saslBootstrapServers(), appId + "-reader", clientSettings),
                    new StringDeserializer(), topics.stockoutAlerts().valueSerde().deserializer())) {
                consumer.subscribe(List.of(topics.stockoutAlerts().name()));
                List<StockoutAlert> alerts = new ArrayList<>();
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    for (ConsumerRecord<String, StockoutAlert> record : consumer.poll(Duration.ofMillis(200))) {
                        alerts.add(record.value());
                    }
                    assertThat(alerts).extracting(StockoutAlert::getSku, StockoutAlert::getState)
                            .containsExactly(tuple("A", AlertState.RAISED));
                });
            }
            assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        StockPulseConfig config = config("scram-wrong", "not-" + USER.password());
        assertThatThrownBy(() -> TopicAdmin.ensureTopics(config, 3)).hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }
}
