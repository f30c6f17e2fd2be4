"""Forecast accuracy metrics (all over a block of SKUs x horizon days)."""
from __future__ import annotations

import numpy as np


def naive_scale(insample: np.ndarray) -> np.ndarray:
    """M5 RMSSE denominator per SKU: mean squared one-step naive error over the in-sample
    period, counted from the SKU's first non-zero day up to the day before the origin.
    insample: [S, T] (zeros before the first sale are skipped). Returns [S] (0 = no variation)."""
    s, t = insample.shape
    nz = insample > 0
    first = np.where(nz.any(axis=1), nz.argmax(axis=1), t)
    d2 = np.diff(insample, axis=1) ** 2               # [S, T-1], d2[:, j] = (y[j+1]-y[j])^2
    idx = np.arange(t - 1)[None, :]
    mask = idx >= first[:, None]                       # differences starting at/after the first sale
    n = mask.sum(axis=1)
    tot = (d2 * mask).sum(axis=1)
    return np.where(n > 0, tot / np.maximum(n, 1), 0.0)


def pinball_sum(actual: np.ndarray, q_pred: np.ndarray, q: float) -> float:
    diff = actual - q_pred
    return float(np.maximum(q * diff, (q - 1.0) * diff).sum())


def score(actual: np.ndarray, point: np.ndarray, scale: np.ndarray,
          p50: np.ndarray | None = None, p90: np.ndarray | None = None) -> dict:
    """actual/point/p50/p90: [S, H]; scale: [S] from naive_scale (> 0)."""
    actual = actual.astype(np.float64)
    point = point.astype(np.float64)
    tot = actual.sum()
    mse = ((actual - point) ** 2).mean(axis=1)
    out = {
        "rmsse": float(np.mean(np.sqrt(mse / scale))),
        "wape": float(np.abs(point - actual).sum() / tot),
        "bias": float((point - actual).sum() / tot),
        "p90_coverage": None,
        "pinball_p50": None,
        "pinball_p90": None,
    }
    if p50 is not None:
        out["pinball_p50"] = pinball_sum(actual, p50.astype(np.float64), 0.5) / tot
    if p90 is not None:
        out["pinball_p90"] = pinball_sum(actual, p90.astype(np.float64), 0.9) / tot
        out["p90_coverage"] = float((actual <= p90).mean())
    return out


def abc_classes(value: np.ndarray, a_share: float = 0.8, b_share: float = 0.15) -> np.ndarray:
    """'A'/'B'/'C' per series by trailing sales value (Pareto, as the stream's ABC aggregator: the
    series that crosses a line still belongs to the class above)."""
    order = np.argsort(-value, kind="stable")
    total = value.sum()
    before = np.concatenate([[0.0], np.cumsum(value[order])[:-1]]) / max(total, 1e-12)
    cls = np.where(before < a_share, "A", np.where(before < a_share + b_share, "B", "C"))
    out = np.empty(len(value), dtype="<U1")
    out[order] = cls
    return out


def score_v2(actual: np.ndarray, point: np.ndarray, scale: np.ndarray, levels, q_daily=None, q_cum=None,
             cum_horizons=()) -> dict:
    """actual/point [S, H]; scale [S] (naive MSE > 0); q_daily [S, H, L]; q_cum [S, K, L].
    Pinball: mean over levels of sum pinball / sum y (daily). Coverage: share with y <= q."""
    actual = actual.astype(np.float64)
    tot = max(actual.sum(), 1e-12)
    out = {
        "rmsse": float(np.mean(np.sqrt(((actual - point) ** 2).mean(axis=1) / scale))),
        "wape": float(np.abs(point - actual).sum() / tot),
        "bias": float((point - actual).sum() / tot),
    }
    if q_daily is not None:
        lv = [l for l in levels][:q_daily.shape[2]]
        out["pinball_mean"] = float(np.mean([pinball_sum(actual, q_daily[:, :, i], q) / tot for i, q in enumerate(lv)]))
        out["coverage_daily"] = {str(q): float((actual <= q_daily[:, :, i] + 1e-9).mean()) for i, q in enumerate(lv)}
    if q_cum is not None:
        cs = np.cumsum(actual, axis=1)
        out["coverage_cumulative"] = {
            str(h): {str(q): float((cs[:, h - 1] <= q_cum[:, k, i] + 1e-9).mean()) for i, q in enumerate(levels)}
            for k, h in enumerate(cum_horizons)}
    return out
