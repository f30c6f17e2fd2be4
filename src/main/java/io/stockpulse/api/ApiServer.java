package io.stockpulse.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stockpulse.metrics.StockPulseMetrics;
import io.stockpulse.signals.HealthSignals;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The instance's HTTP server: health probes, Prometheus metrics and the read-only JSON API.
 *
 * <p>Built on the JDK's own {@code com.sun.net.httpserver} (module jdk.httpserver) rather than a web
 * framework: the API is a handful of read-only GET routes, and the classpath already carries the
 * embedded broker's and the registry's Jetty/Netty versions, which a framework's server would have to
 * agree with. The JDK server adds no dependency and no version to keep in step.
 *
 * <p>The socket is bound when the instance is built (so {@code http.port=0} has its real port before
 * Kafka Streams is given {@code application.server}); requests are served from {@link #start}.
 */
public final class ApiServer implements AutoCloseable {

    static {
        // before this class builds the JVM's first HttpServer, which reads them once
        ServerLimits.apply();
    }

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** Longest request target accepted; the API's paths and parameters are short. */
    static final int MAX_URI_LENGTH = 2048;
    static final ObjectMapper JSON = new ObjectMapper();
    /** The dashboard: a fixed list of classpath files (no path from the request reaches the class loader). */
    private static final Map<String, String[]> STATIC = Map.of(
            "/", new String[]{"/io/stockpulse/api/dashboard/index.html", "text/html; charset=utf-8"},
            "/dashboard/common.js", script("common.js"),
            "/dashboard/report.js", script("report.js"),
            "/dashboard/sku.js", script("sku.js"),
            "/dashboard/curve.js", script("curve.js"),
            "/dashboard/app.js", script("app.js"),
            "/webjars/chart.js/chart.umd.js", new String[]{"/META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.js",
                    "text/javascript; charset=utf-8"});

    private static String[] script(String name) {
        return new String[]{"/io/stockpulse/api/dashboard/" + name, "text/javascript; charset=utf-8"};
    }

    private final HttpServer server;
    private final String advertisedHost;
    private final byte[] token;
    private final String simulateFile;
    private ExecutorService executor;
    private StockPulseMetrics metrics;
    private KafkaStreams streams;
    private HealthSignals health;
    private ApiRoutes routes;

    private ApiServer(HttpServer server, ApiSettings settings) {
        this.server = server;
        this.advertisedHost = settings.advertisedHost();
        this.token = settings.authToken().isEmpty() ? null : settings.authToken().getBytes(StandardCharsets.UTF_8);
        this.simulateFile = settings.simulateFile();
    }

    /** Binds {@code http.bind.address:http.port}; a taken port or unknown address is a start-up error naming the key. */
    public static ApiServer bind(ApiSettings settings) {
        int port = settings.port();
        String host = settings.bindAddress();
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new ConfigException(ApiSettings.BIND_ADDRESS_KEY, host, "not an address of this host");
        }
        try {
            HttpServer server = HttpServer.create(address, 0);
            return new ApiServer(server, settings);
        } catch (BindException e) {
            throw new ConfigException(ApiSettings.PORT_KEY, port, "cannot listen there: " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException(ApiSettings.PORT_KEY, port, "cannot open the HTTP server: " + e.getMessage());
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** host:port as other instances reach this one: Kafka Streams' {@code application.server}. */
    public String endpoint() {
        return advertisedHost + ":" + port();
    }

    /** Starts serving the instance's health, metrics and API. */
    public synchronized void start(ApiBackend backend) {
        this.streams = backend.streams();
        this.health = backend.health();
        this.metrics = backend.metrics();
        this.routes = new ApiRoutes(backend, this, simulateFile);
        executor = ServerLimits.connectionExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle).getFilters().add(ServerLimits.securityHeaders());
        server.start();
        LOG.info("HTTP server on {}:{} (advertised as {})", server.getAddress().getAddress().getHostAddress(), port(),
                endpoint());
    }

    /** Alert streams open now (each holds one of the stream pool's slots). */
    public int alertStreams() {
        return routes == null ? 0 : routes.alertStreams();
    }

    private void handle(HttpExchange exchange) {
        boolean handedOff = false;
        try {
            handedOff = handleOpen(exchange);
        } finally {
            if (!handedOff) {
                exchange.close();
            }
        }
    }

    /** True when the exchange was handed to the alert stream's pool, which closes it. */
    private boolean handleOpen(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getPath();
            if (refused(exchange)) {
                return false;
            }
            if (path.equals("/health/live") || path.equals("/health/ready")) {
                probe(exchange, path);
            } else if (path.equals("/metrics")) {
                send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                        metrics.scrape().getBytes(StandardCharsets.UTF_8));
            } else if (STATIC.containsKey(path)) {
                String[] file = STATIC.get(path);
                try (InputStream in = ApiServer.class.getResourceAsStream(file[0])) {
                    if (in == null) {
                        throw new ApiException(404, "not packaged: " + path);
                    }
                    send(exchange, 200, file[1], in.readAllBytes());
                }
            } else if (path.startsWith("/api/")) {
                if (!authorized(exchange)) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                    sendError(exchange, 401, "missing or wrong bearer token");
                    return false;
                }
                return routes.handle(exchange, path);
            } else {
                sendError(exchange, 404, "no such resource: " + path);
            }
        } catch (ApiException e) {
            sendError(exchange, e.status(), e.getMessage());
        } catch (IOException e) {
            LOG.debug("HTTP {} {}: client went away", exchange.getRequestMethod(),
                    ServerLimits.loggable(exchange.getRequestURI()), e);
        } catch (RuntimeException e) {
            // the client learns that it failed, the log learns why
            LOG.error("HTTP {} {} failed", exchange.getRequestMethod(), ServerLimits.loggable(exchange.getRequestURI()), e);
            sendError(exchange, 500, "internal error");
        }
        return false;
    }

    /** Answers and returns true for requests the server never serves: too long, with a body, not a read. */
    private static boolean refused(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().toString().length() > MAX_URI_LENGTH) {
            sendError(exchange, 414, "request target longer than " + MAX_URI_LENGTH + " characters");
            return true;
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if ((length != null && !length.equals("0")) || exchange.getRequestHeaders().containsKey("Transfer-Encoding")) {
            sendError(exchange, 413, "requests carry no body");
            return true;
        }
        if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            sendError(exchange, 405, "read-only API: use GET");
            return true;
        }
        return false;
    }

    /** /health/live and /health/ready. */
    private void probe(HttpExchange exchange, String path) throws IOException {
        KafkaStreams.State state = streams.state();
        if (path.equals("/health/live")) {
            boolean alive = HealthSignals.alive(state);
            sendJson(exchange, alive ? 200 : 503, Map.of("status", alive ? "UP" : "DOWN", "streams", state.name()));
            return;
        }
        // Not only the Streams state: a registry outage (processing paused) or a stream thread
        // crash loop leaves Kafka Streams RUNNING while nothing is processed.
        HealthSignals.Readiness readiness = health.readiness(state);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", readiness.ready() ? "UP" : "DOWN");
        body.put("streams", state.name());
        if (!readiness.ready()) {
            body.put("reasons", readiness.reasons());
        }
        sendJson(exchange, readiness.ready() ? 200 : 503, body);
    }

    private boolean authorized(HttpExchange exchange) {
        if (token == null) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String query = exchange.getRequestURI().getRawQuery();
        if (header == null && query != null && exchange.getRequestURI().getPath().equals("/api/alerts/stream")) {
            // a browser's EventSource cannot send headers: the stream alone takes the token as a parameter
            for (String pair : query.split("&")) {
                if (pair.startsWith("access_token=")) {
                    header = "Bearer " + URLDecoder.decode(pair.substring("access_token=".length()),
                            StandardCharsets.UTF_8);
                }
            }
        }
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        // constant time, so the comparison does not leak how much of a guess was right
        return MessageDigest.isEqual(token, header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8));
    }

    static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    static void sendError(HttpExchange exchange, int status, String message) {
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", status);
            body.put("error", message);
            sendJson(exchange, status, body);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not send the error response", e);
        }
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (routes != null) {
            routes.close();
        }
        server.stop(0);
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
