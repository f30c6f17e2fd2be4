package io.stockpulse.forecast;

import java.util.ArrayList;
import java.util.List;

/**
 * Forecasts no demand, with every quantile 0: the reference row of a backtest. On lumpy wholesale
 * demand it scores deceptively well on RMSSE and pinball at the median, so a forecaster is only
 * useful where it beats this row on the figures the decisions use (upper quantiles, lead-time demand).
 */
public final class ZeroForecaster implements Forecaster {

    public static final String MODEL = "zero";

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public List<Forecast> forecast(List<DemandHistory> batch, int horizonDays) {
        List<Forecast> out = new ArrayList<>(batch.size());
        double[] levels = EmpiricalDemand.LEVELS;
        int[] horizons = EmpiricalDemand.HORIZONS;
        for (DemandHistory history : batch) {
            out.add(new Forecast(history.seriesKey(), MODEL, version(), history.lastDay() + 1, new float[horizonDays],
                    EmpiricalDemand.flat(levels, new double[levels.length], horizonDays, horizons,
                            new float[levels.length][horizons.length]), null));
        }
        return out;
    }
}
