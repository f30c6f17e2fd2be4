package io.stockpulse.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Picks, per series, the candidate with the lowest mean pinball loss (at 0.5 and 0.9, the levels
 * every candidate gives) on the series' own recent past: {@code origins} rolling origins
 * {@code step} days apart inside the history, each forecasting the next {@code step} days that the
 * history already holds (no look-ahead). The first candidate (the model) is the preferred one; when
 * its recent error is worse than a baseline's it is not used, and the reason says so. Ties go to the
 * earlier candidate, so the choice is deterministic.
 *
 * <p>Batched: each candidate is called once per batch, on the batch's histories plus every truncated
 * history of every series, so the model still runs in micro-batches. Cost per series: each candidate
 * forecasts {@code origins + 1} histories instead of one.
 */
public final class AutoForecaster implements Forecaster {

    public static final String MODEL = "auto";
    private static final double[] SCORED_LEVELS = {0.5, 0.9};

    /**
     * @param forecaster the candidate's forecasts
     * @param scoring    what scores it on past origins: itself (one call for both, the model's case), or a
     *                   cheaper variant giving the same daily quantiles (the baselines skip their
     *                   cumulative simulation, which is never scored there)
     */
    public record Candidate(String name, Forecaster forecaster, Forecaster scoring) {
        public Candidate(String name, Forecaster forecaster) {
            this(name, forecaster, forecaster);
        }
    }

    private final List<Candidate> candidates;
    private final int origins;
    private final int step;
    private final int minActiveDays;
    private final int fallback;

    /**
     * @param candidates    the model first, then the baselines
     * @param fallback      index of the candidate used when a series is too short to compare
     * @param minActiveDays active days a truncated history needs, so the comparison is not about
     *                      a forecaster's short-history fallback
     */
    public AutoForecaster(List<Candidate> candidates, int fallback, int origins, int step, int minActiveDays) {
        if (candidates.isEmpty() || fallback < 0 || fallback >= candidates.size() || origins < 1 || step < 1) {
            throw new IllegalArgumentException("need candidates, a fallback among them, origins >= 1 and step >= 1");
        }
        this.candidates = List.copyOf(candidates);
        this.fallback = fallback;
        this.origins = origins;
        this.step = step;
        this.minActiveDays = minActiveDays;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public String version() {
        return origins + "x" + step + "d";
    }

    @Override
    public List<Forecast> forecast(List<DemandHistory> batch, int horizonDays) {
        if (horizonDays < step) {
            throw new IllegalArgumentException("horizon " + horizonDays + " is shorter than the scored step " + step);
        }
        List<DemandHistory> past = new ArrayList<>();
        int[] firstTruncated = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            DemandHistory history = batch.get(i);
            firstTruncated[i] = comparable(history) ? batch.size() + past.size() : -1;
            if (firstTruncated[i] >= 0) {
                for (int k = 1; k <= origins; k++) {
                    past.add(truncated(history, k));
                }
            }
        }
        List<List<Forecast>> byCandidate = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            byCandidate.add(forecastAll(candidate, batch, past, horizonDays));
        }
        List<Forecast> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            if (firstTruncated[i] < 0) {
                out.add(byCandidate.get(fallback).get(i).withReason(candidates.get(fallback).name() + ": "
                        + batch.get(i).activeLength() + " days of history, too few to compare over " + origins
                        + " origins"));
                continue;
            }
            double[] pinball = new double[candidates.size()];
            for (int c = 0; c < candidates.size(); c++) {
                for (int k = 1; k <= origins; k++) {
                    pinball[c] += pinball(byCandidate.get(c).get(firstTruncated[i] + k - 1), actual(batch.get(i), k));
                }
                pinball[c] /= origins;
            }
            int best = best(pinball);
            out.add(byCandidate.get(best).get(i).withReason(reason(best, pinball)));
        }
        return out;
    }

    /** The batch's forecasts followed by the past origins' ones; the model is called once for both. */
    private static List<Forecast> forecastAll(Candidate candidate, List<DemandHistory> batch, List<DemandHistory> past,
                                              int horizonDays) {
        if (candidate.scoring() == candidate.forecaster()) {
            List<DemandHistory> inputs = new ArrayList<>(batch.size() + past.size());
            inputs.addAll(batch);
            inputs.addAll(past);
            return candidate.forecaster().forecast(inputs, horizonDays);
        }
        List<Forecast> out = new ArrayList<>(candidate.forecaster().forecast(batch, horizonDays));
        if (!past.isEmpty()) {
            out.addAll(candidate.scoring().forecast(past, horizonDays));
        }
        return out;
    }

    private boolean comparable(DemandHistory history) {
        return history.activeLength() >= origins * step + minActiveDays;
    }

    /** The history as it was {@code k} steps ago. */
    private DemandHistory truncated(DemandHistory history, int k) {
        int[] daily = Arrays.copyOf(history.daily(), history.daily().length - k * step);
        return new DemandHistory(history.seriesKey(), history.lastDay() - k * step, daily);
    }

    /** The {@code step} days that followed origin {@code k}. */
    private int[] actual(DemandHistory history, int k) {
        int end = history.daily().length - (k - 1) * step;
        return Arrays.copyOfRange(history.daily(), end - step, end);
    }

    /**
     * Mean pinball loss over the scored days and levels; a forecast without a level (e.g. a model's
     * short-history fallback) is scored with its point forecast there, which is what a policy would use.
     */
    static double pinball(Forecast forecast, int[] actual) {
        double sum = 0;
        for (double level : SCORED_LEVELS) {
            float[] q = forecast.quantiles() == null ? null : forecast.quantiles().daily(level);
            float[] values = q != null ? q : forecast.mean();
            for (int d = 0; d < actual.length; d++) {
                sum += QuantileScores.pinball(actual[d], values[d], level);
            }
        }
        return sum / (SCORED_LEVELS.length * actual.length);
    }

    private static int best(double[] pinball) {
        int best = 0;
        for (int c = 1; c < pinball.length; c++) {
            if (pinball[c] < pinball[best]) {
                best = c;
            }
        }
        return best;
    }

    private String reason(int best, double[] pinball) {
        StringBuilder why = new StringBuilder(candidates.get(best).name()).append(": ");
        if (best == 0) {
            why.append(String.format(Locale.ROOT, "pinball %.3f vs ", pinball[0]));
        } else {
            why.append(String.format(Locale.ROOT, "fallback, %s's recent pinball %.3f is worse than %.3f", candidates.get(0).name(),
                    pinball[0], pinball[best]));
        }
        List<String> others = new ArrayList<>();
        for (int c = 1; c < candidates.size(); c++) {
            if (c != best) {
                others.add(String.format(Locale.ROOT, "%s %.3f", candidates.get(c).name(), pinball[c]));
            }
        }
        why.append(best != 0 && !others.isEmpty() ? "; " : "").append(String.join(", ", others));
        return why.append(" over ").append(origins).append(" origins").toString();
    }
}
