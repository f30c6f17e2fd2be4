package io.stockpulse.forecast;

/** Builds the configured forecaster by name. */
public final class Forecasters {

    private Forecasters() {
    }

    public static ForecasterProvider baseline(String name, int movingAverageWindow) {
        return switch (name) {
            case MovingAverageForecaster.MODEL -> ForecasterProvider.shared(new MovingAverageForecaster(movingAverageWindow));
            case SeasonalNaiveForecaster.MODEL -> ForecasterProvider.shared(new SeasonalNaiveForecaster(7));
            default -> throw new IllegalArgumentException("unknown forecaster '" + name + "'");
        };
    }
}
