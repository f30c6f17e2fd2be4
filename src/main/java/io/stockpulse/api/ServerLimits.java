package io.stockpulse.api;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What keeps the JDK HTTP server answering when clients misbehave: its own time and connection
 * limits, one thread per connection, the security headers of every response and the redaction of
 * request targets in log lines.
 *
 * <p>The JDK server reads the request line and headers on the executor's thread, so a fixed pool of
 * N threads is held by N clients that send one byte and wait. Here each connection gets its own
 * thread (the pool grows to the connection cap, which the server enforces at accept time), and the
 * server closes a connection whose request is not read within {@link #MAX_REQUEST_SECONDS}: a slow
 * client holds one thread for a bounded time and never the thread that answers {@code /health/live}.
 *
 * <p>The JDK reads these limits from system properties once, when its server class is loaded (JDK 17
 * names: {@code sun.net.httpserver.maxReqTime}, {@code sun.net.httpserver.idleInterval},
 * {@code jdk.httpserver.maxConnections}). {@link #apply()} sets them, unless already set by the
 * operator ({@code -D} on the command line wins), from the CLI's main and from ApiServer's static
 * initialiser, i.e. before the first server of the JVM is built. There is no response-time limit
 * ({@code sun.net.httpserver.maxRspTime}): it applies to every connection, and the alert stream is one
 * long response.
 */
final class ServerLimits {

    /** Seconds from a request's first byte until its headers must be read, else the connection is closed. */
    static final int MAX_REQUEST_SECONDS = 10;
    /** Seconds a kept-alive connection may sit idle between requests. */
    static final int IDLE_SECONDS = 30;
    /** Open connections; further ones are closed at accept. Also the bound of the per-connection threads. */
    static final int MAX_CONNECTIONS = 256;
    /** The dashboard's own files, Chart.js drawing on canvases (inline styles), the alert stream (same origin). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, String> PROPERTIES = Map.of(
            "sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS),
            "sun.net.httpserver.idleInterval", Integer.toString(IDLE_SECONDS),
            "jdk.httpserver.maxConnections", Integer.toString(MAX_CONNECTIONS));

    private ServerLimits() {
    }

    /** Sets the JDK server's limits unless set already; effective only before the JVM's first HttpServer. */
    static void apply() {
        PROPERTIES.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }

    /**
     * One thread per connection, up to the connection cap (plus slack for a connection whose previous
     * exchange is still returning its thread); beyond that the server closes the connection.
     */
    static ExecutorService connectionExecutor() {
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(2, MAX_CONNECTIONS + 16, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread thread = new Thread(r, "http-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, (r, pool) -> {
                    throw new RejectedExecutionException("HTTP connection threads exhausted");
                });
        return executor;
    }

    /** The security headers, on every response: set before any handler decides on the status. */
    static Filter securityHeaders() {
        return new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                Headers headers = exchange.getResponseHeaders();
                headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("X-Frame-Options", "DENY");
                headers.set("Referrer-Policy", "no-referrer");
                chain.doFilter(exchange);
            }

            @Override
            public String description() {
                return "security headers";
            }
        };
    }

    /**
     * The request target as logged: the path only, a query shown as {@code ?[redacted]}. The alert
     * stream takes its bearer token as {@code ?access_token=}, and no query is worth a leaked secret.
     */
    static String loggable(URI uri) {
        String path = uri.getRawPath();
        return (path == null ? "" : path) + (uri.getRawQuery() == null ? "" : "?[redacted]");
    }
}
