package io.stockpulse.simulate;

import io.stockpulse.decision.CloseAlerts;
import io.stockpulse.decision.DecisionSettings;
import io.stockpulse.decision.LeadTimeEstimate;
import io.stockpulse.decision.LeadTimeObservation;
import io.stockpulse.decision.OpenOrder;
import io.stockpulse.decision.Planner;
import io.stockpulse.decision.Positions;
import io.stockpulse.decision.Reordering;
import io.stockpulse.forecast.DemandHistory;
import io.stockpulse.forecast.Forecast;
import io.stockpulse.forecast.Forecaster;
import io.stockpulse.policy.ClassSettings;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.replay.LeadTimeModel;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The closed loop in one process, in event time: sales, returns, write-offs and counts change each
 * scenario's stock; after every event the SKU's reorder rule runs against the plan of the last day
 * close; a deterministic supplier turns each trigger into a purchase order delivered one drawn lead
 * time later (mean L, σL, fixed seed, per order id); at every day close the due series are forecast in
 * micro-batches, planned, and their alerts evaluated — through the same decision core as the stream.
 * The demand history and the forecasts do not depend on the stock policy, so they are shared by all
 * scenarios (service levels) of one run.
 */
public final class ClosedLoop {

    static final long DAY_MS = 86_400_000L;

    /** Everything that shapes a run. */
    public record Settings(PolicyParameters basePolicy, ClassSettings classes, DecisionSettings decisions, int horizonDays,
                    int refreshDays, int historyDays, int batchSize, long seed, int fromDay, int toDay,
                    LeadTimeModel supplier) {
    }

    private final SimEvents events;
    private final Settings settings;
    private final Forecaster forecaster;
    private final List<Scenario> scenarios;
    private final Demands demands;
    private final ForecastCounts forecastCounts = new ForecastCounts();

    public ClosedLoop(SimEvents events, Settings settings, Forecaster forecaster, List<Scenario> scenarios) {
        this.events = events;
        this.settings = settings;
        this.forecaster = forecaster;
        this.scenarios = scenarios;
        int firstDay = events.size() == 0 ? 0 : day(events.at[0]);
        int lastDay = events.size() == 0 ? 0 : day(events.at[events.size() - 1]);
        this.demands = new Demands(events.skus.size(), firstDay, lastDay - firstDay + 1);
    }

    /** Forecasts made, by source (model@version), for the report. */
    public ForecastCounts forecastCounts() {
        return forecastCounts;
    }

    public void run() {
        if (events.size() == 0) {
            return;
        }
        int day = day(events.at[0]);
        for (int i = 0; i < events.size(); i++) {
            int eventDay = day(events.at[i]);
            if (eventDay > settings.toDay()) {
                break;
            }
            while (day < eventDay) {
                closeDay(day++);
            }
            apply(i, eventDay);
        }
        closeDay(day);
    }

    private void apply(int i, int day) {
        int sku = events.sku[i];
        long at = events.at[i];
        long quantity = events.quantity[i];
        byte kind = events.kind[i];
        boolean counted = day >= settings.fromDay();
        demands.seen(sku, day);
        boolean special = kind == SimEvents.SALE && quantity > demands.specialThreshold[sku];
        if (kind == SimEvents.SALE && !special) {
            demands.add(sku, day, quantity);
        }
        PolicyParameters base = settings.basePolicy();
        for (Scenario scenario : scenarios) {
            release(scenario, at);
            Scenario.Book book = scenario.book(sku);
            if (special) {
                // Back-to-back: ordered for the customer now, delivered to them one lead time later.
                double leadDays = settings.supplier().leadTime(events.skus.get(sku), "special/" + i).toMillis() / (double) DAY_MS;
                if (counted) {
                    scenario.figures.special(quantity, leadDays <= quotedLeadTimeDays(base));
                    scenario.figures.orders++;
                    scenario.figures.unitsOrdered += quantity;
                }
                continue;
            }
            switch (kind) {
                case SimEvents.SALE -> {
                    long fromStock = Math.min(quantity, Math.max(0, book.netStock));
                    book.netStock -= quantity;
                    if (counted) {
                        scenario.figures.sale(quantity, fromStock, events.unitCost[sku]);
                    }
                }
                case SimEvents.RETURN, SimEvents.ADJUST_UP -> book.netStock += quantity;
                case SimEvents.WRITE_OFF -> book.netStock = Positions.writeOff(book.netStock, quantity);
                case SimEvents.COUNT -> book.netStock = Positions.count(book.netStock, quantity);
                default -> throw new IllegalStateException("kind " + kind);
            }
            reorder(scenario, sku, book, at, day, counted);
        }
    }

    /** A special order is on time when it arrives within L + 2σL, the lead time a customer is quoted. */
    static double quotedLeadTimeDays(PolicyParameters policy) {
        return policy.leadTimeDays() + 2 * policy.leadTimeStdDays();
    }

    private void reorder(Scenario scenario, int sku, Scenario.Book book, long at, int day, boolean counted) {
        PolicyParameters policy = policy(scenario, sku);
        String prefix = events.skus.get(sku);
        Reordering.Step step = Reordering.evaluate(book.trigger, prefix, book.netStock, book.orders, book.plan, policy, day);
        book.trigger = step.state();
        if (step.fired() == null) {
            return;
        }
        // The supplier answers at once: the purchase order is on order from the trigger's time.
        String orderId = step.fired().id();
        long lead = settings.supplier().leadTime(prefix, orderId).toMillis();
        long quantity = step.fired().quantity();
        // Expected at the quoted (configured) lead time; it arrives after the supplier's true one.
        int dueDay = day(at + Math.round(policy.leadTimeDays() * DAY_MS));
        book.orders.add(new OpenOrder(orderId, quantity, dueDay));
        scenario.schedule(new Scenario.Receipt(at + lead, 0, sku, orderId, quantity, at, dueDay));
        book.trigger = Reordering.evaluate(book.trigger, prefix, book.netStock, book.orders, book.plan, policy, day).state();
        if (counted) {
            scenario.figures.triggers++;
            scenario.figures.orders++;
            scenario.figures.unitsOrdered += quantity;
        }
    }

    /** Deliveries due before {@code at}, in time order, each followed by its SKU's reorder rule. */
    private void release(Scenario scenario, long at) {
        while (!scenario.receipts.isEmpty() && scenario.receipts.peek().at() <= at) {
            Scenario.Receipt receipt = scenario.receipts.poll();
            Scenario.Book book = scenario.book(receipt.sku());
            book.netStock += receipt.quantity();
            book.orders.removeIf(o -> o.id().equals(receipt.orderId()));
            int day = day(receipt.at());
            double leadDays = (receipt.at() - receipt.orderedAt()) / (double) DAY_MS;
            book.leadTimes = LeadTimeEstimate.append(book.leadTimes, new LeadTimeObservation(leadDays, null));
            if (day >= settings.fromDay()) {
                scenario.figures.receipt(leadDays, day > receipt.dueDay());
            }
            reorder(scenario, receipt.sku(), book, receipt.at(), day, day >= settings.fromDay());
        }
    }

    private void closeDay(int day) {
        long end = (day + 1) * DAY_MS - 1;
        for (Scenario scenario : scenarios) {
            release(scenario, end);
        }
        forecastDue(day);
        boolean counted = day >= settings.fromDay() && day <= settings.toDay();
        for (Scenario scenario : scenarios) {
            closeScenario(scenario, day, end, counted);
        }
    }

    private void closeScenario(Scenario scenario, int day, long end, boolean counted) {
        Figures figures = scenario.figures;
        if (counted) {
            figures.days++;
        }
        for (int sku = 0; sku < demands.firstSeenDay.length; sku++) {
            if (demands.firstSeenDay[sku] == Integer.MAX_VALUE) {
                continue;
            }
            Scenario.Book book = scenario.book(sku);
            PolicyParameters policy = policy(scenario, sku);
            if (demands.planned[sku] == day) {
                book.plan = Planner.plan(policy, demands.demandFor(sku, book.leadTimes, settings.decisions()),
                        settings.decisions());
                if (counted && book.plan.leadTime().observed()) {
                    figures.observedLeadTimePlans++;
                }
            }
            int historyDays = day - demands.firstSeenDay[sku] + 1;
            CloseAlerts.Outcome outcome = CloseAlerts.evaluate(book.flags, book.netStock, book.orders, book.plan, policy,
                    historyDays, day, events.unitCost[sku], settings.decisions());
            book.flags = outcome.flags();
            reorder(scenario, sku, book, end, day, counted);
            if (counted) {
                long onHand = Math.max(0, book.netStock);
                figures.alertTransitions += outcome.transitions().size();
                figures.onHandUnitDays += onHand;
                figures.onHandValueDays += onHand * events.unitCost[sku];
                figures.skuDays++;
                if (book.plan.dailyDemand() > 0 || book.netStock < 0) {
                    figures.skuDaysWithDemand++;
                    if (book.netStock <= 0) {
                        figures.stockoutSkuDays++;
                    }
                }
            }
        }
    }

    /** Forecasts and demand estimates of the series due at this close, in micro-batches. */
    private void forecastDue(int day) {
        demands.classify(day, settings.classes(), events.unitCost);
        List<Integer> due = new ArrayList<>();
        for (int sku = 0; sku < demands.firstSeenDay.length; sku++) {
            if (demands.forecastDue[sku] <= day) {
                due.add(sku);
            }
        }
        for (int from = 0; from < due.size(); from += settings.batchSize()) {
            List<Integer> batch = due.subList(from, Math.min(due.size(), from + settings.batchSize()));
            List<DemandHistory> histories = new ArrayList<>(batch.size());
            for (int sku : batch) {
                histories.add(new DemandHistory(events.skus.get(sku), day, demands.history(sku, day, settings.historyDays())));
            }
            List<Forecast> forecasts = forecaster.forecast(histories, settings.horizonDays());
            for (int k = 0; k < batch.size(); k++) {
                plan(batch.get(k), day, forecasts.get(k), histories.get(k).daily());
            }
        }
    }

    private void plan(int sku, int day, Forecast forecast, int[] history) {
        double[] mean = new double[forecast.mean().length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = forecast.mean()[i];
        }
        forecastCounts.add(forecast.source());
        PolicyParameters policy = settings.basePolicy();
        var q = forecast.quantiles();
        Planner.DemandQuantiles quantiles = settings.decisions().forecastQuantiles() && q != null && q.hasCumulative()
                ? new Planner.DemandQuantiles(q.levels(), q::cumulative) : null;
        Planner.Inputs inputs = new Planner.Inputs(policy, history, day - demands.firstSeenDay[sku] + 1, mean,
                forecast.source(), day, List.of(), quantiles);
        Planner.Demand demand = Planner.demand(inputs, settings.decisions());
        demands.demand[sku] = demand;
        demands.inputs[sku] = inputs;
        demands.learned[sku] = null;
        demands.planned[sku] = day;
        demands.forecastDue[sku] = day + settings.refreshDays();
        demands.specialThreshold[sku] = Planner.plan(policy, demand, settings.decisions()).specialLineThreshold();
    }

    private PolicyParameters policy(Scenario scenario, int sku) {
        PolicyParameters p = settings.basePolicy();
        double level = scenario.serviceLevel != null ? scenario.serviceLevel
                : settings.classes().serviceLevels().of(demands.abcClass[sku]);
        return new PolicyParameters(p.leadTimeDays(), p.leadTimeStdDays(), level, events.unitCost[sku], p.orderCost(),
                p.holdingCostRate(), p.moq(), p.packSize(), p.maxDaysOfCover(), p.type(), p.reviewDays(),
                p.reviewOffsetDays(), p.minUnits(), p.maxUnits(), p.minDemandDays());
    }

    public static int day(long epochMs) {
        return (int) Math.floorDiv(epochMs, DAY_MS);
    }

    /** Forecast sources and how many forecasts each made. */
    static final class ForecastCounts extends TreeMap<String, Long> {
        void add(String source) {
            merge(source, 1L, Long::sum);
        }
    }
}
