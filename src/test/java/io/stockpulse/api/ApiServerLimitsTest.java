package io.stockpulse.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP server under misbehaving clients (no broker: Kafka Streams stays CREATED): slow clients
 * hold no thread the health probe needs and are cut off, every response carries the security
 * headers, and a request's query (the alert stream's token) never reaches the log.
 */
class ApiServerLimitsTest {

    @TempDir
    static Path temp;
    static StockPulseApp app;
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static StockPulseConfig config(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(extra);
        values.putIfAbsent("http.bind.address", "127.0.0.1");
        // the alert stream's consumer gives up on the unreachable broker at once, so its failure is logged
        values.putIfAbsent("kafka.default.api.timeout.ms", "500");
        values.putIfAbsent("kafka.request.timeout.ms", "500");
        return UnstartedInstance.config(temp.resolve("state"), "api-limits-test", "t0ken-9f2e", values);
    }

    @BeforeAll
    static void start() {
        app = new StockPulseApp(config(Map.of()));
        app.http().start(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.http().port() + path))
                .timeout(Duration.ofSeconds(2));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A client that sends the first byte of a request and then nothing: the server reads on, blocked. */
    static Socket slowClient() throws Exception {
        Socket socket = new Socket("127.0.0.1", app.http().port());
        OutputStream out = socket.getOutputStream();
        out.write('G');
        out.flush();
        return socket;
    }

    @Test
    void healthAnswersWhileManySlowClientsHoldTheirConnections() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            // more than the eight threads the server used to have, and than the alert stream's slots
            for (int i = 0; i < 24; i++) {
                slow.add(slowClient());
            }
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                HttpResponse<String> live = get("/health/live");
                assertThat(live.statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            }
            assertThat(get("/health/ready").statusCode()).isEqualTo(503);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aRequestNotReadWithinTheLimitIsCutOff() throws Exception {
        try (Socket socket = slowClient()) {
            socket.setSoTimeout((ServerLimits.MAX_REQUEST_SECONDS + 5) * 1000);
            long started = System.nanoTime();
            InputStream in = socket.getInputStream();
            int read;
            try {
                read = in.read();
            } catch (java.net.SocketException reset) {
                read = -1;
            }
            assertThat(read).as("the server closed the connection").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(Duration.ofSeconds(ServerLimits.MAX_REQUEST_SECONDS + 3));
        }
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (HttpResponse<String> response : List.of(get("/health/live"), get("/"), get("/nope"), get("/api/alerts"),
                get("/metrics"))) {
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(response.uri().getPath())
                    .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'", "default-src 'self'"));
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        }
    }

    @Test
    void theStreamTokenNeverReachesTheLog() throws Exception {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger api = (Logger) LoggerFactory.getLogger("io.stockpulse.api");
        Level before = api.getLevel();
        api.setLevel(Level.DEBUG);
        appender.start();
        root.addAppender(appender);
        try {
            // the broker is unreachable: the stream fails after its consumer's timeout and logs why
            CLIENT.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.http().port()
                    + "/api/alerts/stream?access_token=t0ken-9f2e")).build(), HttpResponse.BodyHandlers.discarding());
            await().atMost(Duration.ofSeconds(20)).until(() -> appender.list.stream()
                    .anyMatch(e -> e.getFormattedMessage().contains("/api/alerts/stream?[redacted]")));
            await().atMost(Duration.ofSeconds(5)).until(() -> app.http().alertStreams() == 0);
            for (ILoggingEvent event : appender.list) {
                String text = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                        : ThrowableProxyUtil.asString(event.getThrowableProxy()));
                assertThat(text).doesNotContain("t0ken-9f2e");
            }
        } finally {
            root.detachAppender(appender);
            api.setLevel(before);
        }
    }

    @Test
    void anAddressOfAnotherHostIsAStartUpErrorNamingTheKey() {
        assertThatThrownBy(() -> ApiServer.bind(new ApiSettings("no-such-host.invalid", 0, "localhost", "", "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.bind.address");
        assertThat(ServerLimits.loggable(URI.create("/api/alerts/stream?access_token=abc&x=1")))
                .isEqualTo("/api/alerts/stream?[redacted]");
        assertThat(ServerLimits.loggable(URI.create("/health/live"))).isEqualTo("/health/live");
    }
}
