package io.stockpulse.forecast;

/**
 * Accumulates forecast accuracy over (series, origin) pairs the way the M5 competition scores it:
 * RMSSE per series — RMSE over the horizon scaled by the in-sample one-step naive MSE — averaged over
 * series; WAPE and bias pooled over all days; p90 coverage and pinball loss where the forecaster
 * gives quantiles (pinball of the point forecast as p50 otherwise).
 */
public final class BacktestMetrics {

    private long series;
    private double sumRmsse;
    private double sumAbsError;
    private double sumError;
    private double sumActual;
    private long days;
    private long daysWithP90;
    private long coveredP90;
    private double sumPinball50;
    private double sumPinball90;
    private final QuantileScores quantiles = new QuantileScores(EmpiricalDemand.LEVELS, EmpiricalDemand.HORIZONS);
    private long forecastNanos;
    private long forecasts;

    /** Naive one-step MSE of the in-sample history from its first sale: the RMSSE denominator (0 = unscorable). */
    public static double naiveScale(int[] history) {
        int start = 0;
        while (start < history.length && history[start] == 0) {
            start++;
        }
        int n = history.length - start;
        if (n < 2) {
            return 0;
        }
        double sum = 0;
        for (int t = start + 1; t < history.length; t++) {
            double d = history[t] - history[t - 1];
            sum += d * d;
        }
        return sum / (n - 1);
    }

    /** Scores one forecast: the point and p50/p90 figures, and every quantile it gives. */
    public void add(int[] actual, Forecast forecast, double scale) {
        add(actual, forecast.mean(), forecast.p50(), forecast.p90(), scale);
        quantiles.add(actual, forecast.quantiles());
    }

    /** Time spent forecasting {@code count} series, for the cost per series. */
    public void addForecastTime(long nanos, int count) {
        forecastNanos += nanos;
        forecasts += count;
    }

    /** Mean wall time per series forecast, in microseconds (NaN before any). */
    public double microsPerForecast() {
        return forecasts == 0 ? Double.NaN : forecastNanos / 1e3 / forecasts;
    }

    public QuantileScores quantiles() {
        return quantiles;
    }

    public void add(int[] actual, float[] point, float[] p50, float[] p90, double scale) {
        double squared = 0;
        for (int h = 0; h < actual.length; h++) {
            double y = actual[h];
            double e = point[h] - y;
            squared += e * e;
            sumAbsError += Math.abs(e);
            sumError += e;
            sumActual += y;
            double median = p50 != null ? p50[h] : point[h];
            sumPinball50 += pinball(y, median, 0.5);
            if (p90 != null) {
                daysWithP90++;
                if (y <= p90[h]) {
                    coveredP90++;
                }
                sumPinball90 += pinball(y, p90[h], 0.9);
            }
            days++;
        }
        sumRmsse += Math.sqrt(squared / actual.length / scale);
        series++;
    }

    static double pinball(double actual, double quantile, double q) {
        return QuantileScores.pinball(actual, quantile, q);
    }

    public long series() {
        return series;
    }

    public double rmsse() {
        return sumRmsse / series;
    }

    public double wape() {
        return sumAbsError / sumActual;
    }

    public double bias() {
        return sumError / sumActual;
    }

    /** Null when the forecaster gives no p90. */
    public Double coverageP90() {
        return daysWithP90 == 0 ? null : (double) coveredP90 / daysWithP90;
    }

    /** Mean pinball loss at 0.5 (and 0.9 when available), averaged over the quantiles scored. */
    public double pinball() {
        double p50 = sumPinball50 / days;
        return daysWithP90 == 0 ? p50 : (p50 + sumPinball90 / daysWithP90) / 2;
    }
}
