package io.stockpulse.forecast;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;

/**
 * The split-conformal recalibration shipped in metadata.json ({@code calibration}), applied to the
 * model's quantiles exactly as {@code model-export/stockpulse_model/calibration.py} does. A pure
 * function of the model output and the history, so it is tested with hand-worked numbers.
 *
 * <p>For a series of scale {@code s} (mean of the last {@code scaleWindow} daily units + 1, the
 * graph's own scale) in volume band {@code b}, target {@code g} (0 = daily, 1.. = cumulative
 * horizons) and level {@code l}: {@code q' = max(0, q + shift[b][g][l] · s)}, then a running maximum
 * over the levels and, for the cumulative quantiles, over the horizons, so the result stays monotone
 * even where two neighbouring shifts pull in opposite directions. The shift is in units of the
 * scale because the conformal scores were: that is what lets one table serve slow and fast movers.
 *
 * @param scaleWindow     days behind the scale
 * @param bandUpperBounds scale bounds between the volume bands (band = number of bounds <= scale)
 * @param shift           {@code shift[band][target][level]}
 */
public record CalibrationTable(int scaleWindow, double[] bandUpperBounds, double[][][] shift) {

    /** No recalibration (a model without a table, or tests of the raw graph). */
    public static CalibrationTable none(int levels, int targets) {
        return new CalibrationTable(56, new double[0], new double[1][targets][levels]);
    }

    /** Reads {@code calibration} of metadata.json; checks its dimensions against the model's. */
    static CalibrationTable read(JsonNode node, int levels, int targets, int defaultScaleWindow) throws IOException {
        if (node.isMissingNode() || node.isNull()) {
            return none(levels, targets);
        }
        JsonNode bounds = node.path("band_upper_bounds");
        double[] upper = new double[bounds.size()];
        for (int i = 0; i < upper.length; i++) {
            upper[i] = bounds.get(i).asDouble();
        }
        JsonNode shifts = node.path("shift");
        if (shifts.size() != upper.length + 1) {
            throw new IOException("calibration.shift has " + shifts.size() + " bands, expected " + (upper.length + 1));
        }
        double[][][] shift = new double[shifts.size()][targets][levels];
        for (int b = 0; b < shift.length; b++) {
            if (shifts.get(b).size() != targets) {
                throw new IOException("calibration.shift[" + b + "] has " + shifts.get(b).size() + " targets, expected " + targets);
            }
            for (int g = 0; g < targets; g++) {
                JsonNode row = shifts.get(b).get(g);
                if (row.size() != levels) {
                    throw new IOException("calibration.shift[" + b + "][" + g + "] has " + row.size() + " levels, expected " + levels);
                }
                for (int l = 0; l < levels; l++) {
                    shift[b][g][l] = row.get(l).asDouble();
                }
            }
        }
        return new CalibrationTable(node.path("scale_window").asInt(defaultScaleWindow), upper, shift);
    }

    /** The graph's scale: mean of the last {@code scaleWindow} days (negative counted as 0) + 1. */
    public double scaleOf(DemandHistory history) {
        int[] days = history.lastDays(scaleWindow);
        double sum = 0;
        for (int units : days) {
            sum += Math.max(0, units);
        }
        return sum / scaleWindow + 1.0;
    }

    public int bandOf(double scale) {
        int band = 0;
        while (band < bandUpperBounds.length && scale >= bandUpperBounds[band]) {
            band++;
        }
        return band;
    }

    /**
     * Recalibrates in place: {@code daily[level][day]} and {@code cumulative[level][horizon]} (the
     * latter may have zero horizons).
     */
    public void apply(float[][] daily, float[][] cumulative, double scale) {
        double[][] bandShift = shift[bandOf(scale)];
        int levels = daily.length;
        for (int l = 0; l < levels; l++) {
            for (int d = 0; d < daily[l].length; d++) {
                daily[l][d] = shifted(daily[l][d], bandShift[0][l], scale, l == 0 ? 0f : daily[l - 1][d]);
            }
        }
        int horizons = cumulative.length == 0 ? 0 : cumulative[0].length;
        for (int l = 0; l < levels; l++) {
            for (int h = 0; h < horizons; h++) {
                float floor = Math.max(l == 0 ? 0f : cumulative[l - 1][h], h == 0 ? 0f : cumulative[l][h - 1]);
                cumulative[l][h] = shifted(cumulative[l][h], bandShift[1 + h][l], scale, floor);
            }
        }
    }

    private static float shifted(float value, double shift, double scale, float floor) {
        return (float) Math.max(floor, Math.max(0.0, value + shift * scale));
    }
}
