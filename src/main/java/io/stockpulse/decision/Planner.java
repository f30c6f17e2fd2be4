package io.stockpulse.decision;

import io.stockpulse.policy.IntermittentDemand;
import io.stockpulse.policy.InventoryMath;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.policy.PolicyType;

import java.util.Arrays;
import java.util.List;

/**
 * Makes a SKU's plan at a day close: how much demand to expect, the reorder point for the service
 * target, and an order quantity that does not create its own overstock. Pure: the stream, the
 * simulator and the API call it with the same inputs and get the same plan.
 */
public final class Planner {

    private static final double DAYS_PER_YEAR = 365.0;

    /**
     * What a plan is made from.
     *
     * @param policy         the SKU's merged policy
     * @param regularHistory units per day of regular (non-special) demand, oldest first, ending on {@code day}
     * @param historyDays    days since the SKU's first event (how much the history can be trusted)
     * @param forecastMean   expected units per day from {@code day + 1} on, or null (no forecast yet)
     * @param forecastSource model@version of that forecast
     * @param day            the epoch day being closed
     * @param leadTimes      the SKU's measured lead times, oldest first (see {@link LeadTimeEstimate})
     * @param quantiles      the forecaster's quantiles of cumulative demand from {@code day + 1} on, or null: when
     *                       given (and {@link DecisionSettings#forecastQuantiles()}), lead-time demand is read off
     *                       them instead of resampled from the history
     */
    public record Inputs(PolicyParameters policy, int[] regularHistory, int historyDays, double[] forecastMean,
                         String forecastSource, int day, List<LeadTimeObservation> leadTimes,
                         DemandQuantiles quantiles) {

        /** No measured lead times: the configured L and σL. */
        public Inputs(PolicyParameters policy, int[] regularHistory, int historyDays, double[] forecastMean,
                      String forecastSource, int day) {
            this(policy, regularHistory, historyDays, forecastMean, forecastSource, day, List.of(), null);
        }

        /** Measured lead times, no forecaster quantiles. */
        public Inputs(PolicyParameters policy, int[] regularHistory, int historyDays, double[] forecastMean,
                      String forecastSource, int day, List<LeadTimeObservation> leadTimes) {
            this(policy, regularHistory, historyDays, forecastMean, forecastSource, day, leadTimes, null);
        }
    }

    /** Quantiles of cumulative demand at ascending {@code levels}, as a forecaster gives them. */
    public record DemandQuantiles(double[] levels, QuantileLeadTimeDemand.CumulativeQuantiles cumulative) {
    }

    private Planner() {
    }

    /**
     * The demand side of a plan: the rate and the sample of protection-interval demand. It does not
     * depend on the service target, so a what-if over many targets computes it once.
     */
    public record Demand(int day, int historyDays, int[] window, double rate, double historyRate,
                         LeadTimeDemand sample, String source, LeadTimeUsed leadTime) {
    }

    public static SkuPlan plan(Inputs in, DecisionSettings settings) {
        return plan(in.policy(), demand(in, settings), settings);
    }

    public static Demand demand(Inputs in, DecisionSettings settings) {
        LeadTimeUsed leadTime = LeadTimeEstimate.choose(in.policy(), in.leadTimes(), settings.leadTime());
        PolicyParameters policy = leadTime.applyTo(in.policy());
        int[] window = tail(in.regularHistory(), settings.historyWindowDays());
        double historyRate = activeRate(window);
        double rate = demandRate(in, policy, window, historyRate, settings);
        double protection = protectionDays(policy);
        LeadTimeDemand sample = rate <= 0 || policy.type() == PolicyType.MIN_MAX ? LeadTimeDemand.zero()
                : usesQuantiles(in, settings) ? QuantileLeadTimeDemand.of(in.quantiles().levels(),
                in.quantiles().cumulative(), protection, policy.leadTimeStdDays())
                : LeadTimeDemand.fromHistory(window, protection, policy.leadTimeStdDays(), rate * protection);
        return new Demand(in.day(), in.historyDays(), window, rate, historyRate, sample, source(in, settings),
                leadTime);
    }

    /**
     * The plan for {@code policy}'s service target on a demand already estimated (same R), with the lead
     * time the demand was estimated for (configured or observed).
     */
    public static SkuPlan plan(PolicyParameters configured, Demand d, DecisionSettings settings) {
        PolicyParameters policy = d.leadTime().applyTo(configured);
        double rate = d.rate();
        double special = specialThreshold(d.historyDays(), d.historyRate(), settings);
        if (policy.type() == PolicyType.MIN_MAX) {
            return new SkuPlan(d.day(), rate, rate * policy.leadTimeDays(), policy.minUnits() - rate * policy.leadTimeDays(),
                    policy.minUnits(), policy.maxUnits(), policy.maxUnits() - policy.minUnits(), Double.NaN, Double.NaN,
                    Math.max(policy.maxDaysOfCover() * rate, policy.maxUnits()), special, d.source(), d.leadTime());
        }
        boolean periodic = policy.type() == PolicyType.PERIODIC;
        LeadTimeDemand demand = d.sample();
        double maxPosition = policy.maxDaysOfCover() * rate;
        double quantity = periodic ? rate * policy.reviewDays() : orderQuantity(policy, rate, settings, maxPosition, 0);
        double reorderLevel = level(demand, policy.serviceLevel(), quantity, settings);
        if (!periodic) {
            // Q is capped by the room the reorder point leaves below the overstock limit: size it again.
            quantity = orderQuantity(policy, rate, settings, maxPosition, reorderLevel);
            reorderLevel = level(demand, policy.serviceLevel(), quantity, settings);
            quantity = orderQuantity(policy, rate, settings, maxPosition, reorderLevel); // S within the limit again
        }
        double orderUpTo = periodic ? reorderLevel : reorderLevel + quantity;
        double reorderPoint = periodic ? Math.ceil(orderUpTo) - 1 : reorderLevel;
        if (policy.type() == PolicyType.INTERMITTENT && demandDays(d.window()) < policy.minDemandDays()) {
            reorderPoint = -1; // too little evidence: replace only what was promised to customers
            orderUpTo = Math.min(orderUpTo, Math.max(1, rate * policy.leadTimeDays()));
        }
        // The expectation itself, not the sample's mean (a short history's normal is truncated at zero).
        double meanDemand = rate * protectionDays(policy);
        return new SkuPlan(d.day(), rate, meanDemand, reorderLevel - meanDemand, reorderPoint, orderUpTo,
                Math.max(quantity, 0), demand.probabilityAtMost(reorderLevel),
                demand.fillRate(reorderLevel, Math.max(quantity, rate)),
                // Judged against the steadier of the two rates: a lumpy SKU's forecast dips after every quiet
                // month, and stock that a month's rate calls excess is not excess a season later.
                Math.max(policy.maxDaysOfCover() * Math.max(rate, d.historyRate()), orderUpTo), special,
                d.source(), d.leadTime());
    }

    /** The forecaster's quantiles drive lead-time demand for forecast-driven items (not TSB's intermittent ones). */
    private static boolean usesQuantiles(Inputs in, DecisionSettings settings) {
        return settings.forecastQuantiles() && in.quantiles() != null && in.forecastMean() != null && in.policy().type() != PolicyType.INTERMITTENT;
    }

    static double protectionDays(PolicyParameters policy) {
        return policy.leadTimeDays() + (policy.type() == PolicyType.PERIODIC ? policy.reviewDays() : 0);
    }

    /** The reorder level for the target under the configured measure. */
    private static double level(LeadTimeDemand demand, double target, double quantity, DecisionSettings settings) {
        return settings.measure() == ServiceMeasure.CYCLE ? Math.ceil(demand.quantile(target) - 1e-9)
                : demand.levelForFillRate(target, quantity);
    }

    /**
     * EOQ with K per order line, kept between {@code minOrderDays} of demand (and the MOQ) and the room
     * between the reorder level and the overstock limit, so the policy never orders its own overstock.
     */
    static double orderQuantity(PolicyParameters policy, double rate, DecisionSettings settings, double maxPosition,
                                double reorderLevel) {
        if (rate <= 0) {
            return 0;
        }
        double eoq = InventoryMath.economicOrderQuantity(rate * DAYS_PER_YEAR, policy.orderCost(),
                policy.holdingCostPerUnitYear());
        double lower = Math.max(settings.minOrderDays() * rate, policy.moq());
        double room = maxPosition - reorderLevel;
        return Math.max(lower, Math.min(eoq, room));
    }

    /** Units per day: the forecast's mean over the protection interval, TSB for intermittent items, else the history. */
    private static double demandRate(Inputs in, PolicyParameters policy, int[] window, double historyRate,
                                     DecisionSettings settings) {
        if (policy.type() == PolicyType.INTERMITTENT) {
            long[] asLong = Arrays.stream(window).asLongStream().toArray();
            return IntermittentDemand.tsb(asLong, settings.tsbAlpha(), settings.tsbBeta()).rate();
        }
        double[] forecast = in.forecastMean();
        if (forecast != null && forecast.length > 0) {
            double days = Math.max(1, protectionDays(policy));
            return InventoryMath.demandOver(forecast, days) / days;
        }
        return historyRate;
    }

    /** A line above max(min units, cover days × average daily demand), once the history says what is usual. */
    static double specialThreshold(int historyDays, double historyRate, DecisionSettings settings) {
        if (historyDays < settings.specialMinHistoryDays() || historyRate <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(settings.specialLineMinUnits(), settings.specialLineCoverDays() * historyRate);
    }

    /** Mean over the days since the first demand, at least a week (one order on day one is not a rate). */
    static double activeRate(int[] window) {
        int first = 0;
        while (first < window.length && window[first] <= 0) {
            first++;
        }
        if (first == window.length) {
            return 0;
        }
        long sum = 0;
        for (int i = first; i < window.length; i++) {
            sum += Math.max(0, window[i]);
        }
        return (double) sum / Math.max(7, window.length - first);
    }

    private static int demandDays(int[] window) {
        int n = 0;
        for (int d : window) {
            if (d > 0) {
                n++;
            }
        }
        return n;
    }

    private static int[] tail(int[] history, int days) {
        return history.length <= days ? history : Arrays.copyOfRange(history, history.length - days, history.length);
    }

    private static String source(Inputs in, DecisionSettings settings) {
        if (in.policy().type() == PolicyType.INTERMITTENT) {
            return "tsb@a" + settings.tsbAlpha() + "-b" + settings.tsbBeta();
        }
        return in.forecastMean() != null && in.forecastSource() != null ? in.forecastSource() : "history";
    }
}
