package io.stockpulse.bench.jmh;

import io.stockpulse.decision.AlertFlags;
import io.stockpulse.decision.CloseAlerts;
import io.stockpulse.decision.DecisionSettings;
import io.stockpulse.decision.OpenOrder;
import io.stockpulse.decision.Planner;
import io.stockpulse.decision.Reordering;
import io.stockpulse.decision.SkuPlan;
import io.stockpulse.policy.PolicyParameters;
import io.stockpulse.topology.InventorySettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Arrays;
import java.util.List;

/**
 * The decision core's work: per event, the reorder rule against the stored plan ({@link #afterEvent});
 * per SKU and day close, the plan from 182 days of lumpy history and the alerts ({@link #atClose}).
 */
@State(Scope.Thread)
public class PolicyEvaluationBenchmark {

    private PolicyParameters policy;
    private Planner.Inputs inputs;
    private SkuPlan plan;
    private List<OpenOrder> orders;

    @Setup
    public void setUp() {
        policy = InventorySettings.defaults().defaultPolicy();
        int[] history = new int[182];
        for (int i = 0; i < history.length; i++) {
            history[i] = i % 3 == 0 ? 4 + (i * 7) % 19 : 0; // two zero days in three, as the wholesale data
        }
        double[] forecast = new double[28];
        Arrays.fill(forecast, 4.2);
        inputs = new Planner.Inputs(policy, history, 182, forecast, "lstm@bench", 20_000);
        plan = Planner.plan(inputs, DecisionSettings.DEFAULT);
        orders = List.of(new OpenOrder("po-1", 40, 20_004));
    }

    @Benchmark
    public void afterEvent(Blackhole blackhole) {
        blackhole.consume(Reordering.evaluate(Reordering.State.NONE, "SKU/WH", 12, orders, plan, policy, 20_000));
    }

    @Benchmark
    public void atClose(Blackhole blackhole) {
        SkuPlan fresh = Planner.plan(inputs, DecisionSettings.DEFAULT);
        blackhole.consume(CloseAlerts.evaluate(AlertFlags.NONE, 12, orders, fresh, policy, 182, 20_000, 1.0,
                DecisionSettings.DEFAULT));
    }
}
