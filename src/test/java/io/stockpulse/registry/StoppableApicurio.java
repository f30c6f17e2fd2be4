package io.stockpulse.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real Apicurio Registry that a test can stop (clients then get "connection refused") and start
 * again on the same port with the same schemas and ids.
 *
 * <p>Why not {@link ApicurioRegistry}: that one keeps its schemas in an in-memory H2 database and
 * takes a fresh port per start, so after a restart every schema id a producer cached would be
 * unknown, and clients would have to be told a new URL. Here the H2 database is a file under
 * {@code dataDir} and the ports stay fixed. Launch settings (Java 21+, the unpacked registry) are
 * {@link ApicurioRegistry}'s.
 */
public final class StoppableApicurio implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final int managementPort;
    private final Path logFile;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private StoppableApicurio(Path dataDir, int port, int managementPort) {
        this.dataDir = dataDir;
        this.port = port;
        this.managementPort = managementPort;
        this.logFile = Path.of("target", "apicurio-registry-logs", "stoppable-" + port + ".log").toAbsolutePath();
    }

    /** Starts a registry whose data lives under {@code dataDir}. */
    public static StoppableApicurio start(Path dataDir) {
        int[] ports = freePorts();
        StoppableApicurio registry = new StoppableApicurio(dataDir, ports[0], ports[1]);
        registry.startAgain();
        return registry;
    }

    public String ccompatUrl() {
        return "http://127.0.0.1:" + port + ApicurioRegistry.CCOMPAT_PATH;
    }

    /** Starts the stopped registry on the same port and data, and waits until it answers. */
    public synchronized void startAgain() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ApicurioRegistry.javaBinary());
        cmd.addAll(List.of(System.getProperty(ApicurioRegistry.JVM_OPTIONS_PROPERTY, ApicurioRegistry.DEFAULT_JVM_OPTIONS)
                .trim().split("\\s+")));
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-Dquarkus.management.host=127.0.0.1");
        cmd.add("-Dquarkus.management.port=" + managementPort);
        cmd.add("-Dapicurio.datasource.url=jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("registry"));
        cmd.add("-jar");
        cmd.add(ApicurioRegistry.findRunJar().toString());
        try {
            process = new ProcessBuilder(cmd).directory(dataDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start Apicurio Registry: " + e.getMessage(), e);
        }
        Process started = process;
        await("Apicurio Registry on port " + port).atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("Apicurio Registry exited; log " + logFile + ":\n"
                                + ApicurioRegistry.tail(logFile));
                    }
                    return answers();
                });
    }

    /** Stops the registry (its port then refuses connections) and waits for the process to end. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean answers() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(ccompatUrl() + "/subjects")).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int[] freePorts() {
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[]{a.getLocalPort(), b.getLocalPort()};
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
