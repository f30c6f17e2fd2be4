package io.stockpulse.bench.jmh;

import io.stockpulse.policy.AlertRules;
import io.stockpulse.policy.DemandOutlook;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.policy.ReplenishmentPlan;
import io.stockpulse.policy.ReplenishmentPolicy;
import io.stockpulse.policy.StockPosition;
import io.stockpulse.policy.StockoutLevel;
import io.stockpulse.topology.InventorySettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The pure policy work done for every event, as {@code AlertEmitter} does it: the replenishment plan
 * from a 28-day forecast, then the stockout, overstock and reorder rules.
 */
@State(Scope.Thread)
public class PolicyEvaluationBenchmark {

    private PolicyParameters policy;
    private DemandOutlook outlook;
    private StockPosition position;

    @Setup
    public void setUp() {
        policy = InventorySettings.defaults().defaultPolicy();
        double[] daily = new double[28];
        for (int i = 0; i < daily.length; i++) {
            daily[i] = 4 + (i % 7 == 5 ? 3 : 0); // a weekly peak, as a fitted forecast has
        }
        outlook = new DemandOutlook(daily, 1.8, "lstm@bench");
        position = new StockPosition(35, 0);
    }

    @Benchmark
    public void evaluate(Blackhole blackhole) {
        ReplenishmentPlan plan = ReplenishmentPolicy.plan(position, outlook, policy, 20_000, 0);
        StockoutLevel stockout = AlertRules.stockout(StockoutLevel.NONE, position, plan, policy, 0.1, true);
        boolean overstock = AlertRules.overstock(false, position, plan, policy, 0.1, true);
        boolean reorder = AlertRules.reorderOpen(false, position, plan, 0.1);
        blackhole.consume(plan);
        blackhole.consume(stockout);
        blackhole.consume(overstock);
        blackhole.consume(reorder);
    }
}
