package io.stockpulse.forecast;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The metadata.json written beside model.onnx by {@code model-export/}: what the graph expects and
 * how to read its output. Only the fields the Java side needs are read; the rest (training range,
 * validation metrics, feature formulas, …) stays in the file for people.
 *
 * @param meanCoefficient c in mean = p50 + c·(p90 − p50), fitted on the training windows
 */
public record ModelMetadata(String name, String version, int window, int horizon, int features, String inputName,
                            String outputName, double meanCoefficient) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public static ModelMetadata read(Path file) throws IOException {
        JsonNode node = JSON.readTree(file.toFile());
        JsonNode onnx = node.path("onnx");
        JsonNode inputShape = onnx.path("input").path("shape");
        return new ModelMetadata(
                node.path("name").asText("demand-lstm"),
                require(node.path("version").asText(null), "version", file),
                node.path("window").asInt(inputShape.path(1).asInt(56)),
                node.path("horizon").asInt(onnx.path("output").path("shape").path(1).asInt(28)),
                inputShape.path(2).asInt(node.path("features").size()),
                onnx.path("input").path("name").asText("input"),
                onnx.path("output").path("name").asText("output"),
                node.path("point_forecast").path("mean_coefficient").asDouble(0));
    }

    private static String require(String value, String field, Path file) throws IOException {
        if (value == null || value.isBlank()) {
            throw new IOException(file + " has no '" + field + "'");
        }
        return value;
    }
}
