package io.stockpulse.policy;

/**
 * What the forecaster expects from tomorrow on.
 *
 * @param dailyMean  expected units per day, index 0 = the next day
 * @param dailySigma standard deviation of one day's demand (from the forecast's quantiles, or
 *                   from the tracked forecast error)
 * @param source     model@version that made the forecast
 */
public record DemandOutlook(double[] dailyMean, double dailySigma, String source) {

    public static DemandOutlook none() {
        return new DemandOutlook(new double[0], 0, "none");
    }

    public double averageDailyDemand() {
        return InventoryMath.averageRate(dailyMean);
    }
}
