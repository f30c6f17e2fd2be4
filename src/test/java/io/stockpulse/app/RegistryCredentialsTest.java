package io.stockpulse.app;

import com.sun.net.httpserver.HttpServer;
import io.stockpulse.serde.SchemaRegistryClient;
import io.stockpulse.serde.SchemaRegistryClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registry credentials given as STOCKPULSE_SCHEMA_REGISTRY_* environment variables (how Kubernetes
 * secrets arrive) reach the registry as the Authorization header, through the settings StockPulseApp
 * hands to its registry client ({@code config.originals()}).
 */
class RegistryCredentialsTest {

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "[1]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopRegistry() {
        server.stop(0);
    }

    private List<Integer> versionsWith(Map<String, String> env) {
        StockPulseConfig config = StockPulseConfig.load(null, env, Map.of("bootstrap.servers", "127.0.0.1:9",
                "schema.registry.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7"));
        try (SchemaRegistryClient client = SchemaRegistryClients.create(
                config.getString(StockPulseConfig.SCHEMA_REGISTRY_URL), config.originals())) {
            return client.versions("inventory.sales-value");
        }
    }

    @Test
    void basicAuthFromTheEnvironment() {
        assertThat(versionsWith(Map.of("STOCKPULSE_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "stockpulse:s3cret")))
                .containsExactly(1);
        assertThat(authorizations).containsExactly("Basic "
                + Base64.getEncoder().encodeToString("stockpulse:s3cret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bearerTokenFromTheEnvironment() {
        assertThat(versionsWith(Map.of("STOCKPULSE_SCHEMA_REGISTRY_BEARER_AUTH_TOKEN", "tok-123"))).containsExactly(1);
        assertThat(authorizations).containsExactly("Bearer tok-123");
    }

    @Test
    void noCredentialsNoHeader() {
        versionsWith(Map.of());
        assertThat(authorizations).containsExactly("null");
    }
}
