package io.stockpulse.decision;

import io.stockpulse.policy.InventoryMath;
import io.stockpulse.policy.MinMaxPolicy;
import io.stockpulse.policy.PeriodicReviewPolicy;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.policy.PolicyType;

import java.util.List;

/**
 * The reorder-trigger lifecycle, evaluated after every event against the plan of the last close:
 * <ul>
 *   <li>An open trigger closes when its purchase order (id = trigger id) is on order — the planner
 *       acted on it; receipt and cancellation come after that —, or when the position rises above s.</li>
 *   <li>With no open trigger, a new one fires whenever the position is at or below s (for periodic
 *       review: on a review day, below S, once that day), ordering up to S.</li>
 * </ul>
 * So a trigger can never stay open with nothing on order: the stuck cases (demand before the order,
 * s rising at a close, s = 0 with backorders) all end in a new trigger.
 */
public final class Reordering {

    /**
     * @param openTriggerId   the open trigger's id, or null
     * @param sequence        triggers fired so far (ids are sku/location/sequence)
     * @param lastTriggerDay  epoch day of the last trigger (periodic review fires once a review day)
     */
    public record State(String openTriggerId, long sequence, int lastTriggerDay) {
        public static final State NONE = new State(null, 0, Integer.MIN_VALUE);
    }

    /** A trigger to publish. */
    public record Trigger(String id, long quantity, long inventoryPosition) {
    }

    /** The next state; {@code fired} is non-null when a new trigger fires, {@code closed} when one closed. */
    public record Step(State state, Trigger fired, boolean closed) {
    }

    private Reordering() {
    }

    public static Step evaluate(State state, String triggerIdPrefix, long netStock, List<OpenOrder> orders,
                                SkuPlan plan, PolicyParameters policy, int today) {
        long position = Positions.inventoryPosition(netStock, orders);
        boolean closed = false;
        State current = state;
        if (current.openTriggerId() != null) {
            // Its order is evaluated on order before it can be received or cancelled (events come one by
            // one), so "on order" is the moment the planner acted.
            if (isOnOrder(orders, current.openTriggerId()) || position > plan.reorderPoint()) {
                current = new State(null, current.sequence(), current.lastTriggerDay());
                closed = true;
            }
        }
        if (current.openTriggerId() != null || !plan.known() && policy.type() != PolicyType.MIN_MAX) {
            return new Step(current, null, closed);
        }
        long quantity = quantity(plan, policy, position, today, current.lastTriggerDay());
        if (quantity <= 0) {
            return new Step(current, null, closed);
        }
        long sequence = current.sequence() + 1;
        String id = triggerIdPrefix + "/" + sequence;
        return new Step(new State(id, sequence, today), new Trigger(id, quantity, position), closed);
    }

    private static boolean isOnOrder(List<OpenOrder> orders, String id) {
        for (OpenOrder order : orders) {
            if (order.id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** Units to order now, 0 when no order is due. */
    public static long quantity(SkuPlan plan, PolicyParameters policy, long position, int today, int lastTriggerDay) {
        if (policy.type() == PolicyType.MIN_MAX) {
            // Hand-set levels need no forecast: they apply from the SKU's first event on.
            return MinMaxPolicy.orderQuantity(position, policy.minUnits(), policy.maxUnits(), policy.moq(),
                    policy.packSize());
        }
        boolean due;
        if (policy.type() == PolicyType.PERIODIC) {
            due = PeriodicReviewPolicy.isReviewDay(today, policy.reviewDays(), policy.reviewOffsetDays())
                    && lastTriggerDay != today && position < plan.orderUpTo();
        } else {
            // With no expected demand and no backorders, ordering would only buy dead stock; with demand
            // expected, s = 0 means "order when the last unit is gone", not "after a customer was turned away".
            due = position <= plan.reorderPoint() && (plan.dailyDemand() > 0 || position < 0);
        }
        if (!due) {
            return 0;
        }
        double upTo = Math.max(plan.orderUpTo(), 0);
        return InventoryMath.roundToMoqAndPack(upTo - position, policy.moq(), policy.packSize());
    }
}
