package io.stockpulse.replay;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The rows of a retail file in InvoiceDate order, however the file is sorted. The mapper reads rows
 * as a time-ordered feed; a file sorted by product would otherwise lose every row dated before one
 * already read.
 *
 * <p>A first pass checks the order (parsing dates only). A file already in order is read as it is. A
 * file out of order is sorted externally, so memory stays bounded whatever the file's size: runs of
 * {@code chunkRows} rows are sorted in memory and written to temporary files, then merged (k-way, at
 * most {@link #MAX_FAN_IN} runs at a time). The order is (time, original line number): deterministic,
 * and stable on ties. Rows whose date cannot be read sort first (the mapper skips them as
 * {@code malformed-row} or {@code bad-date} wherever they are). Line numbers stay those of the file, so
 * event ids do not depend on how the file was sorted. {@link #close} deletes the temporary files.
 */
public final class TimeOrderedRows implements AutoCloseable {

    public static final int DEFAULT_CHUNK_ROWS = 50_000;
    static final int MAX_FAN_IN = 64;
    private static final Comparator<Keyed> ORDER = Comparator.comparingLong(Keyed::time).thenComparingLong(k -> k.row().line());

    private final Path file;
    private final long limit;
    private final RetailLine firstOutOfOrder;
    private final Instant outOfOrderAfter;
    private final Path sorted;

    private TimeOrderedRows(Path file, long limit, RetailLine firstOutOfOrder, Instant after, Path sorted) {
        this.file = file;
        this.limit = limit;
        this.firstOutOfOrder = firstOutOfOrder;
        this.outOfOrderAfter = after;
        this.sorted = sorted;
    }

    /** The first {@code limit} rows (≤ 0: all) of {@code file}, in time order; sorted now if they are not. */
    public static TimeOrderedRows open(Path file, long limit) throws IOException {
        return open(file, limit, DEFAULT_CHUNK_ROWS);
    }

    static TimeOrderedRows open(Path file, long limit, int chunkRows) throws IOException {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be at least 1, was " + chunkRows);
        }
        RetailLine outOfOrder = null;
        Instant latest = null;
        Instant before = null;
        try (Stream<RetailLine> lines = RetailEventMapper.limited(RetailCsv.lines(file), limit)) {
            for (Iterator<RetailLine> it = lines.iterator(); it.hasNext() && outOfOrder == null; ) {
                RetailLine row = it.next();
                Instant at = RetailFields.parseTime(row.invoiceDate());
                if (at != null && latest != null && at.isBefore(latest)) {
                    outOfOrder = row;
                    before = latest;
                } else if (at != null) {
                    latest = at;
                }
            }
        }
        return new TimeOrderedRows(file, limit, outOfOrder, before,
                outOfOrder == null ? null : sort(file, limit, chunkRows));
    }

    /** True when the file was out of time order and is read sorted. */
    public boolean wasSorted() {
        return sorted != null;
    }

    /** One line on the file's order: in order, or where it first was not and that it was sorted. */
    public String describe() {
        if (firstOutOfOrder == null) {
            return "in InvoiceDate order";
        }
        return "sorted by InvoiceDate: out of order from line " + firstOutOfOrder.line() + " ("
                + firstOutOfOrder.invoiceDate().strip() + " after " + outOfOrderAfter + ")";
    }

    /** The rows, again on every call; close the stream to close the files it reads. */
    public Stream<RetailLine> lines() throws IOException {
        if (sorted == null) {
            return RetailEventMapper.limited(RetailCsv.lines(file), limit);
        }
        RunReader reader = new RunReader(sorted);
        Iterator<RetailLine> rows = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return reader.peek() != null;
            }

            @Override
            public RetailLine next() {
                Keyed next = reader.take();
                if (next == null) {
                    throw new NoSuchElementException();
                }
                return next.row();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(reader::close);
    }

    @Override
    public void close() throws IOException {
        if (sorted != null) {
            Files.deleteIfExists(sorted);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private record Keyed(long time, RetailLine row) {
    }

    /** Sorted runs of at most {@code chunkRows} rows, merged into one file. */
    private static Path sort(Path file, long limit, int chunkRows) throws IOException {
        List<Path> runs = new ArrayList<>();
        try {
            List<Keyed> chunk = new ArrayList<>(Math.min(chunkRows, 1 << 16));
            try (Stream<RetailLine> lines = RetailEventMapper.limited(RetailCsv.lines(file), limit)) {
                for (Iterator<RetailLine> it = lines.iterator(); it.hasNext(); ) {
                    RetailLine row = it.next();
                    Instant at = RetailFields.parseTime(row.invoiceDate());
                    chunk.add(new Keyed(at == null ? Long.MIN_VALUE : at.toEpochMilli(), row));
                    if (chunk.size() == chunkRows) {
                        runs.add(writeRun(chunk));
                        chunk.clear();
                    }
                }
            }
            runs.add(writeRun(chunk));
            while (runs.size() > 1) {
                List<Path> group = new ArrayList<>(runs.subList(0, Math.min(MAX_FAN_IN, runs.size())));
                runs.removeAll(group);
                runs.add(merge(group));
            }
            return runs.get(0);
        } catch (IOException | RuntimeException e) {
            for (Path run : runs) {
                Files.deleteIfExists(run);
            }
            throw e;
        }
    }

    private static Path writeRun(List<Keyed> chunk) throws IOException {
        chunk.sort(ORDER);
        Path run = Files.createTempFile("stockpulse-sort-", ".run");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
            for (Keyed keyed : chunk) {
                write(out, keyed);
            }
        }
        return run;
    }

    /** K-way merge of sorted runs into one, deleting the inputs. */
    private static Path merge(List<Path> runs) throws IOException {
        Path merged = Files.createTempFile("stockpulse-sort-", ".run");
        List<RunReader> readers = new ArrayList<>();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(merged), 1 << 16))) {
            PriorityQueue<RunReader> heads = new PriorityQueue<>(Comparator.comparing(RunReader::peek, ORDER));
            for (Path run : runs) {
                RunReader reader = new RunReader(run);
                readers.add(reader);
                if (reader.peek() != null) {
                    heads.add(reader);
                }
            }
            while (!heads.isEmpty()) {
                RunReader reader = heads.poll();
                write(out, reader.take());
                if (reader.peek() != null) {
                    heads.add(reader);
                }
            }
        } finally {
            readers.forEach(RunReader::close);
            for (Path run : runs) {
                Files.deleteIfExists(run);
            }
        }
        return merged;
    }

    private static void write(DataOutputStream out, Keyed keyed) throws IOException {
        RetailLine r = keyed.row();
        out.writeLong(keyed.time());
        out.writeLong(r.line());
        for (String field : new String[]{r.invoiceNo(), r.stockCode(), r.description(), r.quantity(), r.invoiceDate(),
                r.unitPrice(), r.customerId(), r.country()}) {
            if (field == null) {
                out.writeInt(-1);
            } else {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    /** Reads a run one row ahead. */
    private static final class RunReader {
        private final DataInputStream in;
        private Keyed next;

        RunReader(Path run) throws IOException {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
            next = read();
        }

        Keyed peek() {
            return next;
        }

        Keyed take() {
            Keyed taken = next;
            next = read();
            return taken;
        }

        private Keyed read() {
            try {
                long time;
                try {
                    time = in.readLong();
                } catch (EOFException end) {
                    return null;
                }
                long line = in.readLong();
                String[] f = new String[8];
                for (int i = 0; i < f.length; i++) {
                    int length = in.readInt();
                    f[i] = length < 0 ? null : new String(in.readNBytes(length), StandardCharsets.UTF_8);
                }
                return new Keyed(time, new RetailLine(line, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
