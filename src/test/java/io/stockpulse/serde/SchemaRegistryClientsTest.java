package io.stockpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockpulse.avro.SaleEvent;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientsTest {

    @Test
    void mockUrlsGiveTheSharedScope() {
        try {
            assertThat(SchemaRegistryClients.create("mock://clients-test", null))
                    .isSameAs(InMemorySchemaRegistryClient.forScope("clients-test"))
                    .isSameAs(SchemaRegistryClients.create(" mock://clients-test ", Map.of()));
        } finally {
            InMemorySchemaRegistryClient.dropScope("clients-test");
        }
    }

    @Test
    void httpUrlsGiveTheRestClient() {
        SchemaRegistryClient c = SchemaRegistryClients.create("https://reg-a:8081, https://reg-b:8081/apis/ccompat/v7/", Map.of());
        assertThat(c).isInstanceOf(RestSchemaRegistryClient.class);
        assertThat(c.toString()).contains("https://reg-a:8081", "https://reg-b:8081/apis/ccompat/v7]", "auth=none");
    }

    @Test
    void badUrlsAreConfigErrors() {
        assertThatThrownBy(() -> SchemaRegistryClients.create(null, Map.of())).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> SchemaRegistryClients.create(" ", Map.of())).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> SchemaRegistryClients.create("mock://", Map.of())).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> SchemaRegistryClients.create("ftp://reg:21", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("expected http(s)://");
        assertThatThrownBy(() -> SchemaRegistryClients.create("http://a:1,mock://x", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mock://");
        assertThatThrownBy(() -> SchemaRegistryClients.create("ftp://user:hunter2@reg", Map.of()))
                .isInstanceOf(ConfigException.class).message().doesNotContain("hunter2");
    }

    @Test
    void authMisconfigurationIsReportedWithoutSecrets() {
        assertThatThrownBy(() -> SchemaRegistryClients.create("http://reg:8081",
                Map.of(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.user.info");
        assertThatThrownBy(() -> SchemaRegistryClients.create("http://reg:8081",
                Map.of(AvroSerdeConfig.BASIC_AUTH_USER_INFO, "no-colon-hunter2")))
                .isInstanceOf(ConfigException.class).message().doesNotContain("hunter2");
        assertThatThrownBy(() -> SchemaRegistryClients.create("http://reg:8081",
                Map.of(AvroSerdeConfig.BASIC_AUTH_USER_INFO, "u:hunter2", AvroSerdeConfig.BEARER_AUTH_TOKEN, "t")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> SchemaRegistryClients.create("http://reg:8081",
                Map.of(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SASL_INHERIT");
        assertThatThrownBy(() -> SchemaRegistryClients.create("http://reg:8081",
                Map.of(AvroSerdeConfig.HTTP_CONNECT_TIMEOUT_MS, "soon")))
                .isInstanceOf(ConfigException.class);

        Map<String, Object> kafkaStyle = new HashMap<>();
        kafkaStyle.put("schema.registry.basic.auth.user.info", new Password("u:hunter2"));
        SchemaRegistryClient c = SchemaRegistryClients.create("http://u2:pw@reg:8081", kafkaStyle);
        assertThat(c.toString()).contains("auth=basic", "http://reg:8081").doesNotContain("hunter2").doesNotContain("pw");
    }

    @Test
    void serdeConfigurationErrors() {
        assertThatThrownBy(() -> new ConfluentAvroSerializer<SaleEvent>().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> new ConfluentAvroDeserializer<SaleEvent>()
                .configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://x"), true))
                .isInstanceOf(ConfigException.class).hasMessageContaining("specific.avro.key.type");
        assertThatThrownBy(() -> new ConfluentAvroDeserializer<SaleEvent>()
                .configure(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, "java.lang.String"), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not an Avro SpecificRecord");
        assertThatThrownBy(() -> new ConfluentAvroDeserializer<SaleEvent>()
                .configure(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, "io.stockpulse.avro.Nope"), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("class not found");
        assertThatThrownBy(() -> new ConfluentAvroSerializer<SaleEvent>()
                .configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://x", AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "yes"), false))
                .isInstanceOf(ConfigException.class);
        InMemorySchemaRegistryClient.dropScope("x");
    }
}
