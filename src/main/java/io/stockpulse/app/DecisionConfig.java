package io.stockpulse.app;

import io.stockpulse.decision.DecisionSettings;
import io.stockpulse.decision.LeadTimeEstimate;
import io.stockpulse.decision.LeadTimeLearning;
import io.stockpulse.decision.ServiceMeasure;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** The {@code decision.*} keys: how the decision core sizes orders, splits off special orders and raises alerts. */
final class DecisionConfig {

    static final String SERVICE_MEASURE = "decision.service-measure";
    static final String HISTORY_WINDOW = "decision.history-window-days";
    static final String MIN_ORDER_DAYS = "decision.min-order-days";
    static final String SPECIAL_COVER_DAYS = "decision.special-line.cover-days";
    static final String SPECIAL_MIN_UNITS = "decision.special-line.min-units";
    static final String SPECIAL_MIN_HISTORY = "decision.special-line.min-history-days";
    static final String OVERSTOCK_MIN_HISTORY = "decision.overstock.min-history-days";
    static final String OVERSTOCK_MIN_VALUE = "decision.overstock.min-value";
    static final String OVERSTOCK_CONFIRM = "decision.overstock.confirm-closes";
    static final String LEAD_TIME_DEMAND = "decision.lead-time-demand";
    static final String LEAD_TIME_LEARN = "decision.lead-time.learn";
    static final String LEAD_TIME_MIN_RECEIPTS = "decision.lead-time.min-receipts";

    private DecisionConfig() {
    }

    static void define(ConfigDef def) {
        DecisionSettings d = DecisionSettings.DEFAULT;
        def.define(SERVICE_MEASURE, Type.STRING, d.measure().name(), ConfigDef.ValidString.in("FILL_RATE", "CYCLE"),
                        Importance.MEDIUM, "What a service level means: FILL_RATE (share of units served from stock, "
                                + "beta) or CYCLE (probability of no stockout per replenishment cycle, alpha).")
                .define(HISTORY_WINDOW, Type.INT, d.historyWindowDays(), Range.between(14, 3660), Importance.LOW,
                        "Trailing days of regular demand the lead-time demand distribution is resampled from.")
                .define(MIN_ORDER_DAYS, Type.DOUBLE, d.minOrderDays(), Range.between(0.0, 365.0), Importance.LOW,
                        "An order covers at least this many days of expected demand.")
                .define(SPECIAL_COVER_DAYS, Type.DOUBLE, d.specialLineCoverDays(), Range.between(1.0, 3650.0),
                        Importance.MEDIUM, "A sale line above this many days of the SKU's average daily demand (and "
                                + "above " + SPECIAL_MIN_UNITS + ") is a special order: passed to the supplier "
                                + "back to back, not served from the stock kept for regular demand.")
                .define(SPECIAL_MIN_UNITS, Type.LONG, d.specialLineMinUnits(), Range.atLeast(1), Importance.MEDIUM,
                        "Sale lines of at most this many units are never special orders.")
                .define(SPECIAL_MIN_HISTORY, Type.INT, d.specialMinHistoryDays(), Range.between(0, 3660), Importance.LOW,
                        "No line is a special order before the SKU has this many days of history.")
                .define(OVERSTOCK_MIN_HISTORY, Type.INT, d.overstockMinHistoryDays(), Range.between(0, 3660),
                        Importance.LOW, "No overstock warning before the SKU has this many days of history.")
                .define(OVERSTOCK_MIN_VALUE, Type.DOUBLE, d.overstockMinValue(), Range.atLeast(0.0), Importance.MEDIUM,
                        "No overstock warning below this value at risk (excess units x unit cost).")
                .define(OVERSTOCK_CONFIRM, Type.INT, d.overstockConfirmCloses(), Range.between(1, 365), Importance.LOW,
                        "The overstock condition must hold at this many consecutive day closes before a warning.")
                .define(LEAD_TIME_DEMAND, Type.STRING, d.forecastQuantiles() ? "forecast" : "history",
                        ConfigDef.ValidString.in("history", "forecast"), Importance.MEDIUM,
                        "Where the lead-time demand distribution comes from: history (the SKU's own daily demand, "
                                + "resampled in blocks and scaled to the forecast) or forecast (the forecaster's "
                                + "quantiles of cumulative demand, where it gives them; else history).")
                .define(LEAD_TIME_LEARN, Type.BOOLEAN, d.leadTime().learn(), Importance.MEDIUM,
                        "Plan with the lead time measured on received purchase orders (mean and standard deviation "
                                + "of ORDERED -> RECEIVED) instead of the policy's leadTimeDays/leadTimeStdDays, once "
                                + LEAD_TIME_MIN_RECEIPTS + " orders were received. false: always the configured one.")
                .define(LEAD_TIME_MIN_RECEIPTS, Type.INT, d.leadTime().minReceipts(),
                        Range.between(2, LeadTimeEstimate.KEPT), Importance.LOW,
                        "Fully received purchase orders of a SKU and location (of the latest order's supplier, or "
                                + "of all) needed before the observed lead time replaces the configured one.");
    }

    static DecisionSettings settings(AbstractConfig config, double hysteresis, double tsbAlpha, double tsbBeta) {
        return new DecisionSettings(ServiceMeasure.valueOf(config.getString(SERVICE_MEASURE)),
                config.getInt(HISTORY_WINDOW), config.getDouble(MIN_ORDER_DAYS), config.getDouble(SPECIAL_COVER_DAYS),
                config.getLong(SPECIAL_MIN_UNITS), config.getInt(SPECIAL_MIN_HISTORY), config.getInt(OVERSTOCK_MIN_HISTORY),
                config.getDouble(OVERSTOCK_MIN_VALUE), config.getInt(OVERSTOCK_CONFIRM), hysteresis, tsbAlpha,
                tsbBeta, new LeadTimeLearning(config.getBoolean(LEAD_TIME_LEARN), config.getInt(LEAD_TIME_MIN_RECEIPTS)),
                "forecast".equals(config.getString(LEAD_TIME_DEMAND)));
    }
}
