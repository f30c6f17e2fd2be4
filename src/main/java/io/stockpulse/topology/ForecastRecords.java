package io.stockpulse.topology;

import io.stockpulse.avro.ForecastUpdate;
import io.stockpulse.avro.internal.SkuState;
import io.stockpulse.avro.internal.StoredForecast;
import io.stockpulse.forecast.Forecast;

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

    static StoredForecast stored(Forecast forecast) {
        return StoredForecast.newBuilder()
                .setModel(forecast.model())
                .setVersion(forecast.version())
                .setFirstDay(forecast.firstDay())
                .setMean(floats(forecast.mean()))
                .setP50(forecast.p50() == null ? null : floats(forecast.p50()))
                .setP90(forecast.p90() == null ? null : floats(forecast.p90()))
                .build();
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
