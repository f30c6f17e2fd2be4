package io.stockpulse.decision;

import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.policy.StockoutLevel;

import java.util.ArrayList;
import java.util.List;

/**
 * Stockout alerts and overstock warnings, evaluated once per day close (never per event: a sale and
 * its replenishment an hour apart are not news). Rules:
 * <ul>
 *   <li>No stockout alert for a SKU nobody is expected to buy (no demand, no backorders).</li>
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
        StockoutLevel next = stockoutLevel(flags.stockout(), netStock, plan, policy, daysUntilStockout, settings);
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
        return new Outcome(new AlertFlags(next, overstock, streak), out, daysUntilStockout);
    }

    private static StockoutLevel stockoutLevel(StockoutLevel current, long netStock, SkuPlan plan, PolicyParameters policy,
                                               int daysUntilStockout, DecisionSettings settings) {
        boolean demandExpected = plan.dailyDemand() > 0 || netStock < 0;
        if (!plan.known() || !demandExpected) {
            return StockoutLevel.NONE;
        }
        if (netStock <= 0) {
            return StockoutLevel.OUT_OF_STOCK;
        }
        double horizon = policy.leadTimeDays() * (current == StockoutLevel.NONE ? 1 : 1 + settings.hysteresis());
        return daysUntilStockout >= 0 && daysUntilStockout < horizon ? StockoutLevel.PROJECTED : StockoutLevel.NONE;
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
