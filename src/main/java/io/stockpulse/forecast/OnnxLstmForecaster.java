package io.stockpulse.forecast;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;

import java.util.ArrayList;
import java.util.List;

/**
 * The model forecaster of one stream thread: its own predictor over a shared model, run on
 * micro-batches of at most {@code maxBatch} series. The graph gives, per series, quantiles at every
 * level of the daily demand and of the cumulative demand over a few horizons, and a mean per day
 * (its own head, trained for squared error). The quantiles are recalibrated with the metadata's
 * table before they leave here. The point forecast is the mean column, or, when the metadata's
 * {@code point_forecast} says so, p50 + c·(p90 − p50) of the calibrated quantiles: the rule with the
 * lower RMSSE on the calibration weeks (lumpy demand punishes a mean that chases single large orders).
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

    /** The raw [batch × rows × columns] output of the graph for these histories (for parity checks). */
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

    /** Row {@code row} of the raw output as a Forecast: calibrated quantiles, mean from the mean column. */
    private Forecast decode(DemandHistory history, float[] raw, int row, int horizonDays) {
        ModelMetadata meta = model.metadata();
        int horizon = meta.horizon();
        int levels = meta.levels().length;
        int columns = meta.outputColumns();
        int base = row * meta.outputRows() * columns;
        float[][] daily = new float[levels][horizonDays];
        float[] mean = new float[horizonDays];
        for (int day = 0; day < horizonDays; day++) {
            // Beyond the model's horizon the last modelled week repeats.
            int source = day < horizon ? day : horizon - 7 + (day - horizon) % 7;
            int at = base + source * columns;
            for (int l = 0; l < levels; l++) {
                daily[l][day] = raw[at + l];
            }
            mean[day] = Math.max(0f, raw[at + levels]);
        }
        int[] horizons = meta.cumulativeHorizons();
        float[][] cumulative = new float[levels][horizons.length];
        for (int h = 0; h < horizons.length; h++) {
            int at = base + (horizon + h) * columns;
            for (int l = 0; l < levels; l++) {
                cumulative[l][h] = raw[at + l];
            }
        }
        CalibrationTable calibration = meta.calibration();
        calibration.apply(daily, cumulative, calibration.scaleOf(history));
        if (!Double.isNaN(meta.pointBlend())) {
            float[] p50 = daily[ModelMetadata.indexOf(meta.levels(), 0.5)];
            float[] p90 = daily[ModelMetadata.indexOf(meta.levels(), 0.9)];
            for (int day = 0; day < horizonDays; day++) {
                mean[day] = (float) (p50[day] + meta.pointBlend() * (p90[day] - p50[day]));
            }
        }
        ForecastQuantiles quantiles = new ForecastQuantiles(meta.levels().clone(), daily, horizons.clone(), cumulative);
        return new Forecast(history.seriesKey(), model(), version(), history.lastDay() + 1, mean, quantiles, null);
    }

    @Override
    public void close() {
        predictor.close();
    }
}
