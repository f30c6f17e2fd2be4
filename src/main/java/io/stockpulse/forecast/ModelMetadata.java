package io.stockpulse.forecast;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The metadata.json written beside model.onnx by {@code model-export/}: what the graph expects and
 * how to read its output. Only the fields the Java side needs are mapped; the rest (training range,
 * validation metrics, …) stays in the file for people.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelMetadata(
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("window") int window,
        @JsonProperty("horizon") int horizon,
        @JsonProperty("n_features") int features,
        @JsonProperty("input_name") String inputName,
        @JsonProperty("output_name") String outputName,
        @JsonProperty("mean_coef") double meanCoefficient) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public static ModelMetadata read(Path file) throws IOException {
        JsonNode node = JSON.readTree(file.toFile());
        ModelMetadata raw = JSON.treeToValue(node, ModelMetadata.class);
        // Older or hand-written metadata may nest or omit some fields: fill the contract's defaults.
        return new ModelMetadata(
                raw.name == null ? "demand-lstm" : raw.name,
                require(raw.version, "version", file),
                raw.window > 0 ? raw.window : intAt(node, "input", "window", 56),
                raw.horizon > 0 ? raw.horizon : intAt(node, "output", "horizon", 28),
                raw.features > 0 ? raw.features : node.path("features").size() > 0 ? node.path("features").size() : 4,
                raw.inputName == null ? "input" : raw.inputName,
                raw.outputName == null ? "output" : raw.outputName,
                raw.meanCoefficient);
    }

    private static int intAt(JsonNode node, String parent, String field, int fallback) {
        JsonNode value = node.path(parent).path(field);
        return value.isInt() ? value.asInt() : fallback;
    }

    private static String require(String value, String field, Path file) throws IOException {
        if (value == null || value.isBlank()) {
            throw new IOException(file + " has no '" + field + "'");
        }
        return value;
    }
}
