package io.stockpulse.topology;

import io.stockpulse.avro.ForecastUpdate;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.avro.internal.StoredCumulativeQuantiles;
import io.stockpulse.avro.internal.StoredForecast;
import io.stockpulse.forecast.Forecast;
import io.stockpulse.forecast.ForecastQuantiles;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A new forecast as the two records it becomes: the compact copy kept in the state (floats, epoch
 * days; scored at later closes) and the published update (doubles, dates, the series' classes).
 */
final class ForecastRecords {

    private ForecastRecords() {
    }

    /**
     * The copy kept in the state; with {@code keepCumulative} (decision.lead-time-demand=forecast) also the
     * cumulative quantiles the plan reads, which cost ~100 bytes per state and are otherwise not needed.
     */
    static StoredForecast stored(Forecast forecast, boolean keepCumulative) {
        ForecastQuantiles q = forecast.quantiles();
        return StoredForecast.newBuilder()
                .setModel(forecast.model())
                .setVersion(forecast.version())
                .setFirstDay(forecast.firstDay())
                .setMean(floats(forecast.mean()))
                .setP50(forecast.p50() == null ? null : floats(forecast.p50()))
                .setP90(forecast.p90() == null ? null : floats(forecast.p90()))
                .setCumulative(keepCumulative && q != null && q.hasCumulative() ? cumulative(q) : null)
                .build();
    }

    private static StoredCumulativeQuantiles cumulative(ForecastQuantiles q) {
        List<Double> levels = new ArrayList<>(q.levels().length);
        List<Float> values = new ArrayList<>(q.levels().length * q.horizons().length);
        for (int level = 0; level < q.levels().length; level++) {
            levels.add(q.levels()[level]);
            for (int h = 0; h < q.horizons().length; h++) {
                values.add(q.cumulative()[level][h]);
            }
        }
        List<Integer> horizons = new ArrayList<>(q.horizons().length);
        for (int horizon : q.horizons()) {
            horizons.add(horizon);
        }
        return StoredCumulativeQuantiles.newBuilder().setLevels(levels).setHorizons(horizons).setValues(values).build();
    }

    /** The stored cumulative quantiles as the forecaster gave them (no daily rows), or null. */
    static ForecastQuantiles cumulative(StoredForecast stored) {
        StoredCumulativeQuantiles c = stored == null ? null : stored.getCumulative();
        if (c == null) {
            return null;
        }
        int levels = c.getLevels().size();
        int horizons = c.getHorizons().size();
        double[] levelArray = new double[levels];
        float[][] rows = new float[levels][horizons];
        for (int level = 0; level < levels; level++) {
            levelArray[level] = c.getLevels().get(level);
            for (int h = 0; h < horizons; h++) {
                rows[level][h] = c.getValues().get(level * horizons + h);
            }
        }
        int[] horizonArray = c.getHorizons().stream().mapToInt(Integer::intValue).toArray();
        return new ForecastQuantiles(levelArray, new float[levels][0], horizonArray, rows);
    }

    static ForecastUpdate update(SkuState state, Forecast forecast, long streamTime) {
        return ForecastUpdate.newBuilder()
                .setSku(state.getSku())
                .setLocationId(state.getLocationId())
                .setModel(forecast.model())
                .setModelVersion(forecast.version())
                .setFirstDay(LocalDate.ofEpochDay(forecast.firstDay()))
                .setMean(doubles(forecast.mean()))
                .setP50(forecast.p50() == null ? null : doubles(forecast.p50()))
                .setP90(forecast.p90() == null ? null : doubles(forecast.p90()))
                .setAt(Instant.ofEpochMilli(streamTime))
                .setAbcClass(state.getAbcClass())
                .setXyzClass(state.getXyzClass())
                .setReason(forecast.reason())
                .build();
    }

    private static List<Float> floats(float[] values) {
        List<Float> out = new ArrayList<>(values.length);
        for (float value : values) {
            out.add(value);
        }
        return out;
    }

    private static List<Double> doubles(float[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (float value : values) {
            out.add((double) value);
        }
        return out;
    }
}
