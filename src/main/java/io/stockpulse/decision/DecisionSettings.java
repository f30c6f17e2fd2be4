package io.stockpulse.decision;

/**
 * The knobs of the decision core that are not per-SKU policy, with the defaults documented in
 * docs/inventory-policy.md. Shared by the stream, {@code simulate} and the API.
 *
 * @param measure               what a service level means: α (cycle) or β (fill rate)
 * @param historyWindowDays     trailing days of regular demand the lead-time demand sample is drawn from
 * @param minOrderDays          the order quantity covers at least this many days of demand
 * @param specialLineCoverDays  an order line above this many days of the SKU's average daily demand is a
 *                              special (back-to-back) order …
 * @param specialLineMinUnits   … and above this many units …
 * @param specialMinHistoryDays … once the SKU has this many days of history (before that, no line is special)
 * @param overstockMinHistoryDays no overstock warning before this many days of history
 * @param overstockMinValue     no overstock warning below this value at risk
 * @param overstockConfirmCloses the condition must hold at this many consecutive day closes
 * @param hysteresis            alerts close only when their condition is cleared by this fraction
 * @param tsbAlpha              TSB smoothing of the demand size of INTERMITTENT items
 * @param tsbBeta               TSB smoothing of the demand probability of INTERMITTENT items
 * @param leadTime              whether and when the observed lead time replaces the configured one
 * @param forecastQuantiles     lead-time demand from the forecaster's cumulative quantiles where it gives them
 *                              (else resampled from the SKU's history)
 */
public record DecisionSettings(ServiceMeasure measure, int historyWindowDays, double minOrderDays,
                               double specialLineCoverDays, long specialLineMinUnits, int specialMinHistoryDays,
                               int overstockMinHistoryDays, double overstockMinValue, int overstockConfirmCloses,
                               double hysteresis, double tsbAlpha, double tsbBeta, LeadTimeLearning leadTime,
                               boolean forecastQuantiles) {

    public static final DecisionSettings DEFAULT = new DecisionSettings(ServiceMeasure.FILL_RATE, 182, 7,
            14, 12, 7, 28, 50, 2, 0.1, 0.1, 0.1, LeadTimeLearning.DEFAULT, false);

    /** With the default lead-time learning. */
    public DecisionSettings(ServiceMeasure measure, int historyWindowDays, double minOrderDays,
                            double specialLineCoverDays, long specialLineMinUnits, int specialMinHistoryDays,
                            int overstockMinHistoryDays, double overstockMinValue, int overstockConfirmCloses,
                            double hysteresis, double tsbAlpha, double tsbBeta) {
        this(measure, historyWindowDays, minOrderDays, specialLineCoverDays, specialLineMinUnits, specialMinHistoryDays,
                overstockMinHistoryDays, overstockMinValue, overstockConfirmCloses, hysteresis, tsbAlpha, tsbBeta,
                LeadTimeLearning.DEFAULT, false);
    }

    public DecisionSettings {
        if (measure == null || leadTime == null) {
            throw new IllegalArgumentException("measure and leadTime must be set");
        }
        if (historyWindowDays < 14) {
            throw new IllegalArgumentException("historyWindowDays must be >= 14, was " + historyWindowDays);
        }
        if (!(minOrderDays >= 0) || !(specialLineCoverDays > 0) || specialLineMinUnits < 1 || specialMinHistoryDays < 0
                || overstockMinHistoryDays < 0 || !(overstockMinValue >= 0) || overstockConfirmCloses < 1
                || !(hysteresis >= 0 && hysteresis < 1) || !(tsbAlpha > 0 && tsbAlpha <= 1)
                || !(tsbBeta > 0 && tsbBeta <= 1)) {
            throw new IllegalArgumentException("invalid decision settings: " + this);
        }
    }

    public DecisionSettings withMeasure(ServiceMeasure m) {
        return new DecisionSettings(m, historyWindowDays, minOrderDays, specialLineCoverDays, specialLineMinUnits,
                specialMinHistoryDays, overstockMinHistoryDays, overstockMinValue, overstockConfirmCloses, hysteresis,
                tsbAlpha, tsbBeta, leadTime, forecastQuantiles);
    }

    public DecisionSettings withTsb(double alpha, double beta) {
        return new DecisionSettings(measure, historyWindowDays, minOrderDays, specialLineCoverDays, specialLineMinUnits,
                specialMinHistoryDays, overstockMinHistoryDays, overstockMinValue, overstockConfirmCloses, hysteresis,
                alpha, beta, leadTime, forecastQuantiles);
    }

    /** The minimum value at risk of an alert (stockout or overstock). */
    public DecisionSettings withMinValueAtRisk(double value) {
        return new DecisionSettings(measure, historyWindowDays, minOrderDays, specialLineCoverDays, specialLineMinUnits,
                specialMinHistoryDays, overstockMinHistoryDays, value, overstockConfirmCloses, hysteresis, tsbAlpha,
                tsbBeta, leadTime, forecastQuantiles);
    }

    public DecisionSettings withHysteresis(double h) {
        return new DecisionSettings(measure, historyWindowDays, minOrderDays, specialLineCoverDays, specialLineMinUnits,
                specialMinHistoryDays, overstockMinHistoryDays, overstockMinValue, overstockConfirmCloses, h, tsbAlpha,
                tsbBeta, leadTime, forecastQuantiles);
    }

    public DecisionSettings withSpecialLines(double coverDays, long minUnits) {
        return new DecisionSettings(measure, historyWindowDays, minOrderDays, coverDays, minUnits,
                specialMinHistoryDays, overstockMinHistoryDays, overstockMinValue, overstockConfirmCloses, hysteresis,
                tsbAlpha, tsbBeta, leadTime, forecastQuantiles);
    }

    public DecisionSettings withLeadTime(LeadTimeLearning learning) {
        return new DecisionSettings(measure, historyWindowDays, minOrderDays, specialLineCoverDays, specialLineMinUnits,
                specialMinHistoryDays, overstockMinHistoryDays, overstockMinValue, overstockConfirmCloses, hysteresis,
                tsbAlpha, tsbBeta, learning, forecastQuantiles);
    }

    public DecisionSettings withForecastQuantiles(boolean use) {
        return new DecisionSettings(measure, historyWindowDays, minOrderDays, specialLineCoverDays, specialLineMinUnits,
                specialMinHistoryDays, overstockMinHistoryDays, overstockMinValue, overstockConfirmCloses, hysteresis,
                tsbAlpha, tsbBeta, leadTime, use);
    }
}
