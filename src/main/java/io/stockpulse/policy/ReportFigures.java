package io.stockpulse.policy;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a daily inventory report, as plain numbers: partial reports of different tasks
 * add up with {@link #plus}, and {@link #summary} writes the plain-language paragraph from them
 * (templates; no external service).
 */
public record ReportFigures(long skus, double stockValue, long stockoutSkus, long openTriggers, long overstockSkus,
                            long unitsDemanded, long unitsFilled, long stockoutSkuDays, long accountedSkuDays,
                            Map<String, Long> coverDays, Map<String, Long> classCounts) {

    public static final ReportFigures EMPTY = new ReportFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of());

    /** Days-of-cover bucket of one SKU. */
    public static String coverBucket(double daysOfCover, boolean hasDemand) {
        if (!hasDemand) {
            return "no-demand";
        }
        if (daysOfCover < 1) {
            return "0";
        }
        if (daysOfCover <= 7) {
            return "1-7";
        }
        if (daysOfCover <= 30) {
            return "8-30";
        }
        return daysOfCover <= 90 ? "31-90" : "90+";
    }

    public ReportFigures plus(ReportFigures other) {
        return new ReportFigures(skus + other.skus, stockValue + other.stockValue, stockoutSkus + other.stockoutSkus,
                openTriggers + other.openTriggers, overstockSkus + other.overstockSkus,
                unitsDemanded + other.unitsDemanded, unitsFilled + other.unitsFilled,
                stockoutSkuDays + other.stockoutSkuDays, accountedSkuDays + other.accountedSkuDays,
                add(coverDays, other.coverDays), add(classCounts, other.classCounts));
    }

    /** Units sold from stock / units asked for; 1 when nothing was asked. */
    public double fillRate() {
        return unitsDemanded == 0 ? 1 : (double) unitsFilled / unitsDemanded;
    }

    public double stockoutShare() {
        return accountedSkuDays == 0 ? 0 : (double) stockoutSkuDays / accountedSkuDays;
    }

    public String summary(String scope, String day, int partitionsReported) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "On %s, %s held %,d SKUs worth %,.2f. ", day, scope, skus, stockValue));
        out.append(String.format(Locale.ROOT, "%d %s out of stock, %d reorder %s open and %d %s overstocked. ",
                stockoutSkus, stockoutSkus == 1 ? "is" : "are", openTriggers, openTriggers == 1 ? "trigger is" : "triggers are",
                overstockSkus, overstockSkus == 1 ? "is" : "are"));
        out.append(String.format(Locale.ROOT, "Fill rate so far is %.1f %% with stockouts on %.1f %% of SKU-days",
                fillRate() * 100, stockoutShare() * 100));
        out.append(fillRate() < 0.9 ? ", below a 90 % target. " : ". ");
        out.append(String.format(Locale.ROOT, "(%d partition %s reported.)", partitionsReported,
                partitionsReported == 1 ? "group has" : "groups have"));
        return out.toString();
    }

    private static Map<String, Long> add(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> out = new TreeMap<>(a);
        b.forEach((k, v) -> out.merge(k, v, Long::sum));
        return out;
    }
}
