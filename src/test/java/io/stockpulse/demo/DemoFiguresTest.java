package io.stockpulse.demo;

import io.stockpulse.replay.SupplierSchedule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The demo's closing figures: simulate's names, worked numbers, simulate's formats. */
class DemoFiguresTest {

    /**
     * 900 regular units asked, 810 from stock; 10 special lines of 100 units among 400 sale lines; 60
     * stockout SKU-days of 3,000; 1,500 units and 2,400.00 held on average over 30 days; 9,000.00 cost of
     * the regular units demanded.
     */
    static KpiReport kpi() {
        return new KpiReport(100, 900, 810, 10, 100, 60, 3_000, 1_500, 2_400, 9_000, 14_610, 30,
                Map.of("reorder_trigger", 40L, "special_order", 10L), Map.of(), Map.of("moving-average", 300L), Map.of(),
                Map.of(), null);
    }

    /** 50 orders, 10 of them special for 100 units of which 80 arrive within the quoted lead time. */
    static SupplierSchedule.Stats supplier() {
        return new SupplierSchedule.Stats(50, 0, 0, 50, 5_000, 30, 3_000, 20, 10, 100, 80);
    }

    @Test
    void figuresFollowSimulatesDefinitions() {
        Map<String, Double> f = DemoFigures.of(kpi(), 400, supplier(), 12);

        assertThat(f.keySet()).containsExactlyElementsOf(DemoFigures.ROWS);
        assertThat(f.get("fillRate")).isCloseTo(0.9, within(1e-12));                 // 810 / 900
        assertThat(f.get("overallFillRate")).isCloseTo(0.89, within(1e-12));         // (810 + 80) / (900 + 100)
        assertThat(f.get("lineFillRate")).isNaN();                                   // the stream counts no lines
        assertThat(f.get("specialOrderLineShare")).isCloseTo(0.025, within(1e-12));  // 10 / 400
        assertThat(f.get("specialOrderUnitShare")).isCloseTo(0.1, within(1e-12));    // 100 / 1,000
        assertThat(f.get("stockoutSkuDays")).isCloseTo(0.02, within(1e-12));         // 60 / 3,000
        assertThat(f.get("averageStockUnits")).isEqualTo(1_500);
        assertThat(f.get("averageStockValue")).isEqualTo(2_400);
        assertThat(f.get("inventoryTurns")).isCloseTo(9_000 * 365.0 / 30 / 2_400, within(1e-9));
        assertThat(f.get("orders")).isEqualTo(50);
        // 12 transitions over 3,000 SKU-days = 98.56 SKU-months
        assertThat(f.get("alertTransitionsPerSkuMonth")).isCloseTo(12 / (3_000 / 30.4375), within(1e-12));
    }

    @Test
    void rendersSimulatesFormatsWithoutJavaCollections() {
        String table = DemoFigures.render(DemoFigures.of(kpi(), 400, supplier(), 12));
        List<String> lines = table.lines().toList();

        assertThat(lines).hasSize(1 + DemoFigures.ROWS.size());
        assertThat(lines.get(0)).startsWith("figure (as simulate)").endsWith("demo");
        assertThat(lines).contains(
                String.format("%-30s %16s", "fillRate", "90.00 %"),
                String.format("%-30s %16s", "overallFillRate", "89.00 %"),
                String.format("%-30s %16s", "lineFillRate", "n/a"),
                String.format("%-30s %16s", "specialOrderLineShare", "2.50 %"),
                String.format("%-30s %16s", "stockoutSkuDays", "2.00 %"),
                String.format("%-30s %16s", "averageStockUnits", "1,500"),
                String.format("%-30s %16s", "averageStockValue", "2,400"),
                String.format("%-30s %16s", "inventoryTurns", "45.625"),
                String.format("%-30s %16s", "orders", "50"),
                String.format("%-30s %16s", "alertTransitionsPerSkuMonth", "0.122"));
        assertThat(table).doesNotContain("{", "}", "=", "[");
    }

    @Test
    void noDemandGivesZerosNotNaNs() {
        KpiReport empty = new KpiReport(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 14_610, 1, Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of(), null);
        Map<String, Double> f = DemoFigures.of(empty, 0, new SupplierSchedule.Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0);
        assertThat(f.get("fillRate")).isZero();
        assertThat(f.get("alertTransitionsPerSkuMonth")).isZero();
        assertThat(DemoFigures.format("inventoryTurns", f.get("inventoryTurns"))).isEqualTo("n/a");
    }

    @Test
    void countsAreListedByNameNotAsAMap() {
        assertThat(KpiReport.counts(Map.of("special_order", 10L, "reorder_trigger", 1_234L)))
                .isEqualTo("reorder_trigger 1,234, special_order 10");
        assertThat(KpiReport.counts(Map.of())).isEqualTo("none");
        assertThat(kpi().render()).contains("alerts and triggers       reorder_trigger 40, special_order 10")
                .contains("forecasts made            moving-average 300")
                .contains("dead letters              none")
                .contains("special orders            10 lines, 100 units")
                .doesNotContain("{", "=");
    }
}
