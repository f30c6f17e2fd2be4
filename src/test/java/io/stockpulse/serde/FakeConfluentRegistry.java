package io.stockpulse.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * The handful of Confluent Schema Registry endpoints our client uses, on a JDK HttpServer, under a
 * context path (like Apicurio's /apis/ccompat/v7). Records every request.
 */
final class FakeConfluentRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final List<Map<String, String>> headers = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger requestCount = new AtomicInteger();
    volatile String requiredAuthorization;
    volatile long delayMillis;
    volatile int failNextWithStatus;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final String context;
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> subjects = new LinkedHashMap<>();
    private int nextId = 100;

    FakeConfluentRegistry(String context) throws IOException {
        this.context = context;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(context.isEmpty() ? "/" : context, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + context;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String rawPath = ex.getRequestURI().getRawPath().substring(context.length());
            String method = ex.getRequestMethod();
            requests.add(method + " " + ex.getRequestURI().getRawPath());
            requestCount.incrementAndGet();
            Map<String, String> h = new HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(), String.join(",", v)));
            headers.add(h);
            byte[] body = ex.getRequestBody().readAllBytes();
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            int forced = failNextWithStatus;
            if (forced != 0) {
                failNextWithStatus = 0;
                send(ex, forced, "<html><body>Bad Gateway</body></html>");
                return;
            }
            if (requiredAuthorization != null && !requiredAuthorization.equals(h.get("authorization"))) {
                send(ex, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
                return;
            }
            String[] seg = rawPath.substring(1).split("/");
            for (int i = 0; i < seg.length; i++) {
                seg[i] = URLDecoder.decode(seg[i], StandardCharsets.UTF_8);
            }
            synchronized (this) {
                route(ex, method, seg, body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void route(HttpExchange ex, String method, String[] seg, byte[] body) throws IOException {
        if (method.equals("GET") && seg.length == 3 && seg[0].equals("schemas") && seg[1].equals("ids")) {
            String schema = schemasById.get(Integer.parseInt(seg[2]));
            if (schema == null) {
                send(ex, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
            } else {
                send(ex, 200, JSON.writeValueAsString(Map.of("schema", schema)));
            }
        } else if (method.equals("POST") && seg.length == 3 && seg[0].equals("subjects") && seg[2].equals("versions")) {
            String schema = canonical(body);
            Integer id = idsBySchema.computeIfAbsent(schema, s -> nextId++);
            schemasById.put(id, schema);
            List<Integer> versions = subjects.computeIfAbsent(seg[1], s -> new ArrayList<>());
            if (!versions.contains(id)) {
                versions.add(id);
            }
            send(ex, 200, "{\"id\":" + id + "}");
        } else if (method.equals("POST") && seg.length == 2 && seg[0].equals("subjects")) {
            List<Integer> versions = subjects.get(seg[1]);
            Integer id = idsBySchema.get(canonical(body));
            if (versions == null) {
                send(ex, 404, "{\"error_code\":40401,\"message\":\"Subject '" + seg[1] + "' not found.\"}");
            } else if (id == null || !versions.contains(id)) {
                send(ex, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
            } else {
                send(ex, 200, JSON.writeValueAsString(Map.of("subject", seg[1], "id", id,
                        "version", versions.indexOf(id) + 1, "schema", schemasById.get(id))));
            }
        } else if (method.equals("GET") && seg.length == 3 && seg[0].equals("subjects") && seg[2].equals("versions")) {
            List<Integer> versions = subjects.get(seg[1]);
            if (versions == null) {
                send(ex, 404, "{\"error_code\":40401,\"message\":\"Subject '" + seg[1] + "' not found.\"}");
            } else {
                List<Integer> numbers = new ArrayList<>();
                for (int v = 1; v <= versions.size(); v++) {
                    numbers.add(v);
                }
                send(ex, 200, JSON.writeValueAsString(numbers));
            }
        } else if (method.equals("POST") && seg.length == 5 && seg[0].equals("compatibility")) {
            List<Integer> versions = subjects.get(seg[2]);
            if (versions == null) {
                send(ex, 404, "{\"error_code\":40401,\"message\":\"Subject '" + seg[2] + "' not found.\"}");
                return;
            }
            Schema latest = new Schema.Parser().parse(schemasById.get(versions.get(versions.size() - 1)));
            Schema candidate = new Schema.Parser().parse(canonical(body));
            boolean ok = SchemaCompatibility.checkReaderWriterCompatibility(candidate, latest).getType()
                    == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
            send(ex, 200, "{\"is_compatible\":" + ok + "}");
        } else {
            send(ex, 404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
        }
    }

    private static String canonical(byte[] body) throws IOException {
        JsonNode n = JSON.readTree(body);
        return new Schema.Parser().parse(n.get("schema").asText()).toString();
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
