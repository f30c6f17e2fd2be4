package io.stockpulse.policy;

/**
 * Forecast error sums of a group of scored SKU-days (one ABC class, say): they add up across tasks
 * and days, and the usual figures follow from them. WAPE and bias are relative to what was sold, so a
 * class of slow movers and a class of fast movers compare on one scale.
 *
 * @param count     SKU-days scored
 * @param sumAbsError Σ |forecast − actual|
 * @param sumError  Σ (forecast − actual)
 * @param sumActual Σ actual
 */
public record ErrorSums(long count, double sumAbsError, double sumError, double sumActual) {

    public static final ErrorSums NONE = new ErrorSums(0, 0, 0, 0);

    public ErrorSums plus(ErrorSums other) {
        return new ErrorSums(count + other.count, sumAbsError + other.sumAbsError, sumError + other.sumError,
                sumActual + other.sumActual);
    }

    public ErrorSums plus(double actual, double forecast) {
        return plus(new ErrorSums(1, Math.abs(forecast - actual), forecast - actual, actual));
    }

    /** Mean absolute error per SKU-day; 0 when nothing was scored. */
    public double mae() {
        return count == 0 ? 0 : sumAbsError / count;
    }

    /** Weighted absolute percentage error Σ|e| / Σ actual; NaN when nothing was sold. */
    public double wape() {
        return sumActual > 0 ? sumAbsError / sumActual : Double.NaN;
    }

    /** Σ(forecast − actual) / Σ actual: positive when the forecast ran high; NaN when nothing was sold. */
    public double bias() {
        return sumActual > 0 ? sumError / sumActual : Double.NaN;
    }
}
