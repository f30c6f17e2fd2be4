package io.stockpulse.forecast;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The LSTM shipped inside the jar ({@code src/main/resources/models/demand-lstm}), produced by model-export/. */
public final class BundledModel {

    private static final String RESOURCE_DIR = "/models/demand-lstm/";

    private BundledModel() {
    }

    public static boolean present() {
        return BundledModel.class.getResource(RESOURCE_DIR + "model.onnx") != null;
    }

    /** Copies model.onnx and metadata.json into a new directory under {@code parent}; returns it. */
    public static Path extract(Path parent) {
        try {
            Files.createDirectories(parent);
            Path dir = Files.createTempDirectory(parent, "demand-lstm-");
            for (String file : new String[] {"model.onnx", "metadata.json"}) {
                try (InputStream in = BundledModel.class.getResourceAsStream(RESOURCE_DIR + file)) {
                    if (in == null) {
                        throw new IOException("the jar has no " + RESOURCE_DIR + file);
                    }
                    Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract the bundled model: " + e.getMessage(), e);
        }
    }
}
