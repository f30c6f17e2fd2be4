package io.stockpulse.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plain-language paragraph of a daily report, written from its figures by templates (no external
 * service): what is held, what is wrong now, how service went over 7 and 28 days, the largest risk and
 * how good the forecasts were per ABC class.
 */
public final class ReportSummary {

    /** Below this fill rate the summary says service is short. */
    public static final double FILL_RATE_TARGET = 0.95;

    private ReportSummary() {
    }

    public static String write(String scope, String day, ReportFigures f, ServiceWindow week, ServiceWindow month,
                               int partitionsReported, int partitionsExpected, boolean complete) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "On %s, %s held %s worth %,.2f", day, scope, count(f.skus(), "SKU", "SKUs"), f.stockValue()));
        if (month.onHandValueDays() > 0) {
            out.append(String.format(Locale.ROOT, ", turning %.1f times a year at the last %d days' pace",
                    month.inventoryTurns(), month.days()));
        }
        out.append(String.format(Locale.ROOT, ". %s out of stock, %s and %s overstocked",
                count(f.stockoutSkus(), "SKU is", "SKUs are"), count(f.openTriggers(), "reorder trigger is open",
                        "reorder triggers are open"), count(f.overstockSkus(), "is", "are")));
        out.append(f.excessValue() > 0
                ? String.format(Locale.ROOT, "; excess stock worth %,.2f is at risk. ", f.excessValue()) : ". ");
        out.append(String.format(Locale.ROOT, "Fill rate was %s over the last %d days%s",
                percent(week.fillRate()), week.days(), trend(week.fillRate(), month.fillRate(), month.days())));
        out.append(week.fillRate() < FILL_RATE_TARGET && week.unitsDemanded() > 0
                ? String.format(Locale.ROOT, ", below the %s target", percent(FILL_RATE_TARGET)) : "");
        out.append(String.format(Locale.ROOT, "; %,d SKU-days (%s) ended out of stock in the last %d days. ",
                week.stockoutSkuDays(), percent(week.stockoutShare()), week.days()));
        if (!f.topRisks().isEmpty()) {
            RiskItem top = f.topRisks().get(0);
            out.append(String.format(Locale.ROOT, "Largest risk: %s at %s (%s, %,.2f at stake): %s. ",
                    top.sku(), top.locationId(), top.kind(), top.value(), top.reason()));
        }
        String errors = classErrors(f.classErrors());
        if (!errors.isEmpty()) {
            out.append("Forecast error (WAPE) over the last 28 closes: ").append(errors).append(". ");
        }
        if (complete) {
            out.append("(Final: every partition group has closed the day.)");
        } else if (partitionsExpected > partitionsReported) {
            out.append(String.format(Locale.ROOT, "(%d of %d partition groups have reported: figures still filling up.)",
                    partitionsReported, partitionsExpected));
        } else {
            out.append(String.format(Locale.ROOT, "(%d partition %s reported.)", partitionsReported,
                    partitionsReported == 1 ? "group has" : "groups have"));
        }
        return out.toString();
    }

    private static String trend(double recent, double longer, int longerDays) {
        if (Math.abs(recent - longer) < 0.0005) {
            return String.format(Locale.ROOT, ", as over %d days", longerDays);
        }
        return String.format(Locale.ROOT, ", %s from %s over %d days", recent > longer ? "up" : "down",
                percent(longer), longerDays);
    }

    private static String classErrors(Map<String, ErrorSums> byClass) {
        List<String> parts = new ArrayList<>();
        byClass.forEach((abcClass, sums) -> {
            if (!Double.isNaN(sums.wape())) {
                parts.add(String.format(Locale.ROOT, "%s items %s", abcClass, percent(sums.wape())));
            }
        });
        return String.join(", ", parts);
    }

    private static String count(long n, String one, String many) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
