package io.stockpulse.forecast;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;

import java.util.ArrayList;
import java.util.List;

/**
 * The LSTM forecaster of one stream thread: its own predictor over a shared model, run on
 * micro-batches of at most {@code maxBatch} series. The graph returns p50 and p90 per day; the point
 * forecast the policy uses is p50 + meanCoefficient × (p90 − p50), the coefficient fitted on the
 * validation weeks and shipped in the metadata (demand is intermittent and right-skewed, so the
 * median alone under-forecasts).
 */
public final class OnnxLstmForecaster implements Forecaster {

    private final OnnxLstmModel model;
    private final Predictor<OnnxLstmModel.Batch, float[]> predictor;
    private final int maxBatch;

    public OnnxLstmForecaster(OnnxLstmModel model, int maxBatch) {
        this.model = model;
        this.predictor = model.newPredictor();
        this.maxBatch = maxBatch;
    }

    @Override
    public String model() {
        return model.metadata().name();
    }

    @Override
    public String version() {
        return model.metadata().version();
    }

    /** The raw [batch × horizon × 2] output of the graph for these histories (for parity checks). */
    public float[] predictRaw(List<DemandHistory> batch) throws TranslateException {
        ModelMetadata meta = model.metadata();
        int stride = meta.window() * meta.features();
        float[] input = new float[batch.size() * stride];
        for (int i = 0; i < batch.size(); i++) {
            LstmFeatures.fill(input, i * stride, batch.get(i), meta.window());
        }
        return predictor.predict(new OnnxLstmModel.Batch(input, batch.size()));
    }

    @Override
    public List<Forecast> forecast(List<DemandHistory> batch, int horizonDays) {
        ModelMetadata meta = model.metadata();
        List<Forecast> out = new ArrayList<>(batch.size());
        for (int from = 0; from < batch.size(); from += maxBatch) {
            List<DemandHistory> chunk = batch.subList(from, Math.min(batch.size(), from + maxBatch));
            float[] raw;
            try {
                raw = predictRaw(chunk);
            } catch (TranslateException e) {
                throw new ForecastFailedException("ONNX inference failed for model " + meta.version() + ": " + e.getMessage(), e);
            }
            for (int i = 0; i < chunk.size(); i++) {
                out.add(decode(chunk.get(i), raw, i, horizonDays));
            }
        }
        return out;
    }

    private Forecast decode(DemandHistory history, float[] raw, int row, int horizonDays) {
        ModelMetadata meta = model.metadata();
        int horizon = meta.horizon();
        float[] p50 = new float[horizonDays];
        float[] p90 = new float[horizonDays];
        float[] mean = new float[horizonDays];
        for (int day = 0; day < horizonDays; day++) {
            // Beyond the model's horizon the last modelled week repeats.
            int source = day < horizon ? day : horizon - 7 + (day - horizon) % 7;
            int at = (row * horizon + source) * 2;
            p50[day] = Math.max(0, raw[at]);
            p90[day] = Math.max(p50[day], raw[at + 1]);
            mean[day] = (float) (p50[day] + meta.meanCoefficient() * (p90[day] - p50[day]));
        }
        return new Forecast(history.seriesKey(), model(), version(), history.lastDay() + 1, mean, p50, p90);
    }

    @Override
    public void close() {
        predictor.close();
    }
}
