package io.stockpulse.topology;

import io.stockpulse.avro.ForecastUpdate;
import io.stockpulse.forecast.ForecasterProvider;
import io.stockpulse.forecast.Forecasters;
import io.stockpulse.forecast.MovingAverageForecaster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code forecast.model=auto} the day close publishes why each series got its forecaster. */
class ForecastReasonTopologyTest {

    // the moving average stands in for the LSTM: the topology only carries what the forecaster says
    private final TopologyFixture f = new TopologyFixture(InventorySettings.defaults(), new Properties(),
            ForecasterProvider.shared(Forecasters.auto(new MovingAverageForecaster(28), 28, 14)));

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void theReasonReachesTheForecastUpdate() {
        f.sale("F", 4, "2011-03-01T10:00:00Z");
        f.sale("G", 1, "2011-03-02T10:00:00Z"); // moves stream time past 1 March + grace
        List<ForecastUpdate> updates = f.forecasts.readValuesToList();
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).getModel()).isEqualTo("moving-average-eq");
        assertThat(updates.get(0).getReason())
                .isEqualTo("moving-average-eq: 1 days of history, too few to compare over 4 origins");
        assertThat(updates.get(0).getP90()).isNotNull();
    }
}
