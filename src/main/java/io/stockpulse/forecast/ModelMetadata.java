package io.stockpulse.forecast;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The metadata.json written beside model.onnx by {@code model-export/} (contract 2): what the graph
 * expects and how to read its output. Only the fields the Java side needs are read; the rest of the
 * model card (training data range and sha256, validation figures, feature formulas, …) stays in the
 * file for people.
 *
 * <p>Output {@code [batch, horizon + cumulativeHorizons.length, levels.length + 1]}: one row per
 * forecast day, then one per cumulative horizon; one column per quantile level, the last one the mean.
 *
 * @param window             history days fed to the graph (input {@code [batch, window, features]})
 * @param levels             quantile levels, ascending
 * @param cumulativeHorizons horizons (days) of the cumulative-demand rows, ascending
 * @param calibration        the recalibration to apply to the quantiles
 * @param pointBlend         NaN: the point forecast is the mean column; else c in p50 + c·(p90 − p50) of the
 *                           calibrated daily quantiles (the rule with the lowest RMSSE on the calibration weeks)
 */
public record ModelMetadata(String name, String version, int window, int horizon, int features, String inputName,
                            String outputName, double[] levels, int[] cumulativeHorizons, CalibrationTable calibration,
                            double pointBlend) {

    public static final int CONTRACT = 2;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Rows of the output per series. */
    public int outputRows() {
        return horizon + cumulativeHorizons.length;
    }

    /** Columns of the output per row: the levels, then the mean. */
    public int outputColumns() {
        return levels.length + 1;
    }

    public static ModelMetadata read(Path file) throws IOException {
        JsonNode node = JSON.readTree(file.toFile());
        if (node.path("contract").asInt(1) != CONTRACT) {
            throw new IOException(file + " describes a model of contract " + node.path("contract").asInt(1)
                    + "; this version of StockPulse reads contract " + CONTRACT + " (quantile levels, cumulative rows, mean)");
        }
        JsonNode onnx = node.path("onnx");
        JsonNode inputShape = onnx.path("input").path("shape");
        double[] levels = doubles(node.path("levels"), "levels", file);
        int[] horizons = new int[node.path("cumulative_horizons").size()];
        for (int i = 0; i < horizons.length; i++) {
            horizons[i] = node.path("cumulative_horizons").get(i).asInt();
        }
        return new ModelMetadata(
                node.path("name").asText("demand-lstm"),
                require(node.path("version").asText(null), "version", file),
                node.path("window").asInt(inputShape.path(1).asInt(0)),
                node.path("horizon").asInt(28),
                inputShape.path(2).asInt(node.path("features").size()),
                onnx.path("input").path("name").asText("input"),
                onnx.path("output").path("name").asText("output"),
                levels, horizons,
                CalibrationTable.read(node.path("calibration"), levels.length, 1 + horizons.length,
                        node.path("lstm_window").asInt(56)),
                pointBlend(node.path("point_forecast"), levels, file));
    }

    private static double pointBlend(JsonNode point, double[] levels, Path file) throws IOException {
        if (!"blend".equals(point.path("rule").asText())) {
            return Double.NaN;
        }
        if (indexOf(levels, 0.5) < 0 || indexOf(levels, 0.9) < 0 || !point.path("coefficient").isNumber()) {
            throw new IOException(file + ": point_forecast 'blend' needs levels 0.5 and 0.9 and a numeric coefficient");
        }
        return point.path("coefficient").asDouble();
    }

    static int indexOf(double[] levels, double level) {
        for (int i = 0; i < levels.length; i++) {
            if (Math.abs(levels[i] - level) < 1e-9) {
                return i;
            }
        }
        return -1;
    }

    private static double[] doubles(JsonNode array, String field, Path file) throws IOException {
        if (!array.isArray() || array.isEmpty()) {
            throw new IOException(file + " has no '" + field + "'");
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static String require(String value, String field, Path file) throws IOException {
        if (value == null || value.isBlank()) {
            throw new IOException(file + " has no '" + field + "'");
        }
        return value;
    }
}
