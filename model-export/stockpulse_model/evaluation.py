"""Rolling-origin evaluation of the model against the 28-day moving average and the previous model,
overall and per ABC class."""
from __future__ import annotations

import numpy as np

from . import CUM_HORIZONS, HORIZON, LEVELS, WINDOW
from . import baselines as bl
from . import calibration as cal
from .metrics import abc_classes, naive_scale, score_v2


def eval_rows(units: np.ndarray, origin: int, candidate_rows: np.ndarray, window: int = WINDOW):
    """SKUs scored at an origin: a sale in the last `window` days before it and in-sample
    variation (non-zero one-step naive MSE). Returns (rows, naive scale)."""
    rows = candidate_rows[units[candidate_rows, origin - window:origin].sum(axis=1) > 0]
    scale = naive_scale(units[rows, :origin].astype(np.float64))
    keep = scale > 0
    return rows[keep], scale[keep]


def empirical_daily_quantiles(hist: np.ndarray, levels, horizon: int = HORIZON, window: int = 28) -> np.ndarray:
    """[S, H, L]: flat empirical quantiles (numpy linear) of the last `window` days."""
    q = np.stack([np.quantile(hist[:, -window:], lv, axis=1) for lv in levels], axis=1)
    return np.repeat(q[:, None, :], horizon, axis=1)


def evaluate_origin(windows, units: np.ndarray, origin: int, candidate_rows: np.ndarray, predict, table: dict | None,
                    value_per_unit: np.ndarray | None, previous=None, point_rule: dict | None = None) -> dict:
    """{forecaster: {"all"|"A"|"B"|"C": metrics}} at one origin. predict(x) -> [N, H+K, L+1] raw model
    output; previous: optional (predict56(x[:, -56:]) -> [N, H, 2], mean coefficient c) of the v1 model."""
    rows, rmsse_scale = eval_rows(units, origin, candidate_rows)
    x, actual = windows.batch(np.stack([rows, np.full(len(rows), origin)], axis=1))
    hist = units[rows, :origin].astype(np.float64)
    raw = predict(x)
    calibrated = cal.apply(raw, x, table)
    value = hist[:, -91:].sum(axis=1) * (value_per_unit[rows] if value_per_unit is not None else 1.0)
    classes = abc_classes(value)
    nl = len(LEVELS)
    rule = point_rule or {"rule": "mean_head"}
    forecasts = {
        "demand-model v2": (cal.point_of(calibrated, rule), LEVELS, calibrated[:, :HORIZON, :nl], calibrated[:, HORIZON:, :nl]),
        "demand-model v2 (mean head as point)": (calibrated[:, :HORIZON, nl], LEVELS, None, None),
        "demand-model v2 (uncalibrated quantiles)": (raw[:, :HORIZON, nl], LEVELS, raw[:, :HORIZON, :nl], raw[:, HORIZON:, :nl]),
        "moving-average-28": (bl.moving_average(hist, HORIZON, 28), LEVELS, empirical_daily_quantiles(hist, LEVELS), None),
    }
    if previous is not None:
        prev_predict, c = previous
        p = prev_predict(x[:, -WINDOW:, :]).astype(np.float64)
        forecasts["previous model (v1, p50 + c(p90-p50))"] = (p[:, :, 0] + c * (p[:, :, 1] - p[:, :, 0]), (0.5, 0.9), p, None)
    res = {}
    for name, (point, levels, q_daily, q_cum) in forecasts.items():
        res[name] = {}
        for group in ("all", "A", "B", "C"):
            sel = np.ones(len(rows), bool) if group == "all" else classes == group
            if not sel.any():
                continue
            m = score_v2(actual[sel], point[sel], rmsse_scale[sel], levels, None if q_daily is None else q_daily[sel],
                         None if q_cum is None else q_cum[sel], CUM_HORIZONS)
            m["skus"] = int(sel.sum())
            res[name][group] = m
    return res


def average(results: list[dict]):
    """Element-wise mean over origins of nested metric dicts."""
    first = results[0]
    if isinstance(first, dict):
        keys = [k for k in first if all(k in r for r in results)]
        return {k: average([r[k] for r in results]) for k in keys}
    return float(np.mean(results))


def _cov(m: dict, key: str, levels) -> str:
    cov = m.get(key)
    return " | ".join("%.3f" % cov[str(l)] if cov and str(l) in cov else "—" for l in levels)


def tables(res: dict) -> str:
    """Markdown: overall table, per-class table, cumulative coverage table."""
    lv = " | ".join("cov %g" % l for l in LEVELS)
    out = ["| forecaster | class | SKUs | RMSSE | WAPE | bias | mean pinball | " + lv + " |",
           "|---|---|---:|---:|---:|---:|---:|" + "---:|" * len(LEVELS)]
    for name, groups in res.items():
        for g, m in groups.items():
            pin = m.get("pinball_mean")
            out.append("| %s | %s | %.0f | %.3f | %.3f | %+.3f | %s | %s |" % (
                name, g, m["skus"], m["rmsse"], m["wape"], m["bias"], "—" if pin is None else "%.3f" % pin,
                _cov(m, "coverage_daily", LEVELS)))
    out += ["", "Coverage of cumulative demand (share of SKUs whose demand over the first h days is <= the quantile):", "",
            "| forecaster | class | horizon | " + lv + " |", "|---|---|---:|" + "---:|" * len(LEVELS)]
    for name, groups in res.items():
        for g, m in groups.items():
            for h in CUM_HORIZONS:
                if "coverage_cumulative" in m:
                    out.append("| %s | %s | %d | %s |" % (name, g, h, _cov(m["coverage_cumulative"], str(h), LEVELS)))
    return "\n".join(out)
