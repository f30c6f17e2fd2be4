package io.stockpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.SkuPolicy;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {

    private static final String SECRET = "s3cr3t-pw";
    private static final Map<String, Object> BASIC_AUTH = Map.of(
            AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
            AvroSerdeConfig.BASIC_AUTH_USER_INFO, "svc-stockpulse:" + SECRET);
    private static final String BASIC_HEADER = "Basic "
            + Base64.getEncoder().encodeToString(("svc-stockpulse:" + SECRET).getBytes(StandardCharsets.UTF_8));

    private FakeConfluentRegistry server;
    private RestSchemaRegistryClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeConfluentRegistry("/apis/ccompat/v7");
        server.requiredAuthorization = BASIC_HEADER;
        client = new RestSchemaRegistryClient(List.of(server.url() + "/"), BASIC_AUTH);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void registersUnderTheBasePathWithConfluentHeadersAndBasicAuth() {
        int id = client.register("inventory.sales-value", SaleEvent.getClassSchema());

        assertThat(id).isEqualTo(100);
        assertThat(server.requests).containsExactly("POST /apis/ccompat/v7/subjects/inventory.sales-value/versions");
        Map<String, String> h = server.headers.get(0);
        assertThat(h.get("content-type")).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(h.get("accept")).startsWith("application/vnd.schemaregistry.v1+json");
        assertThat(h.get("authorization")).isEqualTo(BASIC_HEADER);
    }

    @Test
    void cachesSoTheHotPathMakesNoHttpCalls() {
        int id = client.register("inventory.sales-value", SaleEvent.getClassSchema());
        assertThat(client.register("inventory.sales-value", SaleEvent.getClassSchema())).isEqualTo(id);
        assertThat(client.idFor("inventory.sales-value", SaleEvent.getClassSchema())).contains(id);
        assertThat(client.schemaById(id)).isEqualTo(SaleEvent.getClassSchema());
        assertThat(server.requestCount.get()).isEqualTo(1);

        RestSchemaRegistryClient reader = new RestSchemaRegistryClient(List.of(server.url()), BASIC_AUTH);
        assertThat(reader.schemaById(id).getFullName()).isEqualTo("io.stockpulse.avro.SaleEvent");
        assertThat(reader.schemaById(id)).isSameAs(reader.schemaById(id));
        assertThat(reader.idFor("inventory.sales-value", SaleEvent.getClassSchema())).contains(id);
        assertThat(reader.idFor("inventory.sales-value", SaleEvent.getClassSchema())).contains(id);
        assertThat(server.requests).containsExactly(
                "POST /apis/ccompat/v7/subjects/inventory.sales-value/versions",
                "GET /apis/ccompat/v7/schemas/ids/" + id,
                "POST /apis/ccompat/v7/subjects/inventory.sales-value");
    }

    @Test
    void lookupWithoutRegistering() {
        assertThat(client.idFor("inventory.sales-value", SaleEvent.getClassSchema())).isEmpty(); // 40401
        client.register("inventory.sales-value", SkuPolicy.getClassSchema());
        assertThat(client.idFor("inventory.sales-value", SaleEvent.getClassSchema())).isEmpty(); // 40403
        assertThat(server.requests).filteredOn(r -> r.endsWith("/versions")).hasSize(1);
    }

    @Test
    void unknownIdNamesPathStatusAndRegistryError() {
        assertThatThrownBy(() -> client.schemaById(999))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                })
                .hasMessageContainingAll("GET /schemas/ids/999", "HTTP 404", "error_code 40403", "Schema not found",
                        server.url());
    }

    @Test
    void wrongCredentialsAre401AndNeverEchoSecrets() {
        RestSchemaRegistryClient wrong = new RestSchemaRegistryClient(List.of(server.url()), Map.of(
                AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                AvroSerdeConfig.BASIC_AUTH_USER_INFO, "svc-stockpulse:wrong-" + SECRET));
        assertThatThrownBy(() -> wrong.register("x-value", SaleEvent.getClassSchema()))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContainingAll("POST /subjects/x-value/versions", "HTTP 401", "Unauthorized")
                .message().doesNotContain(SECRET);
        assertThat(wrong.toString()).doesNotContain(SECRET).contains("auth=basic");
    }

    @Test
    void bearerTokenAndUrlUserInfo() {
        server.requiredAuthorization = "Bearer tok-123";
        RestSchemaRegistryClient bearer = new RestSchemaRegistryClient(List.of(server.url()),
                Map.of(AvroSerdeConfig.BEARER_AUTH_TOKEN, "tok-123"));
        assertThat(bearer.versions("nothing-value")).isEmpty();

        server.requiredAuthorization = "Basic " + Base64.getEncoder().encodeToString("u:p w".getBytes(StandardCharsets.UTF_8));
        String withUserInfo = server.url().replace("http://", "http://u:p%20w@");
        RestSchemaRegistryClient urlAuth = new RestSchemaRegistryClient(List.of(withUserInfo), Map.of());
        assertThat(urlAuth.versions("nothing-value")).isEmpty();
        assertThat(urlAuth.toString()).doesNotContain("p%20w").doesNotContain("u:p");
    }

    @Test
    void compatibilityAndVersions() {
        String subject = "inventory.sales-value";
        assertThat(client.isCompatible(subject, SaleEvent.getClassSchema())).as("no subject yet").isTrue();
        assertThat(client.versions(subject)).isEmpty();
        client.register(subject, SampleRecords.withoutField(SaleEvent.getClassSchema(), "orderId"));
        assertThat(client.isCompatible(subject, SaleEvent.getClassSchema())).isTrue();
        assertThat(client.isCompatible(subject, SkuPolicy.getClassSchema())).isFalse();
        client.register(subject, SaleEvent.getClassSchema());
        assertThat(client.versions(subject)).containsExactly(1, 2);
        assertThat(server.requests).contains("POST /apis/ccompat/v7/compatibility/subjects/" + subject + "/versions/latest");
    }

    @Test
    void subjectsArePercentEncoded() {
        int id = client.register("odd topic/x-value", SaleEvent.getClassSchema());
        assertThat(server.requests).containsExactly("POST /apis/ccompat/v7/subjects/odd%20topic%2Fx-value/versions");
        assertThat(new RestSchemaRegistryClient(List.of(server.url()), BASIC_AUTH)
                .idFor("odd topic/x-value", SaleEvent.getClassSchema())).contains(id);
    }

    @Test
    void failsOverToTheNextUrlOnConnectionFailure() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        String dead = "http://127.0.0.1:" + deadPort + "/apis/ccompat/v7";
        RestSchemaRegistryClient twoUrls = (RestSchemaRegistryClient) SchemaRegistryClients.create(
                dead + "," + server.url(), BASIC_AUTH);
        assertThat(twoUrls.register("a-value", SaleEvent.getClassSchema())).isEqualTo(100);

        RestSchemaRegistryClient onlyDead = new RestSchemaRegistryClient(List.of(dead), BASIC_AUTH);
        assertThatThrownBy(() -> onlyDead.schemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(-1))
                .hasMessageContainingAll("GET /schemas/ids/1", "no registry reachable", "127.0.0.1:" + deadPort);
    }

    @Test
    void requestTimeout() {
        server.delayMillis = 1_500;
        RestSchemaRegistryClient impatient = new RestSchemaRegistryClient(List.of(server.url()),
                Map.of("schema.registry.basic.auth.user.info", "svc-stockpulse:" + SECRET,
                        AvroSerdeConfig.HTTP_READ_TIMEOUT_MS, "200"));
        assertThatThrownBy(() -> impatient.versions("a-value"))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("timed out");
    }

    @Test
    void nonJsonErrorBodyIsQuoted() {
        server.failNextWithStatus = 502;
        assertThatThrownBy(() -> client.register("a-value", SaleEvent.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(-1))
                .hasMessageContainingAll("HTTP 502", "Bad Gateway");
        assertThat(client.register("a-value", SaleEvent.getClassSchema())).as("errors are not cached").isEqualTo(100);
    }

    @Test
    void serdeEndToEndOverRestMakesOneCallPerSchema() {
        Map<String, Object> props = Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, server.url(),
                AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                AvroSerdeConfig.BASIC_AUTH_USER_INFO, "svc-stockpulse:" + SECRET,
                AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, SaleEvent.class.getName());
        ConfluentAvroSerializer<SaleEvent> ser = new ConfluentAvroSerializer<>();
        ser.configure(props, false);
        ConfluentAvroDeserializer<SaleEvent> de = new ConfluentAvroDeserializer<>();
        de.configure(props, false);

        for (int i = 0; i < 50; i++) {
            SaleEvent in = SampleRecords.sale("E-" + i);
            assertThat(de.deserialize("inventory.sales", ser.serialize("inventory.sales", in))).isEqualTo(in);
        }
        assertThat(server.requests).containsExactly(
                "POST /apis/ccompat/v7/subjects/inventory.sales-value/versions",
                "GET /apis/ccompat/v7/schemas/ids/100");

        assertThatThrownBy(() -> de.deserialize("inventory.sales", new byte[] {0, 0, 0, 3, (byte) 0xE7, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContainingAll("Unknown schema id 999", "error_code 40403");
        ser.close();
        de.close();
    }

    @Test
    void registryOutageOnDeserializeIsNotReportedAsUnknownId() {
        int id = client.register("a-value", SaleEvent.getClassSchema());
        byte[] bytes = new ConfluentAvroSerializer<>(SaleEvent.class, client, false).serialize("a", SampleRecords.sale("E"));
        server.failNextWithStatus = 503;
        ConfluentAvroDeserializer<SaleEvent> de = new ConfluentAvroDeserializer<>(SaleEvent.class,
                new RestSchemaRegistryClient(List.of(server.url()), BASIC_AUTH));
        // An infrastructure fault: its own type, so the dead-letter handler retries instead of parking the record.
        assertThatThrownBy(() -> de.deserialize("a", bytes))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContainingAll("unavailable while fetching writer schema id " + id, "HTTP 503")
                .message().doesNotContain("Unknown schema id");
        assertThat(de.deserialize("a", bytes)).isEqualTo(SampleRecords.sale("E"));
    }

    @Test
    void schemaParsedFromRegistryMatchesTheClassSchema() {
        Schema fetched = new RestSchemaRegistryClient(List.of(server.url()), BASIC_AUTH)
                .schemaById(client.register("a-value", SaleEvent.getClassSchema()));
        assertThat(fetched).isEqualTo(SaleEvent.getClassSchema());
    }
}
