package io.stockpulse.forecast;

/**
 * Scores of a forecast's quantiles over (series, origin) pairs: per daily level, coverage (share of
 * days with demand at or below the quantile) and mean pinball loss; per lead time h, the same for the
 * demand over the first h days against the cumulative quantiles. A level or horizon a forecaster does
 * not give is not scored (its figures are null), never filled in from other levels.
 */
public final class QuantileScores {

    private final double[] levels;
    private final int[] horizons;
    private final long[] dailyDays;
    private final long[] dailyCovered;
    private final double[] dailyPinball;
    private final long[][] leadCount;
    private final long[][] leadCovered;
    private final double[][] leadPinball;

    public QuantileScores(double[] levels, int[] horizons) {
        this.levels = levels.clone();
        this.horizons = horizons.clone();
        dailyDays = new long[levels.length];
        dailyCovered = new long[levels.length];
        dailyPinball = new double[levels.length];
        leadCount = new long[horizons.length][levels.length];
        leadCovered = new long[horizons.length][levels.length];
        leadPinball = new double[horizons.length][levels.length];
    }

    /** Pinball (quantile) loss of {@code quantile} at {@code level} when {@code actual} happened. */
    public static double pinball(double actual, double quantile, double level) {
        double diff = actual - quantile;
        return Math.max(level * diff, (level - 1) * diff);
    }

    public void add(int[] actual, ForecastQuantiles quantiles) {
        if (quantiles == null) {
            return;
        }
        for (int l = 0; l < levels.length; l++) {
            float[] q = quantiles.daily(levels[l]);
            if (q == null) {
                continue;
            }
            for (int d = 0; d < actual.length; d++) {
                dailyDays[l]++;
                dailyCovered[l] += actual[d] <= q[d] ? 1 : 0;
                dailyPinball[l] += pinball(actual[d], q[d], levels[l]);
            }
        }
        if (!quantiles.hasCumulative()) {
            return;
        }
        for (int h = 0; h < horizons.length && horizons[h] <= actual.length; h++) {
            long total = 0;
            for (int d = 0; d < horizons[h]; d++) {
                total += actual[d];
            }
            for (int l = 0; l < levels.length; l++) {
                double q = quantiles.cumulative(levels[l], horizons[h]);
                if (!Double.isNaN(q)) {
                    leadCount[h][l]++;
                    leadCovered[h][l] += total <= q ? 1 : 0;
                    leadPinball[h][l] += pinball(total, q, levels[l]);
                }
            }
        }
    }

    public double[] levels() {
        return levels.clone();
    }

    public int[] horizons() {
        return horizons.clone();
    }

    /** Series-days scored at {@code level}: where the forecaster gave that level. */
    public long dailyScored(double level) {
        return dailyDays[index(level)];
    }

    /** (Series, origin) pairs scored at lead time {@code days} and {@code level}. */
    public long leadTimeScored(int days, double level) {
        return leadCount[horizon(days)][index(level)];
    }

    /** Share of scored days at or below the daily quantile at {@code level}; null when never given. */
    public Double dailyCoverage(double level) {
        int l = index(level);
        return dailyDays[l] == 0 ? null : (double) dailyCovered[l] / dailyDays[l];
    }

    public Double dailyPinball(double level) {
        int l = index(level);
        return dailyDays[l] == 0 ? null : dailyPinball[l] / dailyDays[l];
    }

    /** Share of (series, origin) pairs whose demand over the first {@code days} days was covered; null when not given. */
    public Double leadTimeCoverage(int days, double level) {
        int h = horizon(days);
        int l = index(level);
        return leadCount[h][l] == 0 ? null : (double) leadCovered[h][l] / leadCount[h][l];
    }

    /** Mean pinball over all levels at lead time {@code days}; null unless every level was given. */
    public Double leadTimePinballMean(int days) {
        int h = horizon(days);
        double sum = 0;
        for (int l = 0; l < levels.length; l++) {
            if (leadCount[h][l] == 0 || leadCount[h][l] != leadCount[h][0]) {
                return null;
            }
            sum += leadPinball[h][l] / leadCount[h][l];
        }
        return sum / levels.length;
    }

    private int index(double level) {
        for (int l = 0; l < levels.length; l++) {
            if (Math.abs(levels[l] - level) < 1e-9) {
                return l;
            }
        }
        throw new IllegalArgumentException("level " + level + " is not scored");
    }

    private int horizon(int days) {
        for (int h = 0; h < horizons.length; h++) {
            if (horizons[h] == days) {
                return h;
            }
        }
        throw new IllegalArgumentException("lead time " + days + " is not scored");
    }
}
