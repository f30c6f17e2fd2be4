package io.stockpulse.schemas;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.specific.SpecificData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code schemas/history/<Name>/vN.avsc}: the released versions of each published schema, and the
 * current one (the generated class's schema, i.e. {@code schemas/<Name>.avsc}).
 */
public final class SchemaHistory {

    public static final Path DIR = Path.of("schemas/history");
    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

    private SchemaHistory() {
    }

    /** Schema name -> its released versions, v1 first. */
    public static Map<String, List<Schema>> released() {
        Map<String, List<Schema>> all = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(DIR)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                all.put(dir.getFileName().toString(), versions(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    private static List<Schema> versions(Path dir) throws IOException {
        Map<Integer, Path> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.toList()) {
                Matcher m = VERSION_FILE.matcher(file.getFileName().toString());
                if (!m.matches()) {
                    throw new IllegalStateException("Unexpected file " + file + ": history files are named vN.avsc");
                }
                files.put(Integer.parseInt(m.group(1)), file);
            }
        }
        List<Schema> schemas = new ArrayList<>();
        int expected = 1;
        for (Map.Entry<Integer, Path> entry : files.entrySet()) {
            if (entry.getKey() != expected++) {
                throw new IllegalStateException("Versions in " + dir + " must be v1, v2, ... without gaps: " + files.keySet());
            }
            schemas.add(new Schema.Parser().parse(entry.getValue().toFile()));
        }
        return schemas;
    }

    /** The current schema of {@code name}: the one the code is generated from. */
    public static Schema current(String name) {
        try {
            return SpecificData.get().getSchema(Class.forName("io.stockpulse.avro." + name));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("schemas/history/" + name + " has no current schemas/" + name + ".avsc", e);
        }
    }

    /** Null when a reader of {@code newer} reads data written with {@code older} (Avro's rules); else why not. */
    public static String backwardProblem(Schema older, Schema newer) {
        SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(newer, older);
        return result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE ? null
                : result.getResult().getIncompatibilities().toString();
    }
}
