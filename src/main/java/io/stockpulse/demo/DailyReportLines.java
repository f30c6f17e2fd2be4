package io.stockpulse.demo;

import io.stockpulse.avro.ClassForecastError;
import io.stockpulse.avro.InventoryReport;
import io.stockpulse.avro.RiskItem;
import io.stockpulse.avro.ServiceWindow;
import io.stockpulse.state.InventoryReports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The demo report's lines on the latest daily inventory report: its day and coverage, the summary
 * paragraph, the 7- and 28-day service windows, turns, excess value at risk, the top risks and the
 * forecast error per ABC class. Labels are as wide as the rest of the demo report's, so the values line up.
 */
final class DailyReportLines {

    /** Width of a label column, as in {@link KpiReport#render()}. */
    static final int LABEL = 26;
    /** The summary paragraph wraps at this many characters a line (label included). */
    static final int WIDTH = 110;
    private static final String INDENT = " ".repeat(LABEL);

    private DailyReportLines() {
    }

    static String render(InventoryReport r) {
        StringBuilder out = new StringBuilder();
        String scope = r.getLocationId().equals(InventoryReports.ALL) ? "all locations" : r.getLocationId();
        line(out, "daily report", String.format(Locale.ROOT, "%s, %s, %d partition %s reported%s", r.getDay(), scope,
                r.getPartitionsReported(), r.getPartitionsReported() == 1 ? "group" : "groups",
                r.getComplete() ? " (final)" : " (still filling up)"));
        if (!r.getSummary().isEmpty()) {
            line(out, "report summary", String.join("\n" + INDENT, wrap(r.getSummary(), WIDTH - LABEL)));
        }
        ServiceWindow week = r.getLast7Days();
        ServiceWindow month = r.getLast28Days();
        line(out, "report fill rate", fillRate(week) + ", " + fillRate(month));
        line(out, "report stockout SKU-days", stockoutDays(week) + ", " + stockoutDays(month));
        line(out, "report inventory turns", month == null ? "n/a" : String.format(Locale.ROOT,
                "%.2f per year over %d d (cost of goods sold %,.2f, average stock value %,.2f)",
                month.getInventoryTurns(), month.getDays(), month.getCostOfGoodsSold(), month.getAverageInventoryValue()));
        line(out, "excess value at risk", String.format(Locale.ROOT,
                "%,.2f (stock value %,.2f; %,d overstocked, %,d out of stock, %,d reorder triggers open)",
                r.getExcessValue(), r.getStockValue(), r.getOverstockSkus(), r.getStockoutSkus(), r.getOpenTriggers()));
        line(out, "top risks", r.getTopRisks().isEmpty() ? "none" : String.join("\n" + INDENT, risks(r.getTopRisks())));
        // Sorted: A, B, C, then "unclassified" (upper case sorts first).
        new TreeMap<>(r.getForecastErrorByClass()).forEach((abcClass, e) -> out.append(forecastError(abcClass, e)));
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "%-" + LABEL + "s%s%n", label, value));
    }

    private static String fillRate(ServiceWindow w) {
        return w == null ? "n/a" : String.format(Locale.ROOT, "%d d %.2f %% (%,d of %,d units)", w.getDays(),
                100 * w.getFillRate(), w.getUnitsFilled(), w.getUnitsDemanded());
    }

    private static String stockoutDays(ServiceWindow w) {
        return w == null ? "n/a" : String.format(Locale.ROOT, "%d d %,d of %,d (%.2f %%)", w.getDays(),
                w.getStockoutSkuDays(), w.getAccountedSkuDays(),
                w.getAccountedSkuDays() == 0 ? 0 : 100.0 * w.getStockoutSkuDays() / w.getAccountedSkuDays());
    }

    /** One line per risk, its columns padded to the widest entry: sku@location kind value reason. */
    static List<String> risks(List<RiskItem> items) {
        int where = 0;
        int kind = 0;
        int value = 0;
        for (RiskItem i : items) {
            where = Math.max(where, (i.getSku() + "@" + i.getLocationId()).length());
            kind = Math.max(kind, i.getKind().length());
            value = Math.max(value, money(i.getValue()).length());
        }
        String format = "%-" + where + "s  %-" + kind + "s  %" + value + "s  %s";
        return items.stream().map(i -> String.format(Locale.ROOT, format, i.getSku() + "@" + i.getLocationId(),
                i.getKind(), money(i.getValue()), i.getReason())).toList();
    }

    private static String forecastError(String abcClass, ClassForecastError e) {
        // The same columns as the per-model-version lines of KpiReport.
        return String.format(Locale.ROOT, "forecast error %-22s MAE %.3f  WAPE %s  bias %s  (%,d SKU-days, last 28 closes)%n",
                "class " + abcClass, e.getMae(), e.getWape() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", e.getWape()),
                e.getBias() == null ? "n/a" : String.format(Locale.ROOT, "%+.3f", e.getBias()), e.getScoredDays());
    }

    private static String money(double value) {
        return String.format(Locale.ROOT, "%,.2f", value);
    }

    /** Words into lines of at most {@code width} characters (a longer word gets a line of its own). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
