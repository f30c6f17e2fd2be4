package io.stockpulse.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;

/**
 * A real Apicurio Registry 3 (in-memory H2 storage) running as a child process, for integration
 * tests that must talk to a registry over HTTP rather than to {@code mock://}.
 *
 * <p>The ready-built Quarkus app ({@code io.apicurio:apicurio-registry-app:3.3.3:tar.gz:all}) is
 * unpacked by {@code maven-dependency-plugin} in {@code pre-integration-test}; failsafe passes its
 * location as {@value #HOME_PROPERTY}. It needs Java 21+, which is not the build JDK (17): the
 * binary is, in order, {@code $}{@value #JAVA_HOME_PROPERTY}{@code /bin/java},
 * {@code $}{@value #JAVA_HOME_ENV}{@code /bin/java}, {@value #JAVA_PROPERTY}, or
 * {@value #DEFAULT_JAVA}.
 *
 * <p>The registry listens on 127.0.0.1 only: HTTP on a free port, and the Quarkus management
 * interface (health/metrics) on a second free port instead of its built-in 0.0.0.0:9000.
 * {@code quarkus.management.enabled=false} does not work for that: it is a build-time property
 * that Apicurio fixes to true, so {@code quarkus.management.host} and {@code .port} move it.
 * Its output goes to {@code target/apicurio-registry-logs/registry-<port>.log}.
 *
 * <p>Use {@link #shared()} (one registry per test JVM, started on first use, stopped by a shutdown
 * hook), so that IT classes do not pay the start-up (about 8 s on two cores) each; tests sharing
 * it must use their own subjects. {@link #start()} gives a private instance to close yourself.
 */
public final class ApicurioRegistry implements AutoCloseable {

    /** Directory of the unpacked registry (contains {@code quarkus-run.jar}). */
    public static final String HOME_PROPERTY = "stockpulse.registry.home";
    /** The {@code java} binary (21+) that runs the registry. */
    public static final String JAVA_PROPERTY = "stockpulse.registry.java";
    /** A JDK 21+ home; wins over {@link #JAVA_PROPERTY}. */
    public static final String JAVA_HOME_PROPERTY = "stockpulse.registry.java.home";
    /** Environment variable naming a JDK 21+ home; wins over {@link #JAVA_PROPERTY}. */
    public static final String JAVA_HOME_ENV = "REGISTRY_JAVA_HOME";
    /** Heap etc. of the registry JVM, replacing {@link #DEFAULT_JVM_OPTIONS} (space-separated). */
    public static final String JVM_OPTIONS_PROPERTY = "stockpulse.registry.jvm.options";
    static final String DEFAULT_JAVA = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";
    /**
     * C1 only and the serial collector: start-up is CPU-bound class loading and CDI wiring, and
     * these halve it on a small machine (about 17 s to 8 s on two cores); a test registry never
     * runs long enough to profit from C2.
     */
    static final String DEFAULT_JVM_OPTIONS = "-Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    /** The Confluent-compatible API. */
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final int START_ATTEMPTS = 3;

    private static final Logger log = LoggerFactory.getLogger(ApicurioRegistry.class);
    private static ApicurioRegistry shared;

    private final Process process;
    private final int port;
    private final Path logFile;
    private volatile Duration startupTime;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private ApicurioRegistry(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /**
     * The registry of this test JVM, started on the first call and stopped when the JVM exits.
     * Subjects and schemas of other tests are visible: use unique subject names.
     */
    public static synchronized ApicurioRegistry shared() {
        if (shared == null || !shared.process.isAlive()) {
            ApicurioRegistry started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "apicurio-registry-stop"));
            shared = started;
        }
        return shared;
    }

    /** Starts a private registry; the caller must {@link #close()} it. */
    public static ApicurioRegistry start() {
        Path runJar = findRunJar();
        String java = javaBinary();
        Path logDir = Path.of("target", "apicurio-registry-logs").toAbsolutePath();
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + logDir, e);
        }
        IllegalStateException failure = null;
        // Another process may grab a "free" port between our probe and the registry's bind: retry.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int[] ports = freePorts(2);
            Path logFile = logDir.resolve("registry-" + ports[0] + ".log");
            try {
                return launch(java, runJar, ports[0], ports[1], logFile, logDir);
            } catch (IllegalStateException e) {
                failure = e;
                if (!portClash(logFile)) {
                    throw e;
                }
                log.warn("Apicurio Registry could not bind port {} or {} (attempt {}), retrying", ports[0], ports[1],
                        attempt);
            }
        }
        throw failure;
    }

    private static ApicurioRegistry launch(String java, Path runJar, int port, int managementPort, Path logFile,
                                           Path workDir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(List.of(System.getProperty(JVM_OPTIONS_PROPERTY, DEFAULT_JVM_OPTIONS).trim().split("\\s+")));
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-Dquarkus.management.host=127.0.0.1");
        cmd.add("-Dquarkus.management.port=" + managementPort);
        cmd.add("-jar");
        cmd.add(runJar.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        long t0 = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + java + " for Apicurio Registry: " + e.getMessage()
                    + " (set " + JAVA_HOME_ENV + " to a JDK 21+)", e);
        }
        ApicurioRegistry registry = new ApicurioRegistry(process, port, logFile);
        try {
            await("Apicurio Registry answering GET " + registry.ccompatUrl() + "/subjects")
                    .atMost(START_TIMEOUT)
                    .pollDelay(Duration.ofMillis(500))
                    .pollInterval(Duration.ofMillis(200))
                    .until(registry::ready);
        } catch (ConditionTimeoutException e) {
            registry.close();
            throw new IllegalStateException("Apicurio Registry did not answer within " + START_TIMEOUT
                    + "; log " + logFile + ":\n" + tail(logFile), e);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        registry.startupTime = Duration.ofNanos(System.nanoTime() - t0);
        log.info("Apicurio Registry started in {} ms at {} (pid {}, management port {}, log {})",
                registry.startupTime.toMillis(), registry.ccompatUrl(), process.pid(), managementPort, logFile);
        return registry;
    }

    /** True once the ccompat API answers 200; fails at once if the process died. */
    private boolean ready() {
        if (!process.isAlive()) {
            String tail = tail(logFile);
            String hint = tail.contains("UnsupportedClassVersionError")
                    ? " (it needs Java 21+: set " + JAVA_HOME_ENV + " to a JDK 21+ home)" : "";
            throw new IllegalStateException("Apicurio Registry exited with code " + process.exitValue()
                    + " during start-up" + hint + "; log " + logFile + ":\n" + tail);
        }
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(ccompatUrl() + "/subjects"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Apicurio Registry", e);
        }
    }

    /** Base URL of the Confluent-compatible API, e.g. {@code http://127.0.0.1:41234/apis/ccompat/v7}. */
    public String ccompatUrl() {
        return baseUrl() + CCOMPAT_PATH;
    }

    /** Root URL ({@code http://127.0.0.1:port}); Apicurio's own v3 API is under {@code /apis/registry/v3}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** From process start until the ccompat API answered 200. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The registry's combined stdout/stderr. */
    public Path logFile() {
        return logFile;
    }

    /**
     * Sets the compatibility level of {@code subject} ({@code BACKWARD}, {@code FULL}, {@code NONE},
     * ...) with ccompat {@code PUT /config/{subject}}, which StockPulse's client does not implement
     * (applications must not change registry rules). Apicurio's default is no rule, i.e. NONE.
     */
    public void setCompatibility(String subject, String level) {
        String path = "/config/" + java.net.URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(ccompatUrl() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level.toUpperCase(Locale.ROOT)
                        + "\"}")));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("PUT " + path + " failed: HTTP " + r.statusCode() + " " + r.body());
        }
    }

    /** GET on the ccompat API, e.g. {@code get("/config/my-subject")}; returns status and body. */
    public HttpResponse<String> get(String ccompatPath) {
        return send(HttpRequest.newBuilder(URI.create(ccompatUrl() + ccompatPath)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Apicurio Registry request failed (log " + logFile + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Stops the registry (SIGTERM, then SIGKILL after 20 s) and waits for the process to end. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                log.warn("Apicurio Registry (pid {}) ignored SIGTERM, killing it", process.pid());
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ApicurioRegistry[" + ccompatUrl() + ", pid " + process.pid() + "]";
    }

    static Path findRunJar() {
        String configured = System.getProperty(HOME_PROPERTY);
        Path home = Path.of(configured == null || configured.isBlank() ? "target/apicurio-registry" : configured)
                .toAbsolutePath();
        Path direct = home.resolve("quarkus-run.jar");
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        if (Files.isDirectory(home)) { // a tarball with a top-level directory
            try (Stream<Path> found = Files.find(home, 3, (p, a) -> p.getFileName().toString().equals("quarkus-run.jar"))) {
                var jar = found.findFirst();
                if (jar.isPresent()) {
                    return jar.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("Apicurio Registry is not unpacked: no quarkus-run.jar under " + home
                + ". Run the ITs through `mvn verify` (pre-integration-test unpacks"
                + " io.apicurio:apicurio-registry-app:3.3.3:tar.gz:all there) or set -D" + HOME_PROPERTY);
    }

    static String javaBinary() {
        String home = usable(System.getProperty(JAVA_HOME_PROPERTY));
        String source = "-D" + JAVA_HOME_PROPERTY + ", which the pom sets from " + JAVA_HOME_ENV;
        if (home == null) {
            home = usable(System.getenv(JAVA_HOME_ENV));
            source = JAVA_HOME_ENV;
        }
        String java;
        if (home != null) {
            java = Path.of(home, "bin", "java").toString();
        } else {
            java = usable(System.getProperty(JAVA_PROPERTY));
            source = "-D" + JAVA_PROPERTY;
            if (java == null) {
                java = DEFAULT_JAVA;
                source = "the default";
            }
        }
        if (!Files.isExecutable(Path.of(java))) {
            throw new IllegalStateException("Apicurio Registry 3 needs Java 21+, but " + java + " (from " + source
                    + ") is not an executable; set " + JAVA_HOME_ENV + " to a JDK 21+ home");
        }
        return java;
    }

    /** Null for blank values and for Maven's uninterpolated {@code ${env.X}} of an unset variable. */
    private static String usable(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? null : value.trim();
    }

    private static int[] freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private static boolean portClash(Path logFile) {
        String text = tail(logFile);
        return text.contains("Address already in use") || text.contains("Port already bound");
    }

    /** The last 60 lines of the log (start-up failures are explained at the end). */
    static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log not readable: " + e + ")";
        }
    }
}
