package io.stockpulse.demo;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The demo report's line on classes: SKU × locations per ABC class, per XYZ class and per pair. */
final class ClassCounts {

    private ClassCounts() {
    }

    /**
     * {@code counts} maps a pair such as "AX" (ABC letter then XYZ letter) to its number of SKU ×
     * locations; renders e.g. "A 12, B 30, C 140 | X 20, Y 50, Z 112 | AX 5, AY 4, …".
     */
    static String render(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "none yet (classes are set at day close)";
        }
        Map<String, Long> abc = new TreeMap<>();
        Map<String, Long> xyz = new TreeMap<>();
        counts.forEach((pair, n) -> {
            abc.merge(pair.substring(0, 1), n, Long::sum);
            if (pair.length() > 1) {
                xyz.merge(pair.substring(1), n, Long::sum);
            }
        });
        return join(abc) + " | " + join(xyz) + " | " + join(new TreeMap<>(counts));
    }

    private static String join(Map<String, Long> counts) {
        StringBuilder out = new StringBuilder();
        counts.forEach((name, n) -> out.append(out.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %,d", name, n)));
        return out.toString();
    }
}
