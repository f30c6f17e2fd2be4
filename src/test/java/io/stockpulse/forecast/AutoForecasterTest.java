package io.stockpulse.forecast;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AutoForecasterTest {

    /** A stand-in for the model: a fixed flat forecast (with p50 = p90 = it), counting its calls. */
    private static final class FixedModel implements Forecaster {
        final float level;
        final List<List<DemandHistory>> calls = new ArrayList<>();

        FixedModel(float level) {
            this.level = level;
        }

        @Override
        public String model() {
            return "demand-lstm";
        }

        @Override
        public String version() {
            return "test";
        }

        @Override
        public List<Forecast> forecast(List<DemandHistory> batch, int horizonDays) {
            calls.add(List.copyOf(batch));
            List<Forecast> out = new ArrayList<>();
            for (DemandHistory h : batch) {
                float[] values = new float[horizonDays];
                Arrays.fill(values, level);
                out.add(new Forecast(h.seriesKey(), model(), version(), h.lastDay() + 1, values, values, values));
            }
            return out;
        }
    }

    private static DemandHistory steady(String key, int days, int units) {
        int[] daily = new int[days];
        Arrays.fill(daily, units);
        return new DemandHistory(key, 1000, daily);
    }

    @Test
    void aBaselineThatClearlyWinsIsChosenAndTheReasonSaysSo() {
        // 3 units every day: the moving average with empirical quantiles is exact (pinball 0); a model
        // forecasting 20 a day loses 0.5·17 at p50 and 0.1·17 at p90 → 5.1 a day on each origin.
        FixedModel model = new FixedModel(20);
        Forecast f = Forecasters.auto(model, 28, 14).forecast(List.of(steady("steady", 120, 3)), 28).get(0);
        assertThat(f.model()).isEqualTo(EmpiricalQuantileForecaster.MODEL);
        assertThat(f.mean()[0]).isEqualTo(3f);
        assertThat(f.reason()).startsWith("moving-average-eq: fallback, lstm's recent pinball 5.100 is worse than 0.000")
                .endsWith("over 4 origins");
    }

    @Test
    void theModelIsKeptWhereItsRecentErrorIsLowest() {
        // 7 units every Monday: a model that repeats last week (p50 = p90 = it) is exact; the moving average
        // with empirical quantiles (p50 0, p90 7 over 4 weeks) and TSB both lose on the Mondays or the rest.
        int[] daily = new int[120];
        for (int i = 0; i < daily.length; i += 7) {
            daily[i] = 7;
        }
        Forecaster weekly = new Forecaster() {
            private final SeasonalNaiveForecaster naive = new SeasonalNaiveForecaster(7);

            @Override
            public String model() {
                return "demand-lstm";
            }

            @Override
            public String version() {
                return "test";
            }

            @Override
            public List<Forecast> forecast(List<DemandHistory> batch, int horizonDays) {
                return naive.forecast(batch, horizonDays).stream()
                        .map(f -> new Forecast(f.seriesKey(), model(), version(), f.firstDay(), f.mean(), f.mean(), f.mean()))
                        .toList();
            }
        };
        Forecast f = Forecasters.auto(weekly, 28, 14).forecast(List.of(new DemandHistory("weekly", 1000, daily)), 28).get(0);
        assertThat(f.model()).isEqualTo("demand-lstm");
        assertThat(f.reason()).matches("lstm: pinball 0\\.000 vs moving-average-eq 0\\.\\d{3}, tsb 0\\.\\d{3} over 4 origins");
        assertThat(f.reason()).doesNotContain("moving-average-eq 0.000").doesNotContain("tsb 0.000");
    }

    @Test
    void oneModelCallPerBatchWithEveryOriginAndNoLookAhead() {
        FixedModel model = new FixedModel(1);
        List<DemandHistory> batch = List.of(steady("a", 120, 1), steady("b", 120, 2), steady("short", 20, 5));
        List<Forecast> out = Forecasters.auto(model, 28, 14).forecast(batch, 28);
        assertThat(model.calls).hasSize(1);
        // the 3 series themselves, then 4 truncated histories for each of the 2 long enough to compare
        List<DemandHistory> inputs = model.calls.get(0);
        assertThat(inputs).hasSize(3 + 2 * 4);
        assertThat(inputs.subList(3, 7)).extracting(DemandHistory::lastDay).containsExactly(993, 986, 979, 972);
        assertThat(inputs.subList(3, 7)).extracting(h -> h.daily().length).containsExactly(113, 106, 99, 92);
        assertThat(out.get(0).model()).isEqualTo("demand-lstm");     // exact on "a": ties go to the model
        assertThat(out.get(0).reason()).startsWith("lstm: pinball 0.000 vs");
        assertThat(out.get(2).model()).isEqualTo(EmpiricalQuantileForecaster.MODEL);
        assertThat(out.get(2).reason()).isEqualTo("moving-average-eq: 20 days of history, too few to compare over 4 origins");
    }

    @Test
    void sameInputSameChoice() {
        int[] lumpy = {0, 0, 12, 0, 1, 0, 0, 30, 0, 0, 2, 0, 0, 0, 5, 0, 0, 9, 0, 0, 0};
        int[] daily = new int[lumpy.length * 5];
        for (int i = 0; i < daily.length; i++) {
            daily[i] = lumpy[i % lumpy.length];
        }
        List<DemandHistory> batch = List.of(new DemandHistory("lumpy", 2000, daily));
        Forecast first = Forecasters.auto(new FixedModel(2), 28, 14).forecast(batch, 28).get(0);
        Forecast again = Forecasters.auto(new FixedModel(2), 28, 14).forecast(batch, 28).get(0);
        assertThat(again.reason()).isEqualTo(first.reason());
        assertThat(again.quantiles()).isEqualTo(first.quantiles());
    }
}
