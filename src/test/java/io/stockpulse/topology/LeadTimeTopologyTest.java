package io.stockpulse.topology;

import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.ShipmentEvent;
import io.stockpulse.avro.ShipmentStatus;
import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.decision.LeadTimeLearning;
import io.stockpulse.signals.PipelineCounters;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Lead times measured on the stream's purchase orders, and the plans and triggers that use them. */
class LeadTimeTopologyTest {

    private static final LocalDate START = LocalDate.of(2011, 3, 1);

    private static String at(int day, String time) {
        return START.plusDays(day) + "T" + time + ":00Z";
    }

    private static TopologyFixture fixture(int minReceipts) {
        InventorySettings defaults = InventorySettings.defaults();
        return new TopologyFixture(defaults.withDecisions(defaults.decisions()
                .withLeadTime(new LeadTimeLearning(true, minReceipts))));
    }

    private static void ordered(TopologyFixture f, String sku, String order, long units, String at, String due,
                                String supplier) {
        ShipmentEvent event = ShipmentEvent.newBuilder().setEventId(f.nextId()).setSku(sku)
                .setLocationId(TopologyFixture.LOCATION).setPurchaseOrderId(order).setStatus(ShipmentStatus.ORDERED)
                .setQuantity(units).setExpectedAt(Instant.parse(due)).setOccurredAt(Instant.parse(at))
                .setSupplierId(supplier).build();
        f.shipments.pipeInput(sku, event, event.getOccurredAt());
    }

    @Test
    void partialThenFullReceiptsMakeOneQuantityWeightedLeadTimeAndALateReceiptCounts() {
        try (TopologyFixture f = fixture(5)) {
            f.stockChange("P", StockChangeKind.COUNT, 50, at(0, "08:00"));
            ordered(f, "P", "PO1", 100, at(0, "10:00"), at(4, "18:00"), "ACME");
            f.shipment("P", "PO1", ShipmentStatus.RECEIVED, 60, at(4, "10:00")); // on its expected day
            SkuState partly = f.state("P");
            assertThat(partly.getLeadTimes()).isEmpty();
            assertThat(partly.getOrderTimings().get("PO1").getReceivedUnits()).isEqualTo(60);
            assertThat(f.counters.get(PipelineCounters.LATE_RECEIPTS, "receipt")).isZero();

            f.shipment("P", "PO1", ShipmentStatus.RECEIVED, 40, at(9, "10:00")); // five days late
            SkuState full = f.state("P");
            // (60 units × 4 days + 40 × 9) / 100 = 6.0 days.
            assertThat(full.getLeadTimes()).hasSize(1);
            assertThat(full.getLeadTimes().get(0).getDays()).isCloseTo(6.0, within(1e-9));
            assertThat(full.getLeadTimes().get(0).getSupplierId()).isEqualTo("ACME");
            assertThat(full.getOrderTimings()).isEmpty();
            assertThat(full.getOpenOrders()).isEmpty();
            assertThat(full.getNetStock()).isEqualTo(150);
            assertThat(f.counters.get(PipelineCounters.LATE_RECEIPTS, "receipt")).isEqualTo(1);

            // A cancelled rest: what arrived is the order's lead time (30 units after 2 days).
            ordered(f, "P", "PO2", 100, at(10, "10:00"), at(20, "10:00"), null);
            f.shipment("P", "PO2", ShipmentStatus.RECEIVED, 30, at(12, "10:00"));
            f.shipment("P", "PO2", ShipmentStatus.CANCELLED, 70, at(13, "10:00"));
            SkuState cancelled = f.state("P");
            assertThat(cancelled.getLeadTimes()).hasSize(2);
            assertThat(cancelled.getLeadTimes().get(1).getDays()).isCloseTo(2.0, within(1e-9));
            assertThat(cancelled.getLeadTimes().get(1).getSupplierId()).isNull();
        }
    }

    @Test
    void triggersSayConfiguredUntilMinReceiptsThenObserved() {
        // Configured L = 7, σL = 0; the supplier takes 12 days. 10 units a day.
        try (TopologyFixture f = fixture(2)) {
            f.policies.pipeInput("S", SkuPolicy.newBuilder().setSku("S").setLeadTimeStdDays(0.0).build());
            f.stockChange("S", StockChangeKind.COUNT, 300, at(0, "08:00"));
            List<ReorderTrigger> triggers = sellAndBuy(f, "S", 10, 12, 110);

            assertThat(triggers).hasSizeGreaterThanOrEqualTo(4);
            ReorderTrigger first = triggers.get(0);
            assertThat(first.getLeadTimeSource()).isEqualTo("configured");
            assertThat(first.getLeadTimeDays()).isEqualTo(7.0);
            assertThat(first.getLeadTimeStdDays()).isEqualTo(0.0);
            ReorderTrigger last = triggers.get(triggers.size() - 1);
            assertThat(last.getLeadTimeSource()).isEqualTo("observed");
            // Ordered at 13:00, received at 07:00 twelve days later: 11.75 days.
            assertThat(last.getLeadTimeDays()).isCloseTo(11.75, within(1e-9));
            assertThat(last.getLeadTimeStdDays()).isCloseTo(0.0, within(1e-9));
            // The plan protects the 12 days the supplier really takes, not the configured 7.
            assertThat(last.getLeadTimeDemand()).isCloseTo(12 * 10, within(12.0));
            assertThat(first.getLeadTimeDemand()).isCloseTo(7 * 10, within(7.0));
            // Every receipt came 5 days after its expectedAt.
            long receipts = f.state("S").getLeadTimes().size();
            assertThat(receipts).isGreaterThanOrEqualTo(2);
            assertThat(f.counters.get(PipelineCounters.LATE_RECEIPTS, "receipt")).isEqualTo(receipts);
        }
    }

    /** Sells {@code units} a day; each trigger is ordered at once (expected in 7 days) and arrives {@code leadDays} later. */
    private static List<ReorderTrigger> sellAndBuy(TopologyFixture f, String sku, long units, int leadDays, int days) {
        List<ReorderTrigger> triggers = new ArrayList<>();
        List<Object[]> receipts = new ArrayList<>(); // {day, quantity, order id}
        for (int day = 0; day < days; day++) {
            for (Object[] receipt : List.copyOf(receipts)) {
                if ((int) receipt[0] == day) {
                    f.shipment(sku, (String) receipt[2], ShipmentStatus.RECEIVED, (long) receipt[1], at(day, "07:00"));
                    receipts.remove(receipt);
                }
            }
            f.sale(sku, units, at(day, "12:00"));
            for (ReorderTrigger trigger : f.triggers.readValuesToList()) {
                triggers.add(trigger);
                ordered(f, sku, trigger.getTriggerId(), trigger.getOrderQuantity(), at(day, "13:00"),
                        at(day + 7, "13:00"), "ACME");
                receipts.add(new Object[] {day + leadDays, trigger.getOrderQuantity(), trigger.getTriggerId()});
            }
        }
        return triggers;
    }
}
