package io.stockpulse.demo;

import io.stockpulse.replay.SupplierSchedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's closing figures under the names {@code stockpulse simulate} prints, computed from what the
 * stream keeps (SKU states), what the replay published, what the supplier booked and the alert
 * transitions the feed read, so the two tables can be laid side by side (docs/demo-vs-simulate.md has
 * where the definitions differ):
 * <ul>
 *   <li>fillRate: regular units served from stock ÷ regular units (special lines excluded, as in simulate);</li>
 *   <li>overallFillRate: (units from stock + special-order units the supplier delivers within the quoted
 *       lead time) ÷ all units;</li>
 *   <li>lineFillRate: not kept by the stream (it counts units, not lines served in full): n/a;</li>
 *   <li>specialOrderLineShare / UnitShare: the SKU states' special lines ÷ sale lines published, special
 *       units ÷ all units;</li>
 *   <li>stockoutSkuDays: SKU-days ending with nothing on hand ÷ all SKU-days from each SKU's first event
 *       (simulate divides by the SKU-days with expected demand only);</li>
 *   <li>averageStockUnits / Value: on hand at day end (value at unit cost), averaged over the days;</li>
 *   <li>inventoryTurns: yearly cost of the regular units demanded ÷ average stock value;</li>
 *   <li>orders: purchase orders the supplier placed (replenishment and special);</li>
 *   <li>alertTransitionsPerSkuMonth: stockout and overstock transitions ÷ (SKU-days ÷ 30.4375).</li>
 * </ul>
 */
public final class DemoFigures {

    /** simulate's table rows, in its order (SimulationTable). */
    static final List<String> ROWS = List.of("fillRate", "overallFillRate", "lineFillRate", "specialOrderLineShare",
            "specialOrderUnitShare", "stockoutSkuDays", "averageStockUnits", "averageStockValue", "inventoryTurns",
            "orders", "alertTransitionsPerSkuMonth");

    private DemoFigures() {
    }

    /**
     * @param saleLines        sale events the replay published (regular and special lines)
     * @param alertTransitions records read from the stockout and overstock topics
     * @return the figures by name, NaN for one the stream has no data for
     */
    public static Map<String, Double> of(KpiReport kpi, long saleLines, SupplierSchedule.Stats supplier, long alertTransitions) {
        long allUnits = kpi.unitsDemanded() + kpi.specialUnits();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("fillRate", ratio(kpi.unitsFilled(), kpi.unitsDemanded()));
        m.put("overallFillRate", ratio(kpi.unitsFilled() + supplier.specialUnitsOnTime(), allUnits));
        m.put("lineFillRate", Double.NaN);
        m.put("specialOrderLineShare", ratio(kpi.specialLines(), saleLines));
        m.put("specialOrderUnitShare", ratio(kpi.specialUnits(), allUnits));
        m.put("stockoutSkuDays", ratio(kpi.stockoutSkuDays(), kpi.skuDays()));
        m.put("averageStockUnits", kpi.averageUnitsOnHand());
        m.put("averageStockValue", kpi.averageStockValue());
        m.put("inventoryTurns", kpi.inventoryTurns());
        m.put("orders", (double) supplier.ordersPlaced());
        m.put("alertTransitionsPerSkuMonth", kpi.skuDays() == 0 ? 0 : alertTransitions / (kpi.skuDays() / 30.4375));
        return m;
    }

    /** The table, formatted as simulate formats it; a figure without data shows "n/a". */
    public static String render(Map<String, Double> figures) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-30s %16s%n", "figure (as simulate)", "demo"));
        for (String row : ROWS) {
            out.append(String.format(Locale.ROOT, "%-30s %16s%n", row, format(row, figures.get(row))));
        }
        return out.toString();
    }

    /** simulate's formats: rates and shares in %, orders as a count, the rest to 3 decimals or whole above 100. */
    static String format(String row, Double value) {
        if (value == null || !Double.isFinite(value)) {
            return "n/a";
        }
        double v = value;
        if (row.endsWith("Rate") || row.endsWith("Share") || row.equals("stockoutSkuDays")) {
            return String.format(Locale.ROOT, "%.2f %%", v * 100);
        }
        if (row.equals("orders")) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }
}
