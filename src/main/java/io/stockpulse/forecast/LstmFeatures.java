package io.stockpulse.forecast;

import java.time.LocalDate;

/**
 * Builds the model's input exactly as {@code model-export/stockpulse_model/features.py} does, per
 * history day: raw units, day-of-week sine and cosine (from the same float32 table), and days to the
 * next 25 December / 365. All scaling and the long-window statistics happen inside the ONNX graph.
 */
public final class LstmFeatures {

    public static final int FEATURES = 4;
    /** float32(sin(2π·d/7)), float32(cos(2π·d/7)) for d = 0 (Monday) … 6, as the Python side rounds them. */
    private static final float[][] DOW_TABLE = new float[7][2];
    /**
     * The calendar columns of the last window filled. At a day close every series of a batch ends on
     * the same day, so the 364 calendar rows are computed once, not once per series. Immutable, so
     * sharing it between stream threads through a volatile field is safe.
     */
    private static volatile CalendarBlock lastBlock;

    static {
        for (int d = 0; d < 7; d++) {
            double angle = 2.0 * Math.PI * d / 7.0;
            DOW_TABLE[d][0] = (float) Math.sin(angle);
            DOW_TABLE[d][1] = (float) Math.cos(angle);
        }
    }

    private record CalendarBlock(int firstDay, int window, float[] values) {
    }

    private LstmFeatures() {
    }

    /** Writes {@code window × FEATURES} floats for one history into {@code out} at {@code offset}. */
    public static void fill(float[] out, int offset, DemandHistory history, int window) {
        int[] units = history.lastDays(window);
        float[] calendar = calendar(history.lastDay() - window + 1, window);
        int at = offset;
        for (int i = 0; i < window; i++) {
            out[at++] = units[i];
            out[at++] = calendar[3 * i];
            out[at++] = calendar[3 * i + 1];
            out[at++] = calendar[3 * i + 2];
        }
    }

    private static float[] calendar(int firstDay, int window) {
        CalendarBlock block = lastBlock;
        if (block != null && block.firstDay == firstDay && block.window == window) {
            return block.values;
        }
        float[] values = new float[3 * window];
        for (int i = 0; i < window; i++) {
            int day = firstDay + i;
            int dow = Math.floorMod(day + 3, 7);
            values[3 * i] = DOW_TABLE[dow][0];
            values[3 * i + 1] = DOW_TABLE[dow][1];
            values[3 * i + 2] = (float) (daysToChristmas(LocalDate.ofEpochDay(day)) / 365.0);
        }
        lastBlock = new CalendarBlock(firstDay, window, values);
        return values;
    }

    static int daysToChristmas(LocalDate date) {
        LocalDate christmas = LocalDate.of(date.getYear(), 12, 25);
        if (date.isAfter(christmas)) {
            christmas = christmas.plusYears(1);
        }
        return (int) (christmas.toEpochDay() - date.toEpochDay());
    }
}
