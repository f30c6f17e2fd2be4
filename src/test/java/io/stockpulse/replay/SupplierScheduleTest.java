package io.stockpulse.replay;

import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.ShipmentEvent;
import io.stockpulse.avro.ShipmentStatus;
import io.stockpulse.topology.EventValidator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The supplier's scheduling core, driven by explicit replay times (the "fake clock"). */
class SupplierScheduleTest {

    static final Instant T0 = Instant.parse("2010-03-01T10:00:00Z");

    static ReorderTrigger trigger(String id, String sku, long quantity, Instant at) {
        return ReorderTrigger.newBuilder().setTriggerId(id).setSku(sku).setLocationId("WH-UK").setOnHand(3)
                .setOnOrder(0).setInventoryPosition(3).setReorderPoint(10).setSafetyStock(4).setOrderQuantity(quantity)
                .setLeadTimeDemand(6).setServiceLevel(0.95).setForecastSource("moving-average@1").setAt(at).build();
    }

    /** A fixed lead time: the model with zero deviation. */
    static LeadTimeModel fixed(Duration lead) {
        return new LeadTimeModel(lead, Duration.ZERO, 1);
    }

    @Test
    void answersATriggerWithAnOrderAndHoldsTheReceiptUntilTheReplayReachesIt() {
        SupplierSchedule schedule = new SupplierSchedule(fixed(Duration.ofDays(7)));
        ShipmentEvent ordered = schedule.onTrigger(trigger("85123A/WH-UK/1", "85123A", 120, T0)).orElseThrow();

        assertThat(ordered.getStatus()).isEqualTo(ShipmentStatus.ORDERED);
        assertThat(ordered.getPurchaseOrderId()).isEqualTo("85123A/WH-UK/1");
        assertThat(ordered.getEventId()).isEqualTo("po:85123A/WH-UK/1:ordered");
        assertThat(ordered.getSku()).isEqualTo("85123A");
        assertThat(ordered.getLocationId()).isEqualTo("WH-UK");
        assertThat(ordered.getQuantity()).isEqualTo(120);
        assertThat(ordered.getOccurredAt()).isEqualTo(T0);
        assertThat(ordered.getExpectedAt()).isEqualTo(T0.plus(Duration.ofDays(7)));

        assertThat(schedule.releaseDue(null)).isEmpty();
        assertThat(schedule.releaseDue(T0.plus(Duration.ofDays(3)))).isEmpty();
        assertThat(schedule.releaseDue(T0.plus(Duration.ofDays(7)).minusMillis(1))).isEmpty();
        assertThat(schedule.nextReceiptAt()).contains(T0.plus(Duration.ofDays(7)));

        List<ShipmentEvent> due = schedule.releaseDue(T0.plus(Duration.ofDays(7)));
        assertThat(due).singleElement().satisfies(r -> {
            assertThat(r.getStatus()).isEqualTo(ShipmentStatus.RECEIVED);
            assertThat(r.getEventId()).isEqualTo("po:85123A/WH-UK/1:received");
            assertThat(r.getPurchaseOrderId()).isEqualTo("85123A/WH-UK/1");
            assertThat(r.getQuantity()).isEqualTo(120);
            assertThat(r.getOccurredAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
        });
        assertThat(schedule.releaseDue(T0.plus(Duration.ofDays(30)))).isEmpty();

        SupplierSchedule.Stats stats = schedule.stats();
        assertThat(stats.ordersPlaced()).isEqualTo(1);
        assertThat(stats.unitsOrdered()).isEqualTo(120);
        assertThat(stats.receiptsReleased()).isEqualTo(1);
        assertThat(stats.unitsReceived()).isEqualTo(120);
        assertThat(stats.pendingReceipts()).isZero();

        EventValidator validator = new EventValidator(Duration.ofDays(1));
        validator.validate("85123A", ordered, System.currentTimeMillis());
        validator.validate("85123A", due.get(0), System.currentTimeMillis());
    }

    @Test
    void ordersAtTheTriggersTimeWhenEverItIsRead() {
        // Event time: however late the trigger is read, the order is dated at the trigger and the receipt one
        // drawn lead time after it, so two runs on differently loaded machines book the same shipments.
        LeadTimeModel leadTimes = LeadTimeModel.ofDays(7, 2, 42);
        SupplierSchedule first = new SupplierSchedule(leadTimes);
        SupplierSchedule second = new SupplierSchedule(leadTimes);
        ShipmentEvent a = first.onTrigger(trigger("A/WH-UK/1", "A", 3, T0)).orElseThrow();
        second.onTrigger(trigger("B/WH-UK/1", "B", 1, T0.plusSeconds(9))); // read in another order, with others
        ShipmentEvent b = second.onTrigger(trigger("A/WH-UK/1", "A", 3, T0)).orElseThrow();

        assertThat(a.getOccurredAt()).isEqualTo(T0);
        assertThat(b).isEqualTo(a);
        assertThat(a.getExpectedAt()).isEqualTo(T0.plus(leadTimes.leadTime("A", "A/WH-UK/1")));
        assertThat(first.nextReceiptAt()).contains(a.getExpectedAt());
    }

    @Test
    void specialOrdersAreAnsweredAlikeAndCountedOnTimeWithinTheQuotedLeadTime() {
        LeadTimeModel leadTimes = LeadTimeModel.defaults(); // 7 +- 2 days: the customer is quoted 11
        SupplierSchedule schedule = new SupplierSchedule(leadTimes);
        assertThat(schedule.quotedLeadTime()).isEqualTo(Duration.ofDays(11));
        long units = 0;
        long onTime = 0;
        for (int i = 0; i < 400; i++) {
            String id = "S/WH-UK/special/sale:" + i;
            ReorderTrigger special = trigger(id, "S", 100 + i, T0.plusSeconds(i));
            special.setSpecialOrder(true);
            ShipmentEvent ordered = schedule.onTrigger(special).orElseThrow();
            assertThat(ordered.getPurchaseOrderId()).isEqualTo(id);
            assertThat(ordered.getOccurredAt()).isEqualTo(T0.plusSeconds(i));
            units += 100 + i;
            if (leadTimes.leadTime("S", id).compareTo(Duration.ofDays(11)) <= 0) {
                onTime += 100 + i;
            }
        }
        schedule.onTrigger(trigger("S/WH-UK/1", "S", 5, T0)); // a regular order is no special one
        SupplierSchedule.Stats stats = schedule.stats();
        assertThat(stats.specialOrders()).isEqualTo(400);
        assertThat(stats.specialUnits()).isEqualTo(units);
        assertThat(stats.ordersPlaced()).isEqualTo(401);
        assertThat(stats.specialUnitsOnTime()).isEqualTo(onTime).isLessThan(units).isGreaterThan(units * 9 / 10);
        assertThat(stats.pendingReceipts()).isEqualTo(401);
    }

    @Test
    void releasesReceiptsInTimeOrderAsTheClockPasses() {
        SupplierSchedule schedule = new SupplierSchedule(LeadTimeModel.defaults());
        List<Instant> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Instant at = T0.plus(Duration.ofHours(i * 7L));
            ShipmentEvent ordered = schedule.onTrigger(trigger("t" + i, "SKU" + (i % 7), 10 + i, at)).orElseThrow();
            expected.add(ordered.getExpectedAt());
        }
        expected.sort(null);

        List<ShipmentEvent> released = new ArrayList<>();
        Instant clock = T0;
        Instant end = T0.plus(Duration.ofDays(40));
        while (clock.isBefore(end)) {
            clock = clock.plus(Duration.ofHours(3));
            for (ShipmentEvent r : schedule.releaseDue(clock)) {
                assertThat(r.getOccurredAt()).as("never ahead of the replay").isBeforeOrEqualTo(clock);
                assertThat(r.getOccurredAt()).as("released within one clock step").isAfter(clock.minus(Duration.ofHours(3)));
                released.add(r);
            }
        }
        assertThat(released).extracting(ShipmentEvent::getOccurredAt).containsExactlyElementsOf(expected);
        assertThat(schedule.stats().unitsReceived()).isEqualTo(schedule.stats().unitsOrdered());
    }

    @Test
    void ignoresTriggersItAlreadyAnsweredAndInvalidOnes() {
        SupplierSchedule schedule = new SupplierSchedule(LeadTimeModel.defaults());
        assertThat(schedule.onTrigger(trigger("x/1", "X", 5, T0))).isPresent();
        assertThat(schedule.onTrigger(trigger("x/1", "X", 5, T0.plusSeconds(5)))).isEmpty();
        assertThat(schedule.onTrigger(trigger("x/2", "X", 0, T0))).isEmpty();
        assertThat(schedule.onTrigger(trigger("x/3", "X\u0000", 5, T0))).isEmpty();
        assertThat(schedule.onTrigger(trigger("y".repeat(120), "X", 5, T0))).isEmpty(); // eventId would be > 128
        SupplierSchedule.Stats stats = schedule.stats();
        assertThat(stats.triggers()).isEqualTo(5);
        assertThat(stats.duplicateTriggers()).isEqualTo(1);
        assertThat(stats.invalidTriggers()).isEqualTo(3);
        assertThat(stats.ordersPlaced()).isEqualTo(1);
        assertThat(stats.pendingReceipts()).isEqualTo(1);
    }

    @Test
    void drainReleasesEverythingEarliestFirst() {
        SupplierSchedule schedule = new SupplierSchedule(LeadTimeModel.defaults());
        for (int i = 0; i < 10; i++) {
            schedule.onTrigger(trigger("d" + i, "S" + i, 1, T0));
        }
        List<ShipmentEvent> all = schedule.drain();
        assertThat(all).hasSize(10);
        assertThat(all).extracting(ShipmentEvent::getOccurredAt).isSorted();
        assertThat(schedule.drain()).isEmpty();
        assertThat(schedule.nextReceiptAt()).isEmpty();
    }

    @Test
    void leadTimesAreDeterministicTruncatedNormal() {
        LeadTimeModel model = LeadTimeModel.defaults();
        assertThat(model.leadTime("85123A", "t1")).isEqualTo(LeadTimeModel.defaults().leadTime("85123A", "t1"));
        assertThat(new LeadTimeModel(Duration.ofDays(7), Duration.ofDays(2), 43).leadTime("85123A", "t1"))
                .isNotEqualTo(model.leadTime("85123A", "t1"));

        int n = 20_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            Duration d = model.leadTime("SKU" + (i % 100), "trigger-" + i);
            assertThat(d).isGreaterThanOrEqualTo(LeadTimeModel.MINIMUM);
            double days = d.toMillis() / 86_400_000.0;
            sum += days;
            sumSq += days * days;
        }
        double mean = sum / n;
        double std = Math.sqrt(sumSq / n - mean * mean);
        assertThat(mean).isCloseTo(7.0, within(0.1));
        assertThat(std).isCloseTo(2.0, within(0.1));

        // a mean below the truncation point ends at the truncation point
        assertThat(LeadTimeModel.ofDays(0.1, 0.01, 1).leadTime("A", "b")).isEqualTo(LeadTimeModel.MINIMUM);
        assertThatThrownBy(() -> LeadTimeModel.ofDays(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeadTimeModel.ofDays(7, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
