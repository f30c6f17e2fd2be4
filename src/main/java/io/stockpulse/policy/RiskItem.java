package io.stockpulse.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One SKU × location's largest risk, valued at unit cost so that shortages and excess rank on one
 * scale: what demand goes unmet before a new order can arrive, or what stock sits above the
 * overstock cover.
 *
 * @param kind   {@link #STOCKOUT}, {@link #STOCKOUT_RISK} or {@link #EXCESS}
 * @param value  value at stake at unit cost
 * @param reason why, in words, with the figures
 */
public record RiskItem(String sku, String locationId, String kind, double value, String reason) {

    /** Out of stock now while the forecast expects demand. */
    public static final String STOCKOUT = "stockout";
    /** Stock and orders will not last until an order placed today arrives. */
    public static final String STOCKOUT_RISK = "stockout-risk";
    /** Stock above maxDaysOfCover × forecast demand. */
    public static final String EXCESS = "excess";
    /** Risks a report lists. */
    public static final int TOP = 10;

    private static final Comparator<RiskItem> LARGEST_FIRST = Comparator.comparingDouble(RiskItem::value).reversed()
            .thenComparing(RiskItem::sku).thenComparing(RiskItem::locationId);

    /**
     * The largest risk of one SKU × location, if any. A shortage is the demand over the lead time L
     * not covered: out of stock, the whole lead-time demand (what is on order arrives at best after L);
     * otherwise lead-time demand − inventory position when the stock runs out within L. Excess is
     * the plan's excess quantity (all of the stock when no demand is expected). Each is valued at the
     * policy's unit cost.
     */
    public static Optional<RiskItem> assess(String sku, String locationId, StockPosition position,
                                            ReplenishmentPlan plan, PolicyParameters policy, boolean haveForecast) {
        if (!haveForecast) {
            return Optional.empty(); // nothing is known about demand
        }
        double unitCost = policy.unitCost();
        double leadTimeDemand = plan.leadTimeDemand();
        RiskItem shortage = null;
        if (position.onHand() <= 0 && plan.dailyDemand() > 0) {
            shortage = new RiskItem(sku, locationId, STOCKOUT, leadTimeDemand * unitCost, String.format(Locale.ROOT,
                    "out of stock; %.1f units/day expected, %d on order, lead time %.0f days: about %.0f units short",
                    plan.dailyDemand(), position.onOrder(), policy.leadTimeDays(), leadTimeDemand));
        } else if (plan.daysUntilStockout() >= 0 && plan.daysUntilStockout() < policy.leadTimeDays()
                && position.inventoryPosition() < leadTimeDemand) {
            double shortUnits = leadTimeDemand - position.inventoryPosition();
            shortage = new RiskItem(sku, locationId, STOCKOUT_RISK, shortUnits * unitCost, String.format(Locale.ROOT,
                    "runs out in %d days, lead time %.0f days; on hand %d + on order %d vs %.0f units of demand: "
                            + "about %.0f units short", plan.daysUntilStockout(), policy.leadTimeDays(),
                    position.onHand(), position.onOrder(), leadTimeDemand, shortUnits));
        }
        RiskItem excess = plan.excessQuantity() <= 0 ? null : new RiskItem(sku, locationId, EXCESS,
                plan.excessQuantity() * unitCost, Double.isFinite(plan.daysOfCover())
                ? String.format(Locale.ROOT, "%.0f days of cover (max %.0f): %.0f units above need",
                        plan.daysOfCover(), policy.maxDaysOfCover(), plan.excessQuantity())
                : String.format(Locale.ROOT, "no demand expected: all %d units on hand are excess", position.onHand()));
        if (shortage == null || excess != null && excess.value > shortage.value) {
            return Optional.ofNullable(excess).filter(r -> r.value > 0);
        }
        return Optional.of(shortage).filter(r -> r.value > 0);
    }

    /** The {@link #TOP} largest of two lists, largest first (lists of partial reports merge this way). */
    public static List<RiskItem> top(List<RiskItem> a, List<RiskItem> b) {
        List<RiskItem> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        all.sort(LARGEST_FIRST);
        return all.size() <= TOP ? List.copyOf(all) : List.copyOf(all.subList(0, TOP));
    }
}
