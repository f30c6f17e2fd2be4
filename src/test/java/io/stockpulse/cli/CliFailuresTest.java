package io.stockpulse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures read as messages: an unreachable cluster or a bad data file ends a command with one line
 * and a non-zero exit, in bounded time; the stack trace only with --verbose; unknown settings named
 * with the closest known key.
 */
class CliFailuresTest {

    @TempDir
    Path temp;

    private record Outcome(int exit, String err, Duration took) {
        List<String> lines() {
            return err.lines().toList();
        }
    }

    private static Outcome execute(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = StockPulseCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        long started = System.nanoTime();
        int exit = cli.execute(args);
        return new Outcome(exit, err.toString(), Duration.ofNanos(System.nanoTime() - started));
    }

    private Path validData() throws Exception {
        Path file = temp.resolve("ok.csv");
        Files.writeString(file, "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                + "1,22001,X,1,2010-12-01 09:00:00,1.00,5,UK\n");
        return file;
    }

    @Test
    void runStopsWithOneLineWhenTheClusterDoesNotAnswer() {
        Outcome outcome = execute("run", "--no-create-topics", "-D", "bootstrap.servers=localhost:1",
                "-D", "schema.registry.url=mock://cli-failures", "-D", "broker.connect.timeout=PT2S",
                "-D", "state.dir=" + temp.resolve("state"));
        assertThat(outcome.exit()).isEqualTo(1);
        assertThat(outcome.took()).isLessThan(Duration.ofSeconds(15));
        assertThat(outcome.lines()).hasSize(2);
        assertThat(outcome.lines().get(0))
                .isEqualTo("run: Cannot reach the Kafka cluster at localhost:1 within 2 s (no answer): check that it "
                        + "runs and that the bootstrap servers are right");
        assertThat(outcome.err()).doesNotContain("\tat ").doesNotContain("TimeoutException");
    }

    @Test
    void verboseAddsTheStackTrace() throws Exception {
        Outcome outcome = execute("replay", "--data", validData().toString(), "--bootstrap-servers", "localhost:1",
                "--schema-registry-url", "mock://cli-failures", "--connect-timeout", "PT1S", "--verbose");
        assertThat(outcome.exit()).isEqualTo(1);
        assertThat(outcome.took()).isLessThan(Duration.ofSeconds(15));
        assertThat(outcome.lines().get(0)).startsWith("replay: Cannot reach the Kafka cluster at localhost:1 within 1 s");
        assertThat(outcome.err()).contains("\tat io.stockpulse.app.BrokerCheck");
    }

    @Test
    void aMissingOrMalformedDataFileIsNamedBeforeAnythingConnects() throws Exception {
        Path missing = temp.resolve("nope.csv");
        Outcome absent = execute("replay", "--data", missing.toString(), "--bootstrap-servers", "localhost:1",
                "--schema-registry-url", "mock://cli-failures");
        assertThat(absent.exit()).isEqualTo(2);
        assertThat(absent.err()).contains("--data: " + missing + ": no such file");

        Path headless = temp.resolve("wrong.csv");
        Files.writeString(headless, "sku,qty\nA,1\n");
        Outcome malformed = execute("replay", "--data", headless.toString(), "--bootstrap-servers", "localhost:1",
                "--schema-registry-url", "mock://cli-failures");
        assertThat(malformed.exit()).isEqualTo(2);
        assertThat(malformed.err()).contains("has no column invoiceno");

        Path notGzip = temp.resolve("data.csv.gz");
        Files.writeString(notGzip, "plain text");
        Outcome evaluate = execute("evaluate", "--data", notGzip.toString(), "--cutoff", "2010-12-01");
        assertThat(evaluate.exit()).isEqualTo(1);
        assertThat(evaluate.lines().get(0)).isEqualTo("evaluate: " + notGzip + " is named .gz but is not gzip-compressed");
        // none of them waited for the unreachable cluster
        assertThat(absent.took().plus(malformed.took())).isLessThan(Duration.ofSeconds(10));
    }
}
