package io.stockpulse.forecast;

/**
 * Daily units sold for one series, oldest first, ending on {@code lastDay} (an epoch day).
 *
 * @param seriesKey identifies the series (SKU and location) so results can be matched back
 * @param lastDay   epoch day of {@code daily[daily.length - 1]}
 * @param daily     units per day, zero-filled
 */
public record DemandHistory(String seriesKey, int lastDay, int[] daily) {

    public int firstDay() {
        return lastDay - daily.length + 1;
    }

    /** The last {@code n} days, left-padded with zeros when the history is shorter. */
    public int[] lastDays(int n) {
        int[] out = new int[n];
        int copy = Math.min(n, daily.length);
        System.arraycopy(daily, daily.length - copy, out, n - copy, copy);
        return out;
    }

    /** Days from the first non-zero day to the end: how much real history the series has. */
    public int activeLength() {
        for (int i = 0; i < daily.length; i++) {
            if (daily[i] != 0) {
                return daily.length - i;
            }
        }
        return 0;
    }
}
