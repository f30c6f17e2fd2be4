package io.stockpulse.forecast;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One loaded ONNX LSTM version, through DJL's ONNX Runtime engine. The model is shared; predictors
 * are not thread-safe, so each stream thread asks for its own with {@link #newPredictor()}. Loading
 * runs a probe batch and rejects a model whose input or output shape is not the one its metadata
 * promises, so a bad file never replaces a working model.
 */
public final class OnnxLstmModel implements AutoCloseable {

    /** Input of one inference: {@code size} series of window × features floats, row-major. */
    public record Batch(float[] values, int size) {
    }

    private final Path directory;
    private final ModelMetadata metadata;
    private final ZooModel<Batch, float[]> model;

    private OnnxLstmModel(Path directory, ModelMetadata metadata, ZooModel<Batch, float[]> model) {
        this.directory = directory;
        this.metadata = metadata;
        this.model = model;
    }

    /** Loads {@code directory/model.onnx} described by {@code directory/metadata.json}; validates it. */
    public static OnnxLstmModel load(Path directory) throws ModelLoadException {
        Path metadataFile = directory.resolve("metadata.json");
        if (!Files.isRegularFile(directory.resolve("model.onnx")) || !Files.isRegularFile(metadataFile)) {
            throw new ModelLoadException(directory + " must contain model.onnx and metadata.json");
        }
        ModelMetadata metadata;
        try {
            metadata = ModelMetadata.read(metadataFile);
        } catch (IOException e) {
            throw new ModelLoadException("Unreadable " + metadataFile + ": " + e.getMessage(), e);
        }
        if (metadata.features() != LstmFeatures.FEATURES) {
            throw new ModelLoadException(metadataFile + " declares " + metadata.features() + " features; this version of "
                    + "StockPulse computes " + LstmFeatures.FEATURES);
        }
        ZooModel<Batch, float[]> zooModel;
        try {
            zooModel = Criteria.builder()
                    .setTypes(Batch.class, float[].class)
                    .optModelPath(directory)
                    .optModelName("model")
                    .optEngine("OnnxRuntime")
                    // One intra-op thread per predictor: parallelism comes from the stream threads.
                    .optOption("intraOpNumThreads", "1")
                    .optOption("interOpNumThreads", "1")
                    .optTranslator(new LstmTranslator(metadata))
                    .build()
                    .loadModel();
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            throw new ModelLoadException("ONNX Runtime cannot load " + directory.resolve("model.onnx") + ": "
                    + e.getMessage(), e);
        }
        OnnxLstmModel loaded = new OnnxLstmModel(directory, metadata, zooModel);
        loaded.probe();
        return loaded;
    }

    private void probe() throws ModelLoadException {
        int size = 2;
        float[] input = new float[size * metadata.window() * metadata.features()];
        try (Predictor<Batch, float[]> predictor = newPredictor()) {
            float[] output = predictor.predict(new Batch(input, size));
            int expected = size * metadata.outputRows() * metadata.outputColumns();
            if (output.length != expected) {
                throw new ModelLoadException(directory + ": model output has " + output.length + " values for a batch of "
                        + size + ", expected " + expected + " (batch × (horizon " + metadata.horizon() + " + "
                        + metadata.cumulativeHorizons().length + " cumulative rows) × (" + metadata.levels().length
                        + " levels + mean))");
            }
            for (float value : output) {
                if (!Float.isFinite(value)) {
                    throw new ModelLoadException(directory + ": model output is not finite on a zero history");
                }
            }
        } catch (TranslateException | RuntimeException e) {
            close();
            throw new ModelLoadException(directory + ": model does not run on input [" + size + ", " + metadata.window()
                    + ", " + metadata.features() + "]: " + e.getMessage(), e);
        } catch (ModelLoadException e) {
            close();
            throw e;
        }
    }

    public Predictor<Batch, float[]> newPredictor() {
        return model.newPredictor();
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        model.close();
    }

    /** Builds the input tensor from a flat float array; returns the flat output. Batching is ours. */
    private static final class LstmTranslator implements NoBatchifyTranslator<Batch, float[]> {

        private final ModelMetadata metadata;

        LstmTranslator(ModelMetadata metadata) {
            this.metadata = metadata;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, Batch batch) {
            NDArray array = ctx.getNDManager().create(batch.values(),
                    new Shape(batch.size(), metadata.window(), metadata.features()));
            array.setName(metadata.inputName());
            return new NDList(array);
        }

        @Override
        public float[] processOutput(TranslatorContext ctx, NDList list) {
            NDArray output = list.size() == 1 ? list.singletonOrThrow() : list.get(metadata.outputName());
            return output.toFloatArray();
        }
    }
}
