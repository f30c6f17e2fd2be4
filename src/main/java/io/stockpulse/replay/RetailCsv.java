package io.stockpulse.replay;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams the rows of an Online Retail CSV ({@code .csv} or gzip-compressed {@code .csv.gz}), one
 * {@link RetailLine} at a time: nothing but the current record is held, so the 823k-row file reads
 * in constant memory.
 *
 * <p>Format: RFC 4180 (quoted fields, doubled quotes, quoted line breaks), UTF-8, optional BOM, a
 * header row naming the columns {@code InvoiceNo, StockCode, Description, Quantity, InvoiceDate,
 * UnitPrice, CustomerID, Country} in any order (the Online Retail II spellings {@code Invoice},
 * {@code Price} and {@code Customer ID} are accepted too; case, spaces and underscores are ignored).
 * Gzip is recognised by its magic bytes; a {@code .gz} name without them is an error.
 */
public final class RetailCsv {

    /** Column keys after normalisation (lower case, no spaces/underscores/BOM). */
    private static final List<List<String>> COLUMNS = List.of(
            List.of("invoiceno", "invoice"),
            List.of("stockcode"),
            List.of("description"),
            List.of("quantity"),
            List.of("invoicedate"),
            List.of("unitprice", "price"),
            List.of("customerid"),
            List.of("country"));
    private static final int BUFFER = 1 << 16;

    private RetailCsv() {
    }

    /**
     * Opens a file and returns its rows lazily; close the stream (try-with-resources) to close the file.
     *
     * @throws IOException when the file cannot be opened, is not gzip despite a {@code .gz} name, or
     *                     its header lacks a required column
     */
    public static Stream<RetailLine> lines(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            boolean gzName = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
            return lines(in, gzName, file.toString());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Rows of a CSV read from {@code in} (plain or gzip, detected by magic bytes). The stream owns
     * {@code in} and closes it when closed.
     */
    public static Stream<RetailLine> lines(InputStream in) throws IOException {
        return lines(in, false, "input");
    }

    /**
     * Fails with a message naming the file and the problem when it is missing, unreadable, not gzip
     * despite its name, or lacks a column; reads only the header. Commands call it before they connect.
     */
    public static void check(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new IOException(file + ": not readable");
        }
        try (Stream<RetailLine> ignored = lines(file)) {
            // the header was read and checked when the stream was opened
        } catch (ZipException e) {
            throw new IOException(file + ": not readable as gzip (" + e.getMessage() + ")", e);
        }
    }

    /** True when the file starts with the gzip magic bytes 1f 8b. */
    public static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static Stream<RetailLine> lines(InputStream raw, boolean gzName, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
        buffered.mark(2);
        boolean gzMagic = buffered.read() == 0x1f && buffered.read() == 0x8b;
        buffered.reset();
        if (gzName && !gzMagic) {
            throw new IOException(source + " is named .gz but is not gzip-compressed");
        }
        InputStream data = gzMagic ? new GZIPInputStream(buffered, BUFFER) : buffered;
        BufferedReader reader = new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8), BUFFER);
        CSVParser parser = CSVFormat.RFC4180.builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
                .get()
                .parse(reader);
        int[] index;
        try {
            index = columnIndexes(parser.getHeaderNames(), source);
        } catch (IOException e) {
            parser.close();
            throw e;
        }
        Iterator<CSVRecord> records = parser.iterator();
        Iterator<RetailLine> rows = new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return records.hasNext();
                } catch (UncheckedIOException e) {
                    throw e;
                } catch (IllegalStateException e) {
                    // commons-csv wraps read errors (e.g. a truncated gzip) in IllegalStateException/UncheckedIOException
                    throw new UncheckedIOException(new IOException("Cannot read " + source + ": " + e.getMessage(), e));
                }
            }

            @Override
            public RetailLine next() {
                CSVRecord r = records.next();
                // Record numbers count data records from 1; the header is line 1 of the file.
                long line = r.getRecordNumber() + 1;
                return new RetailLine(line, field(r, index[0]), field(r, index[1]), field(r, index[2]),
                        field(r, index[3]), field(r, index[4]), field(r, index[5]), field(r, index[6]),
                        field(r, index[7]));
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(() -> {
                    try {
                        parser.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static String field(CSVRecord record, int index) {
        return index < record.size() ? record.get(index) : null;
    }

    private static int[] columnIndexes(List<String> header, String source) throws IOException {
        int[] index = new int[COLUMNS.size()];
        for (int c = 0; c < COLUMNS.size(); c++) {
            index[c] = -1;
            for (int h = 0; h < header.size() && index[c] < 0; h++) {
                if (COLUMNS.get(c).contains(normalise(header.get(h)))) {
                    index[c] = h;
                }
            }
            if (index[c] < 0) {
                throw new IOException(source + ": the header " + header + " has no column " + COLUMNS.get(c).get(0)
                        + " (expected InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country)");
            }
        }
        return index;
    }

    private static String normalise(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch != '\uFEFF' && ch != '_' && !Character.isWhitespace(ch)) {
                b.append(Character.toLowerCase(ch));
            }
        }
        return b.toString();
    }
}
