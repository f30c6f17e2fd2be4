package io.stockpulse.topology;

import io.stockpulse.avro.ForecastUpdate;
import io.stockpulse.avro.StockChangeKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17 on the TopologyTestDriver: what a day close publishes, and whether a SKU alerts, must not
 * depend on which record happened to move stream time (DeterminismIT checks the same on a broker).
 */
class EventOrderDeterminismTest {

    private final TopologyFixture f = new TopologyFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private static String day(int dayOfMarch, String time) {
        return TopologyFixture.march(dayOfMarch, time);
    }

    @Test
    void aSaleBeforeTheOpeningCountRaisesNothingOnceTheCountArrives() {
        f.sale("A", 1, day(1, "07:00"));
        f.stockChange("A", StockChangeKind.COUNT, 12, day(1, "08:00"));
        f.sale("A", 1, day(1, "12:00"));
        f.sale("A", 1, day(2, "12:00")); // closes day 1: forecast, policy, alerts at the close

        assertThat(f.stockouts.readValuesToList()).as("stockout alerts").isEmpty();
        assertThat(f.triggers.readValuesToList()).as("reorder triggers").isEmpty();
        assertThat(f.state("A").getNetStock()).isEqualTo(10);
    }

    @Test
    void aRejectedRecordStampedAheadClosesNoDay() {
        f.stockChange("A", StockChangeKind.COUNT, 100, day(1, "08:00"));
        f.sale("A", 2, day(1, "12:00"));
        f.sale("A", -5, day(20, "12:00")); // invalid (dead letter), yet Kafka stream time moves to March 20
        f.sale("A", 3, day(2, "12:00")); // closes March 1 only
        f.sale("A", 3, day(3, "12:00")); // closes March 2

        List<ForecastUpdate> forecasts = f.forecasts.readValuesToList();
        assertThat(forecasts).extracting(ForecastUpdate::getFirstDay)
                .containsExactly(LocalDate.parse("2011-03-02"), LocalDate.parse("2011-03-03"));
        // Stamped with the moment the day became final (midnight + 1 h grace), not with the sale that revealed it.
        assertThat(forecasts).extracting(ForecastUpdate::getAt)
                .containsExactly(Instant.parse("2011-03-02T01:00:00Z"), Instant.parse("2011-03-03T01:00:00Z"));
        assertThat(f.deadLetters.readValuesToList()).hasSize(1);
    }

    @Test
    void aGapIsClosedDayByDayAsOnAPartitionWithOtherSkus() {
        f.stockChange("A", StockChangeKind.COUNT, 100, day(1, "08:00"));
        f.sale("A", 2, day(1, "12:00"));
        f.sale("A", 2, day(5, "12:00")); // closes March 1 to 4, each in turn

        // March 1 had a sale (due at its close); the refresh after it is 7 days later, so only one forecast,
        // exactly as when other SKUs' events had closed March 1, 2, 3 and 4 one by one.
        assertThat(f.forecasts.readValuesToList()).extracting(ForecastUpdate::getFirstDay)
                .containsExactly(LocalDate.parse("2011-03-02"));
    }
}
