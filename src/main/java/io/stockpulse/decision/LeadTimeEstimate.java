package io.stockpulse.decision;

import io.stockpulse.policy.PolicyParameters;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.util.ArrayList;
import java.util.List;

/**
 * Lead times learned from the stream's own purchase orders: how one order's receipts make one
 * measured lead time, the summary of the last {@link #KEPT} of them (count, mean, sample σ,
 * empirical quantiles), and the choice between that and the configured L and σL. Pure: the
 * stream, {@code simulate} and the API share it.
 *
 * <p>A partially received purchase order counts once, when its last units arrive (or its rest is
 * cancelled), as the quantity-weighted mean of its receipts' ORDERED → RECEIVED intervals. Once,
 * because a purchase order is one draw of the supplier's lead time: counting every receipt would
 * let one split delivery fill the window and reach {@code min-receipts} alone. Quantity-weighted,
 * because the safety stock protects units: 90 of 100 units on day 5 and 10 on day 12 cover demand
 * like a lead time of 5.7 days, not 5 (first receipt) or 12 (last).
 */
public final class LeadTimeEstimate {

    /** Measured lead times kept per SKU × location: enough for a σ, few enough to follow a supplier that changes. */
    public static final int KEPT = 20;
    private static final double DAY_MS = 86_400_000d;

    private final double[] days;
    private final DescriptiveStatistics stats;

    private LeadTimeEstimate(double[] days) {
        this.days = days;
        this.stats = new DescriptiveStatistics(days);
    }

    /** The summary of these measured lead times (days). */
    public static LeadTimeEstimate of(List<LeadTimeObservation> observations) {
        return new LeadTimeEstimate(observations.stream().mapToDouble(LeadTimeObservation::days).toArray());
    }

    /** Only the lead times of {@code supplierId}'s purchase orders. */
    public static LeadTimeEstimate ofSupplier(List<LeadTimeObservation> observations, String supplierId) {
        return of(observations.stream().filter(o -> supplierId.equals(o.supplierId())).toList());
    }

    public int count() {
        return days.length;
    }

    /** Mean lead time, days (NaN without observations). */
    public double mean() {
        return stats.getMean();
    }

    /** Sample standard deviation (n − 1), days; 0 for a single observation, NaN for none. */
    public double std() {
        return days.length == 1 ? 0 : stats.getStandardDeviation();
    }

    /**
     * The empirical p-quantile, interpolated between order statistics as R's and Excel's default
     * (type 7: h = (n − 1)p + 1); NaN without observations.
     */
    public double quantile(double p) {
        if (days.length == 0) {
            return Double.NaN;
        }
        if (p <= 0) {
            return stats.getMin(); // commons-math's Percentile takes p in (0, 100]
        }
        return new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(days, p * 100);
    }

    /**
     * The lead time a plan uses: the configured L and σL until learning is on and enough purchase
     * orders were received; then the observed mean and σ — of the supplier of the most recent order
     * when that supplier alone has enough (a SKU that changed supplier should not plan with the old
     * one's lead times), else of all the SKU's orders.
     */
    public static LeadTimeUsed choose(PolicyParameters policy, List<LeadTimeObservation> observations,
                                      LeadTimeLearning learning) {
        if (!learning.learn() || observations.size() < learning.minReceipts()) {
            return LeadTimeUsed.configured(policy);
        }
        String latest = observations.get(observations.size() - 1).supplierId();
        if (latest != null) {
            LeadTimeEstimate supplier = ofSupplier(observations, latest);
            if (supplier.count() >= learning.minReceipts()) {
                return new LeadTimeUsed(LeadTimeUsed.OBSERVED, supplier.mean(), supplier.std(), supplier.count(), latest);
            }
        }
        LeadTimeEstimate all = of(observations);
        return new LeadTimeUsed(LeadTimeUsed.OBSERVED, all.mean(), all.std(), all.count(), null);
    }

    /** {@code kept} with {@code observation} appended, the oldest dropped beyond {@link #KEPT}. */
    public static List<LeadTimeObservation> append(List<LeadTimeObservation> kept, LeadTimeObservation observation) {
        List<LeadTimeObservation> out = new ArrayList<>(Math.min(kept.size() + 1, KEPT));
        int drop = Math.max(0, kept.size() + 1 - KEPT);
        out.addAll(kept.subList(drop, kept.size()));
        out.add(observation);
        return out;
    }

    /**
     * What has arrived of one open purchase order.
     *
     * @param orderedAt        event time (epoch ms) it was ordered
     * @param receivedUnits    units received so far
     * @param receivedUnitDays Σ units × days since {@code orderedAt} over its receipts
     * @param supplierId       its supplier, or null
     */
    public record Receipts(long orderedAt, long receivedUnits, double receivedUnitDays, String supplierId) {

        public static Receipts ordered(long orderedAt, String supplierId) {
            return new Receipts(orderedAt, 0, 0, supplierId);
        }

        /** After {@code units} arrived at {@code receivedAt} (a receipt stamped before the order counts as 0 days). */
        public Receipts receive(long receivedAt, long units) {
            double elapsed = Math.max(0, receivedAt - orderedAt) / DAY_MS;
            return new Receipts(orderedAt, receivedUnits + units, receivedUnitDays + units * elapsed, supplierId);
        }

        /** The order's measured lead time, once anything arrived; null before. */
        public LeadTimeObservation measure() {
            return receivedUnits <= 0 ? null : new LeadTimeObservation(receivedUnitDays / receivedUnits, supplierId);
        }
    }
}
