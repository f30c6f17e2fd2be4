package io.stockpulse.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names and labels of {@code deploy/metrics.txt}, the one list the app and deploy/ agree
 * on, and the metric names a PromQL expression uses.
 *
 * <p>Why a small hand-written PromQL scan instead of a parser: there is no maintained PromQL parser
 * for Java, and to name the metrics of an expression it is enough to drop strings, label matchers,
 * ranges and grouping clauses and keep the identifiers that are not functions or keywords.
 */
final class MetricContract {

    static final Path FILE = Path.of("deploy/metrics.txt");
    /** Labels Prometheus adds to every scraped series, and the bucket label of histograms. */
    private static final Set<String> TARGET_LABELS = Set.of("instance", "job");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");

    /** name -> labels (exact metrics); histograms and prefixes separately. */
    final Map<String, Set<String>> metrics = new LinkedHashMap<>();
    final Set<String> histograms = new LinkedHashSet<>();
    final List<String> prefixes = new ArrayList<>();

    static MetricContract load() {
        MetricContract contract = new MetricContract();
        List<String> lines;
        try {
            lines = Files.readAllLines(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            String name = parts[0];
            String kind = parts.length > 1 ? parts[1] : "";
            switch (kind) {
                case "prefix" -> contract.prefixes.add(name);
                case "histogram" -> {
                    contract.histograms.add(name);
                    for (String suffix : List.of("_bucket", "_sum", "_count")) {
                        contract.metrics.put(name + suffix, suffix.equals("_bucket") ? Set.of("le") : Set.of());
                    }
                }
                default -> contract.metrics.put(name, kind.isEmpty() ? Set.of() : Set.of(kind.split(",")));
            }
        }
        return contract;
    }

    boolean knows(String metric) {
        return metrics.containsKey(metric) || prefixes.stream().anyMatch(metric::startsWith);
    }

    /** The problems of one expression: unknown metrics, and label matchers on labels a metric does not have. */
    List<String> problems(String expr) {
        List<String> problems = new ArrayList<>();
        for (String metric : metricNames(expr)) {
            if (!knows(metric)) {
                problems.add("unknown metric " + metric + " in: " + expr);
            }
        }
        Matcher original = SELECTOR.matcher(expr);
        while (original.find()) {
            String metric = original.group(1);
            Set<String> labels = metrics.get(metric);
            if (labels == null || KEYWORDS.contains(metric)) {
                continue; // unknown metrics are reported above; prefix metrics have free labels
            }
            Matcher label = MATCHER_LABEL.matcher(original.group(2));
            while (label.find()) {
                String name = label.group(1);
                if (!labels.contains(name) && !TARGET_LABELS.contains(name)) {
                    problems.add("metric " + metric + " has no label " + name + " (contract: " + labels + ") in: " + expr);
                }
            }
        }
        return problems;
    }

    /** The metric names an expression (or a Grafana {@code label_values(metric, label)} query) selects. */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("label_values\\(\\s*([^,)]+)\\s*,[^)]*\\)", "$1");
        s = withoutStrings(s);
        s = s.replaceAll("\\{[^}]*}", " ");
        s = s.replaceAll("\\[[^]]*]", " ");
        s = s.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String token = m.group();
            int before = m.start() - 1;
            if (before >= 0 && (Character.isDigit(s.charAt(before)) || s.charAt(before) == '.' || s.charAt(before) == '$')) {
                continue; // a duration unit (1d), an exponent (1e-9) or a Grafana variable
            }
            int after = m.end();
            while (after < s.length() && Character.isWhitespace(s.charAt(after))) {
                after++;
            }
            boolean function = after < s.length() && s.charAt(after) == '(';
            if (!function && !KEYWORDS.contains(token.toLowerCase())) {
                names.add(token);
            }
        }
        return names;
    }

    private static String withoutStrings(String expr) {
        return expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
    }
}
