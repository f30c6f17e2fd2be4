package io.stockpulse.topology;

import io.stockpulse.avro.AbcThresholds;
import io.stockpulse.avro.ForecastUpdate;
import io.stockpulse.avro.StockoutAlert;
import io.stockpulse.avro.ReorderTrigger;
import io.stockpulse.avro.SaleEvent;
import io.stockpulse.avro.SkuClassChange;
import io.stockpulse.avro.SkuPolicy;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.policy.AbcXyzClassification;
import io.stockpulse.policy.ClassServiceLevels;
import io.stockpulse.policy.ClassSettings;
import io.stockpulse.state.StoreNames;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** ABC/XYZ classes across the aggregator and the global cut-offs, and the class's service level. */
class SkuClassesTopologyTest {

    private static final LocalDate START = LocalDate.of(2011, 3, 1);
    // One unit a day each; sales value per day = price. Total 1733; cumulative share before each:
    // P01 0 → A, P02 .577 → A, P03 .866 → B, P04 .923 → B, P05 .946 → B, P06 .963 → C, … → C.
    private static final double[] PRICES = {1000, 500, 100, 40, 30, 20, 15, 10, 8, 5, 3, 2};
    private TopologyFixture f;
    private TestOutputTopic<String, SkuClassChange> classes;

    @BeforeEach
    void start() {
        // Any stockout is worth an alert here (the SKUs sell a unit a day at a unit cost of 1).
        InventorySettings defaults = InventorySettings.defaults();
        start(defaults.withDecisions(defaults.decisions().withMinValueAtRisk(0)));
    }

    private void start(InventorySettings settings) {
        f = new TopologyFixture(settings);
        classes = f.driver.createOutputTopic(f.topics.skuClasses().name(), f.topics.skuClasses().keySerde().deserializer(),
                f.topics.skuClasses().valueSerde().deserializer());
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static String sku(int i) {
        return String.format("P%02d", i + 1);
    }

    private static String at(int day, String time) {
        return START.plusDays(day) + "T" + time + ":00Z";
    }

    private void sell(String sku, double price, int day) {
        SaleEvent event = SaleEvent.newBuilder().setEventId(f.nextId()).setSku(sku).setLocationId(TopologyFixture.LOCATION)
                .setQuantity(1).setUnitPrice(price).setOccurredAt(Instant.parse(at(day, "10:00"))).build();
        f.sales.pipeInput(sku, event, event.getOccurredAt());
    }

    @Test
    void paretoClassesAreComputedOverAllSkusAndSetTheServiceLevel() {
        f.policies.pipeInput("P12", SkuPolicy.newBuilder().setSku("P12").setServiceLevel(0.99).build());
        for (int i = 0; i < PRICES.length; i++) {
            f.stockChange(sku(i), StockChangeKind.COUNT, 1000, at(0, "08:00"));
        }
        for (int day = 0; day < 6; day++) {
            for (int i = 0; i < PRICES.length; i++) {
                sell(sku(i), PRICES[i], day);
            }
        }
        KeyValueStore<String, AbcThresholds> global = f.driver.getKeyValueStore(StoreNames.ABC_THRESHOLDS);
        // Keyed by day: the last day closed (day 4, closed by day 5's first sale) and the days before it.
        AbcThresholds cut = global.get(START.plusDays(4).toString());
        assertThat(global.get(START.plusDays(3).toString())).isNotNull();
        assertThat(cut).isNotNull();
        assertThat(cut.getSkus()).isEqualTo(12);
        Map<String, SkuClassChange> latest = classes.readKeyValuesToList().stream()
                .collect(Collectors.toMap(kv -> kv.key, kv -> kv.value, (a, b) -> b));
        assertThat(latest).hasSize(12);
        assertThat(latest.get("P01@WH1").getAbcClass()).isEqualTo("A");
        assertThat(latest.get("P02@WH1").getAbcClass()).isEqualTo("A");
        assertThat(latest.get("P03@WH1").getAbcClass()).isEqualTo("B");
        assertThat(latest.get("P05@WH1").getAbcClass()).isEqualTo("B");
        assertThat(latest.get("P06@WH1").getAbcClass()).isEqualTo("C");
        assertThat(latest.get("P12@WH1").getAbcClass()).isEqualTo("C");
        assertThat(latest.get("P01@WH1").getXyzClass()).isEqualTo("X"); // one unit every day: CV 0
        assertThat(latest.get("P01@WH1").getPreviousAbcClass()).isEqualTo("B"); // before the split: B
        assertThat(latest.get("P01@WH1").getServiceLevel()).isEqualTo(0.99);
        assertThat(cut.getDay()).isEqualTo(START.plusDays(4));
        assertThat(cut.getAMinValue()).isGreaterThan(cut.getBMinValue());
        assertThat(cut.getBMinValue()).isPositive();

        // The class sets the default service level on the trigger; an explicit SKU policy wins.
        for (String sku : List.of("P01", "P06", "P12")) {
            f.stockChange(sku, StockChangeKind.COUNT, 0, at(6, "09:00"));
        }
        Map<String, ReorderTrigger> triggers = f.triggers.readValuesToList().stream()
                .collect(Collectors.toMap(ReorderTrigger::getSku, t -> t));
        assertThat(triggers.get("P01").getServiceLevel()).isEqualTo(0.99);
        assertThat(triggers.get("P01").getAbcClass()).isEqualTo("A");
        assertThat(triggers.get("P06").getServiceLevel()).isEqualTo(0.95);
        assertThat(triggers.get("P06").getAbcClass()).isEqualTo("C");
        assertThat(triggers.get("P12").getServiceLevel()).isEqualTo(0.99);
        // Stockout alerts (raised at the next close) and forecast updates carry the class too.
        sell("P02", 1.0, 7);
        Map<String, StockoutAlert> stockouts = f.stockouts.readValuesToList().stream()
                .collect(Collectors.toMap(StockoutAlert::getSku, a -> a, (a, b) -> b));
        assertThat(stockouts.get("P01").getAbcClass()).isEqualTo("A");
        assertThat(stockouts.get("P01").getXyzClass()).isEqualTo("X");
        assertThat(stockouts.get("P06").getAbcClass()).isEqualTo("C");
        List<ForecastUpdate> forecasts = f.forecasts.readValuesToList();
        ForecastUpdate lastP01 = forecasts.stream().filter(u -> u.getSku().equals("P01")).reduce((a, b) -> b).orElseThrow();
        assertThat(lastP01.getAbcClass()).isEqualTo("A");
        assertThat(lastP01.getXyzClass()).isEqualTo("X");

        // The aggregator's store is changelogged (exactly-once restore like every other store).
        assertThat(f.driver.producedTopicNames()).contains("stockpulse-test-" + StoreNames.ABC_SALES_VALUES + "-changelog");
    }

    @Test
    void configuredSharesAndServiceLevelsDecideTheClasses() {
        ClassSettings custom = new ClassSettings(0.5, 0.3, new ClassServiceLevels(0.97, 0.93, 0.85),
                AbcXyzClassification.XyzCutoffs.DEFAULT, 28, 0.1, 0.1);
        f.close();
        start(InventorySettings.defaults().withClasses(custom));
        for (int i = 0; i < PRICES.length; i++) {
            f.stockChange(sku(i), StockChangeKind.COUNT, 1000, at(0, "08:00"));
        }
        for (int day = 0; day < 6; day++) {
            for (int i = 0; i < PRICES.length; i++) {
                sell(sku(i), PRICES[i], day);
            }
        }
        Map<String, SkuClassChange> latest = classes.readKeyValuesToList().stream()
                .collect(Collectors.toMap(kv -> kv.key, kv -> kv.value, (a, b) -> b));
        // Shares 50/30/20: cumulative share before P02 is .577 ≥ .5, so P02 is B (A under 80/15);
        // before P03 it is .866 ≥ .8, so P03 is C (B under 80/15).
        assertThat(latest.get("P01@WH1").getAbcClass()).isEqualTo("A");
        assertThat(latest.get("P01@WH1").getServiceLevel()).isEqualTo(0.97);
        assertThat(latest.get("P02@WH1").getAbcClass()).isEqualTo("B");
        assertThat(latest.get("P02@WH1").getServiceLevel()).isEqualTo(0.93);
        assertThat(latest.get("P03@WH1").getAbcClass()).isEqualTo("C");
        assertThat(latest.get("P03@WH1").getServiceLevel()).isEqualTo(0.85);

        f.stockChange("P03", StockChangeKind.COUNT, 0, at(6, "09:00"));
        ReorderTrigger trigger = f.triggers.readValuesToList().get(0);
        assertThat(trigger.getSku()).isEqualTo("P03");
        assertThat(trigger.getServiceLevel()).isEqualTo(0.85);
    }

    @Test
    void fewerThanTenSkusAreAllB() {
        for (int i = 0; i < 3; i++) {
            f.stockChange(sku(i), StockChangeKind.COUNT, 1000, at(0, "08:00"));
        }
        for (int day = 0; day < 5; day++) {
            for (int i = 0; i < 3; i++) {
                sell(sku(i), PRICES[i], day);
            }
        }
        assertThat(classes.readValuesToList()).extracting(SkuClassChange::getAbcClass).containsOnly("B");
    }
}
