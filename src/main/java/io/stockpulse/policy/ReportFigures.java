package io.stockpulse.policy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * The figures of a daily inventory report, as plain numbers. Partial reports of different tasks and
 * locations add up with {@link #plus}. Three kinds of figure live here:
 * <ul>
 *   <li>snapshots at the close: SKUs, stock value, stockouts, open triggers, overstock, excess value,
 *       days-of-cover buckets, ABC class counts, the top risks;</li>
 *   <li>cumulative since each SKU's KPIs started (units demanded and filled, stockout and accounted
 *       SKU-days, cost of goods sold, value-days on hand): windows over the last N days are differences
 *       of two of these ({@link ServiceWindow#between});</li>
 *   <li>forecast errors per ABC class scored at this close ({@code classErrors}), which add up over days.</li>
 * </ul>
 */
public record ReportFigures(long skus, double stockValue, long stockoutSkus, long openTriggers, long overstockSkus,
                            long unitsDemanded, long unitsFilled, long stockoutSkuDays, long accountedSkuDays,
                            double costOfGoodsSold, double onHandValueDays, double excessValue,
                            Map<String, Long> coverDays, Map<String, Long> classCounts,
                            List<RiskItem> topRisks, Map<String, ErrorSums> classErrors) {

    public static final ReportFigures EMPTY = new ReportFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            Map.of(), Map.of(), List.of(), Map.of());

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
                costOfGoodsSold + other.costOfGoodsSold, onHandValueDays + other.onHandValueDays,
                excessValue + other.excessValue,
                add(coverDays, other.coverDays, Long::sum), add(classCounts, other.classCounts, Long::sum),
                RiskItem.top(topRisks, other.topRisks), add(classErrors, other.classErrors, ErrorSums::plus));
    }

    /** The same figures with other forecast errors (a combined report carries a window's errors). */
    public ReportFigures withClassErrors(Map<String, ErrorSums> errors) {
        return new ReportFigures(skus, stockValue, stockoutSkus, openTriggers, overstockSkus, unitsDemanded,
                unitsFilled, stockoutSkuDays, accountedSkuDays, costOfGoodsSold, onHandValueDays, excessValue,
                coverDays, classCounts, topRisks, errors);
    }

    private static <V> Map<String, V> add(Map<String, V> a, Map<String, V> b,
                                          BinaryOperator<V> sum) {
        Map<String, V> out = new TreeMap<>(a);
        b.forEach((k, v) -> out.merge(k, v, sum));
        return out;
    }
}
