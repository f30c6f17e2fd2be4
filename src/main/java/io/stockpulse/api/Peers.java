package io.stockpulse.api;

import com.sun.net.httpserver.HttpExchange;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The other instances of the application, as the API reaches them: a request for state held elsewhere
 * is forwarded once to the instance's {@code application.server}, marked so that it is never forwarded
 * again (no loops while partitions move).
 */
final class Peers {

    /** Marks a forwarded request, so an instance never forwards it again (no loops during rebalances). */
    static final String FORWARDED = "X-StockPulse-Forwarded";
    /** On report answers: true when a copy that may lag answered (the owner rebalancing, or a standby). */
    static final String STALE_HEADER = "X-StockPulse-Stale";
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(10);

    private final ApiServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    Peers(ApiServer server) {
        this.server = server;
    }

    /** Answers a request from this instance's copy of a partition (an ApiException when it cannot). */
    interface LocalCopy {
        void answer() throws IOException;
    }

    /**
     * Kafka Streams serves its stores while it rebalances too (stale copies, KIP-535): only a stopped or
     * failed instance has nothing to read.
     */
    static void requireQueryable(KafkaStreams streams) {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            throw new ApiException(503, "not ready: Kafka Streams is " + state);
        }
    }

    /**
     * Where the partition of {@code key} in {@code store} lives, active and standby copies; 503 with
     * {@code unavailable} while Kafka Streams knows no owner (rebalancing), or when it serves nothing.
     */
    static KeyQueryMetadata ownerOf(KafkaStreams streams, String store, String key, String unavailable) {
        requireQueryable(streams);
        KeyQueryMetadata owner = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new ApiException(503, unavailable);
        }
        return owner;
    }

    /**
     * Answers from the first copy of the partition that can: the owner's, then each standby's, in the
     * order Kafka Streams lists them; this instance's own copy through {@code here}, the others' by
     * asking them once. A 4xx answer is final; a 5xx (or no answer) tries the next copy. A forwarded
     * request is answered from here only.
     */
    void answerFromCopies(HttpExchange exchange, KeyQueryMetadata owner, LocalCopy here) throws IOException {
        if (wasForwarded(exchange)) {
            here.answer();
            return;
        }
        List<HostInfo> holders = new ArrayList<>();
        holders.add(owner.activeHost());
        holders.addAll(owner.standbyHosts());
        ApiException failure = null;
        for (HostInfo holder : holders) {
            try {
                if (isSelf(holder)) {
                    here.answer();
                    return;
                }
                HttpResponse<String> answer = ask(exchange, holder);
                if (answer.statusCode() < 500) {
                    send(exchange, answer);
                    return;
                }
                failure = new ApiException(answer.statusCode(), "the copy at " + holder.host() + ":" + holder.port()
                        + " could not answer: " + answer.body());
            } catch (ApiException e) {
                if (e.status() < 500) {
                    throw e;
                }
                failure = e; // the next copy may answer
            }
        }
        throw failure;
    }

    String self() {
        return server.endpoint();
    }

    boolean isSelf(HostInfo host) {
        return (host.host() + ":" + host.port()).equals(server.endpoint());
    }

    static boolean wasForwarded(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst(FORWARDED) != null;
    }

    /** Answers the exchange with the owner's answer to the same path and query. */
    void forward(HttpExchange exchange, HostInfo owner) throws IOException {
        send(exchange, ask(exchange, owner));
    }

    /** The owner's answer to the exchange's own path and query (the query matters: ?location=WH1). */
    HttpResponse<String> ask(HttpExchange exchange, HostInfo owner) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        return get(exchange, owner, exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
    }

    static void send(HttpExchange exchange, HttpResponse<String> response) throws IOException {
        response.headers().firstValue(STALE_HEADER).ifPresent(stale -> exchange.getResponseHeaders().set(STALE_HEADER, stale));
        ApiServer.send(exchange, response.statusCode(), "application/json", response.body().getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(HttpExchange exchange, HostInfo host, String pathAndQuery) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port()
                        + pathAndQuery))
                .timeout(FORWARD_TIMEOUT).header(FORWARDED, server.endpoint());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted while asking " + host.host() + ":" + host.port());
        } catch (IOException e) {
            throw new ApiException(502, "the owning instance " + host.host() + ":" + host.port() + " did not answer");
        }
    }
}
