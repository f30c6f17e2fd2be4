package io.stockpulse.simulate;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The console table of a simulation: the configured run of each forecaster, then their curves. */
public final class SimulationTable {

    private static final List<String> ROWS = List.of("fillRate", "overallFillRate", "lineFillRate",
            "specialOrderLineShare", "specialOrderUnitShare", "stockoutSkuDays", "averageStockUnits", "averageStockValue",
            "inventoryTurns", "orders", "lateReceipts", "meanLeadTimeDays", "plansWithObservedLeadTime",
            "alertTransitionsPerSkuMonth");

    private SimulationTable() {
    }

    public static void print(PrintStream out, Run main, Run other) {
        Map<String, Object> a = main.figures();
        Map<String, Object> b = other == null ? null : other.figures();
        out.printf(Locale.ROOT, "%n%-30s %16s%s%n", "figure", main.forecaster(),
                b == null ? "" : String.format(Locale.ROOT, " %16s", other.forecaster()));
        for (String row : ROWS) {
            out.printf(Locale.ROOT, "%-30s %16s%s%n", row, format(row, a.get(row)),
                    b == null ? "" : String.format(Locale.ROOT, " %16s", format(row, b.get(row))));
        }
        out.printf(Locale.ROOT, "%nexchange curve (service level: fill rate from stock / average stock value)%n");
        for (int i = 0; i < main.curve().size(); i++) {
            Map<String, Object> p = main.curve().get(i);
            String left = point(p);
            String right = other == null ? "" : "   " + other.forecaster() + " " + point(other.curve().get(i));
            out.printf(Locale.ROOT, "  %-6s %s %s%s%n", p.get("serviceLevel"), main.forecaster(), left, right);
        }
    }

    private static String point(Map<String, Object> p) {
        return String.format(Locale.ROOT, "%.2f %% / %,.0f", ((Number) p.get("fillRate")).doubleValue() * 100,
                ((Number) p.get("averageStockValue")).doubleValue());
    }

    private static String format(String row, Object value) {
        double v = ((Number) value).doubleValue();
        if (row.endsWith("Rate") || row.endsWith("Share") || row.equals("stockoutSkuDays")) {
            return String.format(Locale.ROOT, "%.2f %%", v * 100);
        }
        if (row.equals("orders") || row.equals("lateReceipts") || row.equals("plansWithObservedLeadTime")) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
