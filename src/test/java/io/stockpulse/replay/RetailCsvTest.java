package io.stockpulse.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetailCsvTest {

    @TempDir
    Path dir;

    private static List<RetailLine> read(Path file) throws IOException {
        try (Stream<RetailLine> lines = RetailCsv.lines(file)) {
            return lines.toList();
        }
    }

    private Path gzip(Path source, String name) throws IOException {
        Path target = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            Files.copy(source, out);
        }
        return target;
    }

    @Test
    void readsPlainCsvWithQuotesAndLineBreaks() throws IOException {
        List<RetailLine> rows = read(RetailEventMapperTest.sample());
        assertThat(rows).hasSize(21);
        RetailLine first = rows.get(0);
        assertThat(first).isEqualTo(new RetailLine(2, "536365", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "6",
                "2010-12-01 08:26:00", "2.55", "17850", "United Kingdom"));
        assertThat(rows.get(1).description()).isEqualTo("RED \"VINTAGE\" LANTERN, LARGE");
        assertThat(rows.get(17).description()).isEqualTo("SET 7 BABUSHKA\nNESTING BOXES");
        assertThat(rows.get(17).line()).isEqualTo(19);
        assertThat(rows.get(18).line()).isEqualTo(20); // record-based numbering: the quoted line break does not count
        assertThat(rows.get(5).customerId()).isEmpty();
    }

    @Test
    void readsGzipByExtensionAndByMagic() throws IOException {
        Path plain = RetailEventMapperTest.sample();
        List<RetailLine> expected = read(plain);
        assertThat(read(gzip(plain, "sample.csv.gz"))).isEqualTo(expected);
        assertThat(read(gzip(plain, "sample-without-extension.csv"))).isEqualTo(expected);
        assertThat(RetailCsv.isGzip(gzip(plain, "x.gz"))).isTrue();
        assertThat(RetailCsv.isGzip(plain)).isFalse();
    }

    @Test
    void aGzNameWithoutGzipContentIsAnError() throws IOException {
        Path fake = Files.copy(RetailEventMapperTest.sample(), dir.resolve("fake.csv.gz"));
        assertThatThrownBy(() -> read(fake)).isInstanceOf(IOException.class).hasMessageContaining("not gzip");
    }

    @Test
    void acceptsOnlineRetailIiHeaderNamesInAnyOrderAndABom() throws IOException {
        String csv = "\uFEFFCountry,Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID\n"
                + "France,489434,85048,\"LIGHTS, 20\",12,2009-12-01 07:45:00,6.95,13085\n"
                + "France,489435,22041\n";
        try (Stream<RetailLine> lines = RetailCsv.lines(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
            List<RetailLine> rows = lines.toList();
            assertThat(rows.get(0)).isEqualTo(new RetailLine(2, "489434", "85048", "LIGHTS, 20", "12",
                    "2009-12-01 07:45:00", "6.95", "13085", "France"));
            assertThat(rows.get(1).quantity()).isNull(); // short row: missing fields are null, the mapper skips it
        }
    }

    @Test
    void aHeaderWithoutARequiredColumnIsAnError() {
        String csv = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,CustomerID,Country\n";
        assertThatThrownBy(() -> RetailCsv.lines(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("unitprice");
    }
}
