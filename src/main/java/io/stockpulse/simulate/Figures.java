package io.stockpulse.simulate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one closed-loop run measured over the reported window. Definitions (docs/simulate.md):
 * <ul>
 *   <li>fillRate: units of regular lines served from stock at once ÷ units of regular lines;</li>
 *   <li>overallFillRate: (units served from stock + special-order units delivered within the quoted lead
 *       time) ÷ all units demanded;</li>
 *   <li>lineFillRate: regular lines served in full from stock ÷ regular lines;</li>
 *   <li>stockoutSkuDays: SKU-days ending with nothing on hand ÷ SKU-days with expected demand;</li>
 *   <li>average stock: on hand at each day's end, averaged over the days.</li>
 * </ul>
 */
final class Figures {

    long unitsDemanded;
    long regularUnits;
    long unitsFromStock;
    long lines;
    long regularLines;
    long linesFilled;
    long specialLines;
    long specialUnits;
    long specialUnitsOnTime;
    long days;
    double onHandUnitDays;
    double onHandValueDays;
    long skuDaysWithDemand;
    long stockoutSkuDays;
    long skuDays;
    long orders;
    long unitsOrdered;
    long triggers;
    long alertTransitions;
    double cogs;
    long receipts;
    long lateReceipts;
    double receiptLeadDays;
    long observedLeadTimePlans;

    /** A delivery that took {@code leadDays}; late when it came on a day after its expected day. */
    void receipt(double leadDays, boolean late) {
        receipts++;
        receiptLeadDays += leadDays;
        if (late) {
            lateReceipts++;
        }
    }

    void sale(long quantity, long fromStock, double unitCost) {
        unitsDemanded += quantity;
        regularUnits += quantity;
        unitsFromStock += fromStock;
        lines++;
        regularLines++;
        if (fromStock >= quantity) {
            linesFilled++;
        }
        cogs += quantity * unitCost;
    }

    void special(long quantity, boolean onTime) {
        unitsDemanded += quantity;
        lines++;
        specialLines++;
        specialUnits += quantity;
        if (onTime) {
            specialUnitsOnTime += quantity;
        }
    }

    double fillRate() {
        return ratio(unitsFromStock, regularUnits);
    }

    double averageStockUnits() {
        return days == 0 ? 0 : onHandUnitDays / days;
    }

    double averageStockValue() {
        return days == 0 ? 0 : onHandValueDays / days;
    }

    /** The figures as JSON-ready values, rounded so the text is stable and readable. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fillRate", round(fillRate(), 5));
        m.put("overallFillRate", round(ratio(unitsFromStock + specialUnitsOnTime, unitsDemanded), 5));
        m.put("lineFillRate", round(ratio(linesFilled, regularLines), 5));
        m.put("specialOrderLineShare", round(ratio(specialLines, lines), 5));
        m.put("specialOrderUnitShare", round(ratio(specialUnits, unitsDemanded), 5));
        m.put("stockoutSkuDays", round(ratio(stockoutSkuDays, skuDaysWithDemand), 5));
        m.put("averageStockUnits", round(averageStockUnits(), 1));
        m.put("averageStockValue", round(averageStockValue(), 1));
        double annualCogs = days == 0 ? 0 : cogs * 365.0 / days;
        m.put("inventoryTurns", round(averageStockValue() > 0 ? annualCogs / averageStockValue() : 0, 3));
        m.put("orders", orders);
        m.put("unitsOrdered", unitsOrdered);
        m.put("receipts", receipts);
        m.put("lateReceipts", lateReceipts);
        m.put("meanLeadTimeDays", round(ratio(receiptLeadDays, receipts), 3));
        m.put("plansWithObservedLeadTime", observedLeadTimePlans);
        m.put("alertTransitions", alertTransitions);
        m.put("alertTransitionsPerSkuMonth", round(skuDays == 0 ? 0 : alertTransitions / (skuDays / 30.4375), 4));
        m.put("unitsDemanded", unitsDemanded);
        m.put("lines", lines);
        m.put("days", days);
        return m;
    }

    static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    static double round(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return 0;
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }
}
