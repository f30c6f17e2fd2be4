package io.stockpulse.simulate;

import io.stockpulse.decision.DecisionSettings;
import io.stockpulse.decision.LeadTimeEstimate;
import io.stockpulse.decision.LeadTimeObservation;
import io.stockpulse.decision.LeadTimeUsed;
import io.stockpulse.decision.Planner;
import io.stockpulse.policy.AbcXyzClassification;
import io.stockpulse.policy.ClassSettings;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The closed loop's policy-independent part: regular demand per SKU and day, forecasts, demand estimates, classes. */
final class Demands {
    final int firstDay;
    final int[][] daily;
    final int[] firstSeenDay;
    final int[] forecastDue;
    final int[] planned;
    final double[] specialThreshold;
    final Planner.Demand[] demand;
    /** What each SKU's last plan was made from, to estimate its demand again for a learned lead time. */
    final Planner.Inputs[] inputs;
    /**
     * Demand estimates for observed lead times since the SKU's last plan. Scenarios share them: the
     * supplier's draw for a SKU's n-th order is the same in every scenario, so scenarios that received
     * the same orders learned the same lead time.
     */
    final Map<LeadTimeUsed, Planner.Demand>[] learned;
    final AbcXyzClassification.AbcClass[] abcClass;

    Demands(int skus, int firstDay, int days) {
        this.firstDay = firstDay;
        this.daily = new int[skus][days];
        this.firstSeenDay = new int[skus];
        this.forecastDue = new int[skus];
        this.planned = new int[skus];
        this.specialThreshold = new double[skus];
        this.demand = new Planner.Demand[skus];
        this.inputs = new Planner.Inputs[skus];
        @SuppressWarnings("unchecked")
        Map<LeadTimeUsed, Planner.Demand>[] maps = new Map[skus];
        this.learned = maps;
        this.abcClass = new AbcXyzClassification.AbcClass[skus];
        Arrays.fill(firstSeenDay, Integer.MAX_VALUE);
        Arrays.fill(forecastDue, Integer.MAX_VALUE);
        Arrays.fill(planned, Integer.MIN_VALUE);
        Arrays.fill(specialThreshold, Double.POSITIVE_INFINITY);
        Arrays.fill(abcClass, AbcXyzClassification.AbcClass.B);
    }

    /** A SKU's demand as planned at its last forecast, or again for the lead time a scenario observed. */
    Planner.Demand demandFor(int sku, List<LeadTimeObservation> observed, DecisionSettings decisions) {
        Planner.Inputs in = inputs[sku];
        LeadTimeUsed leadTime = LeadTimeEstimate.choose(in.policy(), observed,
                decisions.leadTime());
        if (!leadTime.observed()) {
            return demand[sku];
        }
        if (learned[sku] == null) {
            learned[sku] = new HashMap<>();
        }
        return learned[sku].computeIfAbsent(leadTime, lt -> Planner.demand(new Planner.Inputs(in.policy(),
                in.regularHistory(), in.historyDays(), in.forecastMean(), in.forecastSource(), in.day(), observed, in.quantiles()),
                decisions));
    }

    void seen(int sku, int day) {
        firstSeenDay[sku] = Math.min(firstSeenDay[sku], day);
    }

    /** A regular sale: demand for the day, and a forecast due at that day's close. */
    void add(int sku, int day, long quantity) {
        int[] series = daily[sku];
        series[day - firstDay] = (int) Math.min(Integer.MAX_VALUE, series[day - firstDay] + quantity);
        forecastDue[sku] = Math.min(forecastDue[sku], day);
    }

    /** Units per day from the SKU's first event (at most {@code maxDays}) up to {@code day}. */
    int[] history(int sku, int day, int maxDays) {
        int start = Math.max(firstSeenDay[sku], day - maxDays + 1) - firstDay;
        return Arrays.copyOfRange(daily[sku], start, day - firstDay + 1);
    }

    /** ABC by trailing sales value (units × unit cost) over the class window, as the stream's aggregator. */
    void classify(int day, ClassSettings classes, double[] unitCost) {
        double[] values = new double[daily.length];
        int from = Math.max(0, day - classes.windowDays() + 1 - firstDay);
        for (int sku = 0; sku < daily.length; sku++) {
            long units = 0;
            for (int d = from; d <= day - firstDay; d++) {
                units += daily[sku][d];
            }
            values[sku] = units * unitCost[sku];
        }
        AbcXyzClassification.Thresholds t = AbcXyzClassification.paretoThresholds(values, classes.aShare(),
                classes.bShare());
        for (int sku = 0; sku < daily.length; sku++) {
            abcClass[sku] = AbcXyzClassification.abcClass(values[sku], t);
        }
    }
}
