package io.stockpulse.it;

import io.stockpulse.cli.StockPulseCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The README's first command, cut to the first 40,000 rows (17 days) of the bundled extract: it runs and reports.
 * 17 days, not fewer: the LSTM forecasts series with at least 14 days of history, and the demo no longer closes
 * days past the data (it delivers no receipts after it).
 */
class DemoCommandIT {

    @Test
    void demoReplaysTheBundledDataAndPrintsTheReport(@TempDir Path work) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            exit = new CommandLine(new StockPulseCli()).execute("demo", "--limit", "40000", "--no-progress",
                    "--work-dir", work.toString());
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.println(output);
        assertThat(exit).isZero();
        assertThat(output)
                .contains("== StockPulse demo report (lstm) ==")
                .contains("lines read       40,000")
                .containsPattern("fill rate\\s+\\d+\\.\\d+ %")
                .containsPattern("stockout SKU-days\\s+[\\d,]+ of [\\d,]+")
                .containsPattern("inventory turns\\s+\\d+\\.\\d+ per year")
                .containsPattern("supplier\\s+[1-9][\\d,]* orders")
                .containsPattern("alerts and triggers\\s+.*reorder_trigger [1-9]")
                .containsPattern("forecasts made\\s+.*demand-lstm [1-9]")
                .containsPattern("forecast error \\S+@\\S+\\s+MAE")
                // the unit costs went out first, and the replay waited at every day's end
                .containsPattern("unit costs\\s+[1-9][\\d,]* SKU policies \\(0\\.60 x median sale price\\)")
                .containsPattern("lockstep\\s+[1-9][\\d,]* days in lockstep")
                .doesNotContainPattern("\\{[^}\\n]*=") // no Java map's toString
                .doesNotContainPattern("\\[[^\\]\\n]*, ");
        assertDailyReport(output);
        assertFiguresAsSimulate(output);
        assertTheFeedReadEveryAlertTransition(output);
    }

    /** The transitions the feed counted from the topics are the ones the stream says it published. */
    private static void assertTheFeedReadEveryAlertTransition(String output) {
        Matcher read = Pattern.compile("alert transitions\\s+([\\d,]+) read from the alert topics").matcher(output);
        assertThat(read.find()).isTrue();
        Matcher counters = Pattern.compile("alerts and triggers\\s+(.*)").matcher(output);
        assertThat(counters.find()).isTrue();
        long published = 0;
        Matcher kind = Pattern.compile("(stockout|overstock)_\\w+ ([\\d,]+)").matcher(counters.group(1));
        while (kind.find()) {
            published += number(kind.group(2));
        }
        assertThat(published).isPositive();
        assertThat(number(read.group(1))).isEqualTo(published);
    }

    /** The closing table: simulate's rows in simulate's order and formats; lineFillRate is not kept by the stream. */
    private static void assertFiguresAsSimulate(String output) {
        String table = output.substring(output.indexOf("figure (as simulate)"));
        List<String> rows = table.lines().skip(1).map(l -> l.split("\\s+")[0]).toList();
        assertThat(rows).startsWith("fillRate", "overallFillRate", "lineFillRate", "specialOrderLineShare",
                "specialOrderUnitShare", "stockoutSkuDays", "averageStockUnits", "averageStockValue", "inventoryTurns",
                "orders", "alertTransitionsPerSkuMonth");
        assertThat(table).containsPattern("lineFillRate\\s+n/a");
        double fill = percent(table, "fillRate");
        double overall = percent(table, "overallFillRate");
        assertThat(fill).isBetween(50.0, 100.0);
        assertThat(overall).isBetween(0.0, 100.0);
        assertThat(percent(table, "specialOrderUnitShare")).isBetween(0.0, 100.0);
        // the fill rate row is the report's fill rate line, on the same units
        Matcher line = Pattern.compile("fill rate\\s+(\\d+\\.\\d\\d) %").matcher(output);
        assertThat(line.find()).isTrue();
        assertThat(fill).isCloseTo(Double.parseDouble(line.group(1)), within(0.005));
        Matcher orders = Pattern.compile("supplier\\s+([\\d,]+) orders").matcher(output);
        assertThat(orders.find()).isTrue();
        assertThat(table).containsPattern("orders\\s+" + Pattern.quote(orders.group(1)) + "\\n");
    }

    private static double percent(String table, String row) {
        Matcher m = Pattern.compile("(?m)^" + row + "\\s+(\\d+\\.\\d\\d) %$").matcher(table);
        assertThat(m.find()).as(row).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** The latest overall daily report's lines: figures in range, risks largest first, classes scored. */
    private static void assertDailyReport(String output) {
        assertThat(output).containsPattern("daily report {14}\\d{4}-\\d\\d-\\d\\d, all locations, [1-6] partition groups? reported")
                .containsPattern("report summary {12}On \\d{4}-\\d\\d-\\d\\d, all locations held [1-9][\\d,]* SKUs")
                .containsPattern("report stockout SKU-days  7 d [\\d,]+ of [1-9][\\d,]* \\(\\d+\\.\\d\\d %\\), 28 d [\\d,]+ of [1-9]")
                .containsPattern("report inventory turns {4}\\d+\\.\\d\\d per year over 28 d")
                .containsPattern("excess value at risk {6}[\\d,]+\\.\\d\\d \\(stock value [1-9]")
                .containsPattern("forecast error class [ABC] +MAE \\d+\\.\\d{3}  WAPE \\d+\\.\\d{3}  bias [+-]\\d+\\.\\d{3}  \\([1-9][\\d,]* SKU-days");
        Matcher fill = Pattern.compile("report fill rate {10}7 d (\\d+\\.\\d\\d) % \\(([\\d,]+) of ([\\d,]+) units\\), "
                + "28 d (\\d+\\.\\d\\d) % \\(([\\d,]+) of ([\\d,]+) units\\)").matcher(output);
        assertThat(fill.find()).as("report fill rate line").isTrue();
        for (int window : new int[]{1, 4}) {
            double percent = Double.parseDouble(fill.group(window));
            long filled = number(fill.group(window + 1));
            long demanded = number(fill.group(window + 2));
            assertThat(demanded).isPositive();
            assertThat(filled).isBetween(0L, demanded);
            assertThat(percent).isBetween(0.0, 100.0).isCloseTo(100.0 * filled / demanded, within(0.01));
        }
        // a 28-day window holds at least the 7-day one
        assertThat(number(fill.group(6))).isGreaterThanOrEqualTo(number(fill.group(3)));
        List<Double> riskValues = new ArrayList<>();
        Matcher risk = Pattern.compile("^(?:top risks {17}| {26})\\S+@\\S+ +(stockout|stockout-risk|excess) +([\\d,]+\\.\\d\\d)  \\S",
                Pattern.MULTILINE).matcher(output.substring(output.indexOf("top risks")));
        while (risk.find()) {
            riskValues.add(Double.parseDouble(risk.group(2).replace(",", "")));
        }
        assertThat(riskValues).isNotEmpty().hasSizeLessThanOrEqualTo(10).allSatisfy(v -> assertThat(v).isPositive());
        assertThat(riskValues).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
