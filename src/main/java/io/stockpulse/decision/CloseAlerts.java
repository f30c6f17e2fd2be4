package io.stockpulse.decision;

import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.policy.StockoutLevel;

import java.util.ArrayList;
import java.util.List;

/**
 * Stockout alerts and overstock warnings, evaluated once per day close (never per event: a sale and
 * its replenishment an hour apart are not news). Rules:
 * <ul>
 *   <li>No stockout alert unless customers are expected to ask for at least the minimum value at risk
 *       before the next delivery (over the lead time when nothing is on order).</li>
 *   <li>OUT_OF_STOCK when nothing is on hand. PROJECTED when on hand, plus the open orders due by
 *       each day, runs out within the lead time at the expected rate; it resolves once the projection
 *       clears lead time × (1 + hysteresis).</li>
 *   <li>Overstock only with {@code overstockMinHistoryDays} of history, counting stock on order, above
 *       the plan's overstock limit (max(max days of cover × demand, order-up-to level)), with at least
 *       {@code overstockMinValue} at risk, held for {@code overstockConfirmCloses} closes; it resolves
 *       when the position is back under the limit × (1 − hysteresis).</li>
 * </ul>
 */
public final class CloseAlerts {

    /** What the close decided: the flags to keep and the transitions to publish. */
    public record Outcome(AlertFlags flags, List<AlertTransition> transitions, int daysUntilStockout) {
    }

    private CloseAlerts() {
    }

    public static Outcome evaluate(AlertFlags flags, long netStock, List<OpenOrder> orders, SkuPlan plan,
                                   PolicyParameters policy, int historyDays, int today, double unitCost,
                                   DecisionSettings settings) {
        List<AlertTransition> out = new ArrayList<>(2);
        int daysUntilStockout = daysUntilStockout(Math.max(0, netStock), orders, plan.dailyDemand(), today);
        boolean projected = projected(flags.stockout(), plan, policy, daysUntilStockout, settings);
        int projectedStreak = projected ? flags.projectedStreak() + 1 : 0;
        StockoutLevel next = stockoutLevel(flags.stockout(), netStock, plan, projected, projectedStreak,
                demandBeforeReceipt(orders, plan, policy, today) * unitCost, settings);
        if (next != flags.stockout()) {
            boolean raised = next != StockoutLevel.NONE;
            out.add(new AlertTransition(AlertTransition.Kind.STOCKOUT, raised, raised ? next : flags.stockout(), 0, 0,
                    daysUntilStockout));
        }
        long position = Positions.inventoryPosition(netStock, orders);
        double excess = position - plan.overstockLimit();
        double valueAtRisk = Math.max(0, excess) * unitCost;
        boolean condition = plan.known() && historyDays >= settings.overstockMinHistoryDays() && excess > 0
                && valueAtRisk >= settings.overstockMinValue();
        int streak = condition ? flags.overstockStreak() + 1 : 0;
        boolean overstock;
        if (flags.overstockOpen()) {
            overstock = plan.known() && position > plan.overstockLimit() * (1 - settings.hysteresis());
        } else {
            overstock = condition && streak >= settings.overstockConfirmCloses();
        }
        if (overstock != flags.overstockOpen()) {
            out.add(new AlertTransition(AlertTransition.Kind.OVERSTOCK, overstock, StockoutLevel.NONE,
                    Math.max(0, excess), valueAtRisk, daysUntilStockout));
        }
        return new Outcome(new AlertFlags(next, overstock, streak, projectedStreak), out, daysUntilStockout);
    }

    private static StockoutLevel stockoutLevel(StockoutLevel current, long netStock, SkuPlan plan, boolean projected,
                                               int projectedStreak, double valueBeforeReceipt,
                                               DecisionSettings settings) {
        // A stockout matters when customers are expected before the next delivery, for at least the
        // minimum value at risk: an empty shelf the truck refills before anyone asks, or a few cheap units
        // short, is not worth a planner's attention (the same bar as an overstock's).
        if (!plan.known() || plan.leadTimeDemand() < 1 || valueBeforeReceipt < settings.overstockMinValue()) {
            return StockoutLevel.NONE;
        }
        if (netStock <= 0) {
            return StockoutLevel.OUT_OF_STOCK;
        }
        if (current == StockoutLevel.PROJECTED) {
            return projected ? StockoutLevel.PROJECTED : StockoutLevel.NONE;
        }
        // Confirmed like an overstock: one close's projection of lumpy demand is a guess, two are a trend.
        return projected && projectedStreak >= settings.overstockConfirmCloses() ? StockoutLevel.PROJECTED
                : StockoutLevel.NONE;
    }

    /** Units expected from tomorrow until the next receipt is due (over the lead time when nothing is on order). */
    static double demandBeforeReceipt(List<OpenOrder> orders, SkuPlan plan, PolicyParameters policy, int today) {
        double days = policy.leadTimeDays();
        for (OpenOrder order : orders) {
            if (order.dueDay() != OpenOrder.UNKNOWN_DUE) {
                days = Math.min(days, Math.max(0, order.dueDay() - today - 1));
            }
        }
        return plan.dailyDemand() * days;
    }

    /** On hand, with the receipts due, runs out within the lead time (× (1 + hysteresis) while open). */
    private static boolean projected(StockoutLevel current, SkuPlan plan, PolicyParameters policy, int daysUntilStockout,
                                     DecisionSettings settings) {
        double horizon = policy.leadTimeDays() * (current == StockoutLevel.PROJECTED ? 1 + settings.hysteresis() : 1);
        return daysUntilStockout >= 0 && daysUntilStockout < horizon;
    }

    /**
     * Whole days from today until the projected on hand is used up at {@code rate}, receipts added on
     * their due days; −1 when it lasts beyond a year (or nothing is demanded).
     */
    public static int daysUntilStockout(long onHand, List<OpenOrder> orders, double rate, int today) {
        if (onHand <= 0) {
            return 0;
        }
        if (rate <= 0) {
            return -1;
        }
        double stock = onHand;
        for (int day = 1; day <= 366; day++) {
            for (OpenOrder order : orders) {
                if (order.dueDay() == today + day) {
                    stock += order.quantity();
                }
            }
            stock -= rate;
            if (stock < 0) {
                return day - 1;
            }
        }
        return -1;
    }
}
