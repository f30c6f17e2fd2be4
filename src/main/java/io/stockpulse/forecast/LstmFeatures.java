package io.stockpulse.forecast;

import java.time.LocalDate;

/**
 * Builds the LSTM's input exactly as {@code model-export/stockpulse_model/features.py} does, per
 * history day: raw units, day-of-week sine and cosine (from the same float32 table), and days to the
 * next 25 December / 365. All scaling happens inside the ONNX graph.
 */
public final class LstmFeatures {

    public static final int FEATURES = 4;
    /** float32(sin(2π·d/7)), float32(cos(2π·d/7)) for d = 0 (Monday) … 6, as the Python side rounds them. */
    private static final float[][] DOW_TABLE = new float[7][2];

    static {
        for (int d = 0; d < 7; d++) {
            double angle = 2.0 * Math.PI * d / 7.0;
            DOW_TABLE[d][0] = (float) Math.sin(angle);
            DOW_TABLE[d][1] = (float) Math.cos(angle);
        }
    }

    private LstmFeatures() {
    }

    /** Writes {@code window × FEATURES} floats for one history into {@code out} at {@code offset}. */
    public static void fill(float[] out, int offset, DemandHistory history, int window) {
        int[] units = history.lastDays(window);
        int firstDay = history.lastDay() - window + 1;
        int at = offset;
        for (int i = 0; i < window; i++) {
            int day = firstDay + i;
            int dow = Math.floorMod(day + 3, 7);
            out[at++] = units[i];
            out[at++] = DOW_TABLE[dow][0];
            out[at++] = DOW_TABLE[dow][1];
            out[at++] = (float) (daysToChristmas(LocalDate.ofEpochDay(day)) / 365.0);
        }
    }

    static int daysToChristmas(LocalDate date) {
        LocalDate christmas = LocalDate.of(date.getYear(), 12, 25);
        if (date.isAfter(christmas)) {
            christmas = christmas.plusYears(1);
        }
        return (int) (christmas.toEpochDay() - date.toEpochDay());
    }
}
