package io.stockpulse.it;

import io.stockpulse.app.StockPulseCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command, cut to the first 20,000 rows of the bundled extract: it runs and reports. */
class DemoCommandIT {

    @Test
    void demoReplaysTheBundledDataAndPrintsTheReport(@TempDir Path work) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            exit = new CommandLine(new StockPulseCli()).execute("demo", "--limit", "20000", "--no-progress",
                    "--work-dir", work.toString());
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.println(output);
        assertThat(exit).isZero();
        assertThat(output)
                .contains("== StockPulse demo report (lstm) ==")
                .contains("lines read       20,000")
                .containsPattern("fill rate\\s+\\d+\\.\\d+ %")
                .containsPattern("stockout SKU-days\\s+[\\d,]+ of [\\d,]+")
                .containsPattern("inventory turns\\s+\\d+\\.\\d+ per year")
                .containsPattern("supplier\\s+[1-9][\\d,]* orders")
                .containsPattern("reorder_trigger=[1-9]")
                .containsPattern("forecasts made\\s+\\{.*demand-lstm=[1-9]")
                .containsPattern("forecast error \\S+@\\S+\\s+MAE");
    }
}
