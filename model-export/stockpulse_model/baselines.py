"""Reference forecasters, mirroring the Java ones where they exist.

All take `hist` [S, T] (daily units up to the day before the origin, oldest first, zero-filled
from the start of the data) and return [S, H] forecasts.
"""
from __future__ import annotations

import warnings

import numpy as np


def active_length(hist: np.ndarray) -> np.ndarray:
    nz = hist > 0
    t = hist.shape[1]
    return np.where(nz.any(axis=1), t - nz.argmax(axis=1), 0)


def seasonal_naive(hist: np.ndarray, horizon: int, season: int = 7) -> np.ndarray:
    """Java SeasonalNaiveForecaster: day h repeats lastDays(season)[h % season]."""
    last = hist[:, -season:]
    return np.stack([last[:, h % season] for h in range(horizon)], axis=1)


def moving_average(hist: np.ndarray, horizon: int, window: int = 28) -> np.ndarray:
    """Java MovingAverageForecaster: mean of the last max(min(window, activeLength), 7) days."""
    days = np.clip(np.minimum(window, active_length(hist)), min(7, window), None)
    t = hist.shape[1]
    idx = np.arange(t)[None, :]
    mask = idx >= (t - days)[:, None]
    mean = (hist * mask).sum(axis=1) / days
    return np.repeat(mean[:, None], horizon, axis=1)


def empirical_quantiles(hist: np.ndarray, horizon: int, window: int = 28, qs=(0.5, 0.9)):
    """Flat p50/p90 = empirical quantiles (numpy 'linear') of the last `window` days."""
    out = []
    for q in qs:
        v = np.quantile(hist[:, -window:], q, axis=1)
        out.append(np.repeat(v[:, None], horizon, axis=1))
    return out


def ses(hist: np.ndarray, horizon: int, alphas=None, fit_days: int = 364) -> tuple[np.ndarray, np.ndarray]:
    """Simple exponential smoothing, vectorised over SKUs. Fitted on the last `fit_days` days:
    level starts at the mean of the first 7 of them, alpha (per SKU) from a grid minimising the
    in-sample one-step squared error counted from the SKU's first sale. Flat forecast."""
    if alphas is None:
        alphas = np.array([0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9])
    y = hist[:, -fit_days:].astype(np.float64)
    s, t = y.shape
    nz = y > 0
    first = np.where(nz.any(axis=1), nz.argmax(axis=1), t)
    best_sse = np.full(s, np.inf)
    best_level = np.zeros(s)
    best_alpha = np.zeros(s)
    for a in alphas:
        level = y[:, :7].mean(axis=1)
        sse = np.zeros(s)
        for j in range(t):
            err = y[:, j] - level
            sse += np.where(j >= first, err * err, 0.0)
            level = level + a * err
        better = sse < best_sse
        best_sse = np.where(better, sse, best_sse)
        best_level = np.where(better, level, best_level)
        best_alpha = np.where(better, a, best_alpha)
    return np.repeat(best_level[:, None], horizon, axis=1), best_alpha


def ets_weekly(hist: np.ndarray, horizon: int, fit_days: int = 364) -> np.ndarray:
    """statsmodels Holt-Winters: additive weekly seasonality, no trend, fitted per SKU on the
    last `fit_days` days (estimated by statsmodels' default optimiser). Clipped at 0."""
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    out = np.zeros((hist.shape[0], horizon))
    y_all = hist[:, -fit_days:].astype(np.float64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for i, y in enumerate(y_all):
            try:
                fit = ExponentialSmoothing(y, trend=None, seasonal="add", seasonal_periods=7,
                                           initialization_method="estimated").fit()
                out[i] = fit.forecast(horizon)
            except Exception:  # pragma: no cover - degenerate series
                out[i] = y[-28:].mean()
    return np.clip(out, 0.0, None)
