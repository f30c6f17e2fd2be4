package io.stockpulse.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A StockPulse instance in its own JVM, started from the packaged jar the way a user runs it
 * ({@code java -jar target/stockpulse.jar run -D …}), so a test can kill it with SIGKILL.
 */
final class StockPulseProcess implements AutoCloseable {

    static final Path JAR = Path.of("target/stockpulse.jar");
    private final Process process;
    private final Path log;

    private StockPulseProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static StockPulseProcess start(Map<String, String> settings, Path log) throws IOException {
        return start(List.of("--no-create-topics"), settings, log);
    }

    /** {@code run} with {@code runOptions} (e.g. {@code --no-create-topics}) before the settings. */
    static StockPulseProcess start(List<String> runOptions, Map<String, String> settings, Path log) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the integration tests with `mvn verify`");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dlogback.configurationFile=" + Path.of("src/test/resources/logback-child.xml").toAbsolutePath(),
                "-jar", JAR.toString(), "run"));
        command.addAll(runOptions);
        settings.forEach((key, value) -> {
            command.add("-D");
            command.add(key + "=" + value);
        });
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new StockPulseProcess(process, log);
    }

    /** SIGKILL: no shutdown hook, no commit, no leaving the group — a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: the shutdown hook closes Kafka Streams
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

}
