package io.stockpulse.topology;

import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.ShipmentStatus;
import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.signals.PipelineCounters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Periodic review, min/max and intermittent policies chosen per SKU on the policy topic. */
class PolicyTypesTopologyTest {

    private static final LocalDate START = LocalDate.of(2011, 3, 1);
    private final TopologyFixture f = new TopologyFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private static String at(int day, String time) {
        return START.plusDays(day) + "T" + time + ":00Z";
    }

    /** Sells {@code units} a day for {@code days} days; the buyer orders every trigger and receives it 3 days later. */
    private List<ReorderTrigger> sellAndBuy(String sku, long units, int days) {
        return sellAndBuy(f, sku, units, days);
    }

    private static List<ReorderTrigger> sellAndBuy(TopologyFixture f, String sku, long units, int days) {
        List<ReorderTrigger> triggers = new ArrayList<>();
        List<long[]> receipts = new ArrayList<>(); // {day, quantity, order number}
        for (int day = 0; day < days; day++) {
            for (long[] receipt : List.copyOf(receipts)) {
                if (receipt[0] == day) {
                    f.shipment(sku, "PO" + receipt[2], ShipmentStatus.RECEIVED, receipt[1], at(day, "07:00"));
                    receipts.remove(receipt);
                }
            }
            f.sale(sku, units, at(day, "12:00"));
            for (ReorderTrigger trigger : f.triggers.readValuesToList()) {
                triggers.add(trigger);
                long order = triggers.size();
                f.shipment(sku, "PO" + order, ShipmentStatus.ORDERED, trigger.getOrderQuantity(), at(day, "13:00"));
                receipts.add(new long[] {day + 3, trigger.getOrderQuantity(), order});
            }
        }
        return triggers;
    }

    private static DayOfWeek dayOfWeek(ReorderTrigger trigger) {
        return trigger.getAt().atZone(ZoneOffset.UTC).getDayOfWeek();
    }

    @Test
    void periodicReviewOrdersOnlyOnReviewDaysUpToS() {
        // R = 7, offset 4: review on Mondays. 20 units a day, 300 on hand.
        f.policies.pipeInput("R", SkuPolicy.newBuilder().setSku("R").setPolicyType("PERIODIC")
                .setReviewPeriodDays(7).setReviewOffsetDays(4).setLeadTimeStdDays(0.0).build());
        f.stockChange("R", StockChangeKind.COUNT, 300, at(0, "08:00"));
        List<ReorderTrigger> triggers = sellAndBuy("R", 20, 70);

        assertThat(triggers).hasSizeGreaterThanOrEqualTo(4);
        assertThat(triggers).allSatisfy(t -> {
            assertThat(dayOfWeek(t)).isEqualTo(DayOfWeek.MONDAY);
            assertThat(t.getPolicyType()).isEqualTo("PERIODIC");
            // The order tops the position up to S = reorderPoint + 1 (reorder point = ⌈S⌉ − 1).
            assertThat(t.getInventoryPosition() + t.getOrderQuantity()).isEqualTo((long) t.getReorderPoint() + 1);
        });
        // The same demand under continuous review (on its own stream: plans are made at day closes, which the
        // first run has already passed) orders on whatever day the position crosses s.
        try (TopologyFixture other = new TopologyFixture()) {
            other.stockChange("C", StockChangeKind.COUNT, 300, at(0, "08:00"));
            List<ReorderTrigger> continuous = sellAndBuy(other, "C", 20, 70);
            assertThat(continuous).extracting(PolicyTypesTopologyTest::dayOfWeek).anyMatch(d -> d != DayOfWeek.MONDAY);
            assertThat(continuous).extracting(ReorderTrigger::getPolicyType).containsOnly("CONTINUOUS");
        }
    }

    @Test
    void intermittentSkuDoesNotReorderOnASingleSale() {
        f.policies.pipeInput("Z", SkuPolicy.newBuilder().setSku("Z").setPolicyType("INTERMITTENT")
                .setMinDemandDays(3).build());
        for (String sku : List.of("Z", "N")) {
            f.stockChange(sku, StockChangeKind.COUNT, 6, at(0, "08:00"));
            f.sale(sku, 6, at(1, "10:00")); // one customer buys everything once
        }
        for (int day = 2; day < 20; day++) {
            f.stockChange("TICK", StockChangeKind.ADJUSTMENT, 1, at(day, "10:00")); // moves stream time
        }
        List<ReorderTrigger> triggers = f.triggers.readValuesToList();
        assertThat(triggers).extracting(ReorderTrigger::getSku).contains("N").doesNotContain("Z");

        // Demand seen on three days: now it is real demand and Z is reordered, with TSB's rate.
        f.sale("Z", 2, at(20, "10:00"));
        f.sale("Z", 3, at(22, "10:00"));
        List<ReorderTrigger> after = f.triggers.readValuesToList();
        assertThat(after).extracting(ReorderTrigger::getSku).containsExactly("Z");
        assertThat(after.get(0).getPolicyType()).isEqualTo("INTERMITTENT");
        assertThat(after.get(0).getXyzClass()).isEqualTo("Z");
        assertThat(after.get(0).getForecastSource()).startsWith("tsb@");
    }

    @Test
    void minMaxOrdersUpToMaxAtMin() {
        f.policies.pipeInput("M", SkuPolicy.newBuilder().setSku("M").setPolicyType("MIN_MAX")
                .setMinUnits(40L).setMaxUnits(200L).build());
        f.stockChange("M", StockChangeKind.COUNT, 100, at(0, "08:00"));
        int day = 0;
        while (f.triggers.isEmpty() && day < 20) {
            f.sale("M", 10, at(day++, "12:00"));
        }
        ReorderTrigger trigger = f.triggers.readValuesToList().get(0);
        assertThat(trigger.getInventoryPosition()).isEqualTo(40);     // 100 − 6 × 10
        assertThat(trigger.getOrderQuantity()).isEqualTo(160);         // max − IP
        assertThat(trigger.getPolicyType()).isEqualTo("MIN_MAX");
    }

    @Test
    void unknownPolicyTypeIsRejected() {
        f.policies.pipeInput("X", SkuPolicy.newBuilder().setSku("X").setPolicyType("WEEKLY").build());
        assertThat(f.counters.get(PipelineCounters.POLICIES_REJECTED, "invalid")).isEqualTo(1);
    }
}
