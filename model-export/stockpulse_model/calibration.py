"""Split-conformal recalibration of the quantile outputs, per level, target and volume band.

Fitted on rolling origins held out of training (the weeks just before the cutoff). For each volume
band b (by the series scale = mean of the last WINDOW days + 1, which Java computes from the same
history), target g (daily, pooled over the 28 days; cumulative 7/14/28 days) and level l, the
score of a window is s = (y - q) / scale and the shift is the level-l empirical quantile of s
(numpy 'higher', so at least a share l of calibration windows is covered):

  q' = max(0, q + shift[b][g][l] * scale), then a running max over levels (and, for the cumulative
  rows, over horizons) so the outputs stay monotone.

The shifts are in units of the scale, so they carry over between series levels. Java applies the
same table (CalibrationTable).
"""
from __future__ import annotations

import numpy as np

from . import CUM_HORIZONS, HORIZON, LEVELS, WINDOW

TARGETS = ["daily"] + ["cumulative_%d" % h for h in CUM_HORIZONS]
BAND_UPPER_BOUNDS = [2.0, 6.0]   # scale < 2 (about < 1 unit/day), 2..6, >= 6


def series_scale(x: np.ndarray, window: int = WINDOW) -> np.ndarray:
    """[N] float64: mean of the last `window` raw units + 1, as the graph's scale."""
    return np.clip(x[:, -window:, 0].astype(np.float64), 0, None).mean(axis=1) + 1.0


def band_of(scale: np.ndarray, bounds=BAND_UPPER_BOUNDS) -> np.ndarray:
    return np.searchsorted(np.asarray(bounds), scale, side="right")


def target_values(out: np.ndarray, y: np.ndarray):
    """Per target: (predicted quantiles [N, n, L], actual [N, n]) with n = 28 days or 1 horizon."""
    cs = np.cumsum(y.astype(np.float64), axis=1)
    res = [(out[:, :HORIZON, :len(LEVELS)].astype(np.float64), y.astype(np.float64))]
    for k, h in enumerate(CUM_HORIZONS):
        res.append((out[:, HORIZON + k:HORIZON + k + 1, :len(LEVELS)].astype(np.float64), cs[:, h - 1:h]))
    return res


def fit(out: np.ndarray, y: np.ndarray, x: np.ndarray, bounds=BAND_UPPER_BOUNDS, min_windows: int = 200) -> dict:
    """Calibration table from held-out windows: out [N, H+K, L+1] model output, y [N, H], x the inputs."""
    scale = series_scale(x)
    band = band_of(scale, bounds)
    n_bands = len(bounds) + 1
    shift = np.zeros((n_bands, len(TARGETS), len(LEVELS)))
    counts = []
    for b in range(n_bands):
        sel = band == b
        counts.append(int(sel.sum()))
        if sel.sum() < min_windows:   # too few windows for a stable quantile: leave the band uncalibrated
            continue
        for g, (q, act) in enumerate(target_values(out[sel], y[sel])):
            s = (act[:, :, None] - q) / scale[sel][:, None, None]
            for li, lev in enumerate(LEVELS):
                shift[b, g, li] = float(np.quantile(s[:, :, li].ravel(), lev, method="higher"))
    return {"method": "split conformal, additive in units of the series scale, per volume band x target x level",
            "scale": "mean of the last %d raw units (negative counted as 0) + 1" % WINDOW, "scale_window": WINDOW,
            "band_upper_bounds": list(bounds), "targets": TARGETS, "levels": list(LEVELS),
            "shift": np.round(shift, 6).tolist(), "windows_per_band": counts}


def apply(out: np.ndarray, x: np.ndarray, table: dict | None) -> np.ndarray:
    """Calibrated copy of the model output (the mean column untouched)."""
    res = out.astype(np.float64).copy()
    if table is None:
        return res
    scale = series_scale(x)
    band = band_of(scale, table["band_upper_bounds"])
    shift = np.asarray(table["shift"])[band]           # [N, G, L]
    nl = len(LEVELS)
    res[:, :HORIZON, :nl] += shift[:, 0][:, None, :] * scale[:, None, None]
    for k in range(len(CUM_HORIZONS)):
        res[:, HORIZON + k, :nl] += shift[:, 1 + k] * scale[:, None]
    res[:, :, :nl] = np.maximum.accumulate(np.clip(res[:, :, :nl], 0, None), axis=2)
    res[:, HORIZON:, :nl] = np.maximum.accumulate(res[:, HORIZON:, :nl], axis=1)
    return res


BLEND_GRID = [round(0.05 * i, 2) for i in range(21)]


def point_of(calibrated: np.ndarray, rule: dict) -> np.ndarray:
    """[N, H] point forecast: the mean head, or p50 + c * (p90 - p50) of the calibrated daily quantiles."""
    nl = len(LEVELS)
    if rule.get("rule") != "blend":
        return calibrated[:, :HORIZON, nl]
    p50, p90 = calibrated[:, :HORIZON, LEVELS.index(0.5)], calibrated[:, :HORIZON, LEVELS.index(0.9)]
    return p50 + rule["coefficient"] * (p90 - p50)


def fit_point(calibrated: np.ndarray, y: np.ndarray, rmsse_scale: np.ndarray, max_bias: float = 0.1) -> dict:
    """The point rule with the lowest mean RMSSE on the held-out calibration windows among those whose
    total bias there is within +-max_bias (the policy reads the point as expected demand, so a low
    RMSSE bought with a forecast far below the actual total is not wanted): the mean head or a blend
    p50 + c (p90 - p50), c on a 0.05 grid. If none qualifies, the least biased."""
    total = max(float(y.sum()), 1e-12)
    candidates = [("mean_head", {"rule": "mean_head"})] + [
        ("blend_%.2f" % c, {"rule": "blend", "coefficient": c}) for c in BLEND_GRID]
    scores = {}
    for name, rule in candidates:
        point = point_of(calibrated, rule)
        scores[name] = (float(np.mean(np.sqrt(((y - point) ** 2).mean(axis=1) / rmsse_scale))),
                        float((point - y).sum() / total))
    within = [n for n in scores if abs(scores[n][1]) <= max_bias]
    best = min(within, key=lambda n: scores[n][0]) if within else min(scores, key=lambda n: abs(scores[n][1]))
    return {**dict(candidates)[best],
            "selected_by": "lowest mean RMSSE on the calibration windows among rules with |bias| <= %.2f there" % max_bias,
            "calibration_rmsse_bias": {n: [round(r, 4), round(b, 4)] for n, (r, b) in scores.items()}}
