package io.stockpulse.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SchemaRegistryClient} over the Confluent Schema Registry REST API, as served by Confluent
 * SR, Apicurio ({@code http://host:8080/apis/ccompat/v7}), Karapace and Redpanda.
 *
 * <p>Why written by hand: Confluent's client is not on Maven Central; {@code java.net.http} and
 * Jackson are enough for the five endpoints we use.
 *
 * <ul>
 *   <li><b>Caching.</b> id → schema and (subject, schema) → id are cached forever (registrations
 *       are immutable), so each schema costs one HTTP call per client; the per-record hot path is
 *       a map lookup. Negative lookups and compatibility checks are not cached.</li>
 *   <li><b>Several URLs.</b> They are tried in turn when a request fails with an I/O error
 *       (connection refused, timeout); all our requests are idempotent, so retrying is safe. The
 *       last URL that answered is tried first next time. HTTP error responses are not retried.</li>
 *   <li><b>Auth/TLS.</b> Basic auth ({@code basic.auth.credentials.source=USER_INFO} +
 *       {@code basic.auth.user.info}, or user info in the URL) or a static bearer token
 *       ({@code bearer.auth.token}). TLS uses the JVM default {@code SSLContext}, i.e. the
 *       {@code javax.net.ssl.trustStore}/{@code trustStorePassword}/{@code trustStoreType} (and
 *       {@code keyStore*} for mutual TLS) system properties. Secrets are never logged.</li>
 *   <li><b>HTTP/1.1</b> is forced: plain-http HTTP/2 upgrade attempts confuse some proxies.</li>
 * </ul>
 *
 * <p>Failures are {@link SchemaRegistryException}s naming method, path, HTTP status and the
 * registry's {@code error_code}/{@code message}.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    private static final Logger log = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    /** Media type of the Confluent API (request bodies). */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** Accept header, as Confluent's own client sends it. */
    static final String ACCEPT = CONTENT_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record SubjectSchema(String subject, Schema schema) { }

    private record Response(String method, String path, String baseUrl, int status, String body) { }

    private final RestClientSettings settings;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private volatile int preferred;

    /** A client for one or more comma-separated URLs, without auth and with default timeouts. */
    public RestSchemaRegistryClient(String baseUrls) {
        this(SchemaRegistryClients.splitUrls(baseUrls), Map.of());
    }

    /**
     * @param baseUrls registry base URLs; each may contain a path ({@code .../apis/ccompat/v7})
     * @param configs  auth and timeout settings, see {@link AvroSerdeConfig}
     */
    public RestSchemaRegistryClient(List<String> baseUrls, Map<String, ?> configs) {
        this.settings = RestClientSettings.from(baseUrls, configs);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        log.info("Schema registry client: {}", settings);
    }

    @Override
    public int register(String subject, Schema schema) {
        return ids.computeIfAbsent(new SubjectSchema(subject, schema), k -> {
            Response r = send("POST", "/subjects/" + encode(subject) + "/versions", body(schema));
            int id = requireInt(r, okJson(r), "id");
            schemasById.putIfAbsent(id, schema);
            log.debug("Registered {} under subject {} as id {}", schema.getFullName(), subject, id);
            return id;
        });
    }

    @Override
    public Schema schemaById(int id) {
        return schemasById.computeIfAbsent(id, k -> {
            Response r = send("GET", "/schemas/ids/" + id, null);
            JsonNode n = okJson(r);
            String type = n.path("schemaType").asText("AVRO");
            if (!type.equalsIgnoreCase("AVRO")) {
                throw failure(r, "schema id " + id + " is a " + type + " schema, not AVRO", null);
            }
            if (n.path("references").size() > 0) {
                throw failure(r, "schema id " + id + " uses schema references, which this client does not support", null);
            }
            if (!n.path("schema").isTextual()) {
                throw failure(r, "response has no 'schema' string", null);
            }
            try {
                return new Schema.Parser().parse(n.get("schema").asText());
            } catch (SchemaParseException e) {
                throw failure(r, "schema id " + id + " is not a valid Avro schema: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public Optional<Integer> idFor(String subject, Schema schema) {
        Integer id = ids.computeIfAbsent(new SubjectSchema(subject, schema), k -> {
            Response r = send("POST", "/subjects/" + encode(subject), body(schema));
            if (r.status == 404 && notFound(r)) {
                return null;
            }
            int found = requireInt(r, okJson(r), "id");
            schemasById.putIfAbsent(found, schema);
            return found;
        });
        return Optional.ofNullable(id);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        Response r = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", body(schema));
        if (r.status == 404 && notFound(r)) {
            return true; // no version yet: anything may become version 1
        }
        JsonNode n = okJson(r);
        if (!n.path("is_compatible").isBoolean()) {
            throw failure(r, "response has no boolean 'is_compatible'", null);
        }
        return n.get("is_compatible").asBoolean();
    }

    @Override
    public List<Integer> versions(String subject) {
        Response r = send("GET", "/subjects/" + encode(subject) + "/versions", null);
        if (r.status == 404 && notFound(r)) {
            return List.of();
        }
        JsonNode n = okJson(r);
        if (!n.isArray()) {
            throw failure(r, "expected a JSON array of versions", null);
        }
        List<Integer> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asInt()));
        return out;
    }

    @Override
    public void close() {
        if (http instanceof AutoCloseable c) { // HttpClient is AutoCloseable from JDK 21
            try {
                c.close();
            } catch (Exception e) {
                log.debug("Closing HttpClient failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "RestSchemaRegistryClient[" + settings + "]";
    }

    private Response send(String method, String path, String body) {
        List<String> urls = settings.baseUrls;
        List<String> failures = new ArrayList<>();
        IOException last = null;
        int start = preferred;
        // Every URL twice: a pooled keep-alive connection the server already dropped can time out
        // once; the registry calls are idempotent (same schema, same id), so a second try is safe.
        for (int i = 0; i < 2 * urls.size(); i++) {
            int idx = (start + i) % urls.size();
            String base = urls.get(idx);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(settings.requestTimeout)
                    .header("Accept", ACCEPT);
            if (settings.authorization != null) {
                b.header("Authorization", settings.authorization);
            }
            if (body != null) {
                b.header("Content-Type", CONTENT_TYPE)
                        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            try {
                HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                preferred = idx;
                return new Response(method, path, base, resp.statusCode(), resp.body());
            } catch (IOException e) {
                last = e;
                failures.add(base + " -> " + e);
                log.warn("Schema registry {} {} failed at {}: {}", method, path, base, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException("Interrupted during schema registry request " + method + " " + path, e);
            }
        }
        throw new SchemaRegistryException("Schema registry request " + method + " " + path
                + " failed: no registry reachable (" + String.join("; ", failures) + ")", -1, -1, last);
    }

    private static JsonNode okJson(Response r) {
        if (r.status < 200 || r.status >= 300) {
            throw failure(r, null, null);
        }
        try {
            return JSON.readTree(r.body == null ? "" : r.body);
        } catch (JsonProcessingException e) {
            throw failure(r, "response is not JSON: " + abbreviate(r.body), e);
        }
    }

    private static boolean notFound(Response r) {
        int code = errorCode(r);
        return code == SchemaRegistryException.SUBJECT_NOT_FOUND || code == SchemaRegistryException.VERSION_NOT_FOUND
                || code == SchemaRegistryException.SCHEMA_NOT_FOUND;
    }

    private static int errorCode(Response r) {
        try {
            JsonNode n = JSON.readTree(r.body == null ? "" : r.body);
            return n != null && n.path("error_code").isInt() ? n.get("error_code").asInt() : -1;
        } catch (JsonProcessingException e) {
            return -1;
        }
    }

    /** Builds the exception for a response; {@code detail} null means "describe the HTTP error". */
    private static SchemaRegistryException failure(Response r, String detail, Throwable cause) {
        int code = errorCode(r);
        StringBuilder m = new StringBuilder("Schema registry request ").append(r.method).append(' ').append(r.path)
                .append(" failed: HTTP ").append(r.status);
        if (detail != null) {
            m.append(", ").append(detail);
        } else if (code >= 0) {
            String msg;
            try {
                msg = JSON.readTree(r.body).path("message").asText("");
            } catch (JsonProcessingException e) {
                msg = "";
            }
            m.append(", error_code ").append(code).append(": ").append(msg);
        } else {
            m.append(": ").append(abbreviate(r.body));
        }
        m.append(" (registry ").append(r.baseUrl).append(')');
        return new SchemaRegistryException(m.toString(), r.status, code, cause);
    }

    private static int requireInt(Response r, JsonNode n, String field) {
        if (!n.path(field).canConvertToInt() || !n.path(field).isNumber()) {
            throw failure(r, "response has no integer '" + field + "': " + abbreviate(r.body), null);
        }
        return n.get(field).asInt();
    }

    private static String body(Schema schema) {
        try {
            return JSON.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Percent-encodes one path segment (URLEncoder is for forms: it turns ' ' into '+'). */
    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        if (s == null || s.isBlank()) {
            return "(empty body)";
        }
        String t = s.strip().replaceAll("\\s+", " ");
        return t.length() <= 200 ? t : t.substring(0, 200) + "...";
    }
}
