package io.stockpulse.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Files out of time order are read sorted: every row is used, in (time, line) order, whatever the chunk size. */
class TimeOrderedRowsTest {

    private static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    @TempDir
    Path temp;

    /** Three SKUs, a sale of each every day of 2010, the file sorted by product (as an export by SKU is). */
    private Path sortedByProduct() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        int invoice = 500_000;
        for (String sku : List.of("10001", "20002", "30003")) {
            LocalDateTime day = LocalDateTime.parse("2010-01-01T09:00:00");
            for (int d = 0; d < 365; d++) {
                csv.append(invoice++).append(',').append(sku).append(",ITEM,2,").append(day.plusDays(d).toString()
                        .replace('T', ' ')).append(",1.50,12345,United Kingdom\n");
            }
        }
        Path file = temp.resolve("by-product.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void aFileSortedByProductLosesNoRow() throws Exception {
        Map<String, Integer> sales = new HashMap<>();
        ReplayStats stats = RetailEventMapper.mapFile(sortedByProduct(), RetailEventMapper.Settings.defaults(), 0, e -> {
            if (e.kind() == ReplayEvent.Kind.SALE) {
                sales.merge(e.sku(), 1, Integer::sum);
            }
        });
        assertThat(sales).containsExactlyInAnyOrderEntriesOf(Map.of("10001", 365, "20002", 365, "30003", 365));
        assertThat(stats.linesRead()).isEqualTo(3 * 365);
        assertThat(stats.rowsMapped()).isEqualTo(3 * 365);
        assertThat(stats.skippedTotal()).isZero();
        // line 367 is the first row of the second SKU: 2010-01-01, after the first SKU's 2010-12-31
        assertThat(stats.inputOrder()).startsWith("sorted by InvoiceDate: out of order from line 367 (2010-01-01 09:00");
        assertThat(stats.summary()).contains("rows mapped      1,095").contains("out of order from line 367");
    }

    @Test
    void theExternalSortWithTinyChunksGivesTimeThenLineOrder() throws Exception {
        // more runs than one merge takes, so the merge runs in two levels
        int rows = TimeOrderedRows.MAX_FAN_IN * 2 * 2 + 17;
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < rows; i++) {
            // few distinct times: many ties, which must keep the file's order
            String time = "2010-12-0" + (1 + random.nextInt(3)) + " 1" + random.nextInt(3) + ":00:00";
            csv.append(600_000 + i).append(",2200").append(i % 10).append(",\"A, \"\"quoted\"\" one\",1,").append(time)
                    .append(",1.00,").append(i % 3 == 0 ? "" : "777").append(",UK\n");
        }
        csv.append("699999,22000,,1,not a date,1.00,,UK\n");
        Path file = temp.resolve("shuffled.csv");
        Files.writeString(file, csv);

        List<RetailLine> expected;
        try (Stream<RetailLine> lines = RetailCsv.lines(file)) {
            expected = new ArrayList<>(lines.toList());
        }
        expected.sort(Comparator.comparingLong((RetailLine l) -> {
            java.time.Instant at = RetailFields.parseTime(l.invoiceDate());
            return at == null ? Long.MIN_VALUE : at.toEpochMilli();
        }).thenComparingLong(RetailLine::line));

        try (TimeOrderedRows sorted = TimeOrderedRows.open(file, 0, 2)) {
            assertThat(sorted.wasSorted()).isTrue();
            for (int pass = 0; pass < 2; pass++) { // the mapper reads the rows twice
                try (Stream<RetailLine> lines = sorted.lines()) {
                    assertThat(lines.toList()).containsExactlyElementsOf(expected);
                }
            }
            assertThat(expected.get(0).invoiceDate()).isEqualTo("not a date"); // unreadable dates first
        }
        try (TimeOrderedRows sorted = TimeOrderedRows.open(file, 0, 1_000_000); Stream<RetailLine> lines = sorted.lines()) {
            assertThat(lines.toList()).as("one chunk in memory: the same order").containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aFileInOrderIsReadAsItIsAndTheLimitHolds() throws Exception {
        Path file = temp.resolve("in-order.csv");
        Files.writeString(file, HEADER
                + "1,22001,X,1,2010-12-01 09:00:00,1.00,5,UK\n"
                + "2,22002,X,1,2010-12-01 09:00:00,1.00,5,UK\n"
                + "3,22003,X,1,2010-12-02 09:00:00,1.00,5,UK\n"
                + "4,22004,X,1,2010-11-02 09:00:00,1.00,5,UK\n");
        try (TimeOrderedRows rows = TimeOrderedRows.open(file, 3); Stream<RetailLine> lines = rows.lines()) {
            assertThat(rows.wasSorted()).isFalse();
            assertThat(rows.describe()).isEqualTo("in InvoiceDate order");
            assertThat(lines.map(RetailLine::invoiceNo).toList()).containsExactly("1", "2", "3");
        }
        try (TimeOrderedRows rows = TimeOrderedRows.open(file, 0); Stream<RetailLine> lines = rows.lines()) {
            assertThat(rows.wasSorted()).isTrue();
            assertThat(lines.map(RetailLine::invoiceNo).toList()).containsExactly("4", "1", "2", "3");
        }
    }
}
