"""Rolling-origin validation of the LSTM against simple references."""
from __future__ import annotations

import time

import numpy as np

from . import HORIZON, WINDOW
from . import baselines as bl
from .metrics import naive_scale, score


def eval_rows(units: np.ndarray, origin: int, candidate_rows: np.ndarray, window: int = WINDOW):
    """SKUs scored at an origin: a sale in the last `window` days before it and in-sample
    variation (non-zero one-step naive MSE). Returns (rows, naive scale)."""
    rows = candidate_rows[units[candidate_rows, origin - window:origin].sum(axis=1) > 0]
    scale = naive_scale(units[rows, :origin].astype(np.float64))
    keep = scale > 0
    return rows[keep], scale[keep]


def evaluate_origin(units: np.ndarray, calendar: np.ndarray, origin: int, candidate_rows: np.ndarray,
                    lstm_predict, with_ets: bool, mean_coef: float | None = None, log=print,
                    horizon: int = HORIZON, window: int = WINDOW) -> dict:
    rows, scale = eval_rows(units, origin, candidate_rows, window)
    actual = units[rows, origin:origin + horizon].astype(np.float64)
    hist = units[rows, :origin].astype(np.float64)
    res = {}

    hidx = np.arange(origin - window, origin)
    x = np.concatenate([units[rows][:, hidx][:, :, None],
                        np.broadcast_to(calendar[hidx], (len(rows), window, calendar.shape[1]))], axis=2).astype(np.float32)
    out = lstm_predict(x)
    p50, p90 = out[:, :, 0], out[:, :, 1]
    res["demand-lstm"] = {"point": "p50", **score(actual, p50, scale, p50, p90)}
    if mean_coef is not None:
        res["demand-lstm (mean-ish point)"] = {
            "point": "p50 + %.3f*(p90-p50)" % mean_coef,
            **score(actual, p50 + mean_coef * (p90 - p50), scale, p50, p90)}

    res["seasonal-naive-7"] = {"point": "last week repeated", **score(actual, bl.seasonal_naive(hist, horizon), scale)}
    q50, q90 = bl.empirical_quantiles(hist, horizon, 28)
    res["moving-average-28"] = {"point": "28-day mean (quantiles: empirical 28-day p50/p90)",
                                **score(actual, bl.moving_average(hist, horizon, 28), scale, q50, q90)}
    ses_fc, _ = bl.ses(hist, horizon)
    res["ses"] = {"point": "SES level", **score(actual, ses_fc, scale)}
    if with_ets:
        t0 = time.time()
        res["ets-weekly (statsmodels)"] = {"point": "Holt-Winters additive weekly, no trend",
                                           **score(actual, bl.ets_weekly(hist, horizon), scale)}
        log("    ets fitted on %d SKUs in %.0fs" % (len(rows), time.time() - t0))
    res["zero (reference)"] = {"point": "0 every day", **score(actual, np.zeros_like(actual), scale)}
    for v in res.values():
        v["skus"] = int(len(rows))
        v["actual_units"] = float(actual.sum())
    return res


METRIC_COLS = [("rmsse", "RMSSE"), ("wape", "WAPE"), ("bias", "bias"), ("p90_coverage", "p90 cov"),
               ("pinball_p50", "pinball p50"), ("pinball_p90", "pinball p90")]


def average(results: list[dict]) -> dict:
    """Mean of each metric over origins (per forecaster, over the origins where it was run)."""
    names = []
    for r in results:
        for n in r:
            if n not in names:
                names.append(n)
    out = {}
    for n in names:
        rs = [r[n] for r in results if n in r]
        avg = {"point": rs[0]["point"], "origins": len(rs)}
        for k, _ in METRIC_COLS:
            vals = [x[k] for x in rs if x[k] is not None]
            avg[k] = float(np.mean(vals)) if vals else None
        avg["skus"] = float(np.mean([x["skus"] for x in rs]))
        out[n] = avg
    return out


def table(res: dict) -> str:
    head = "| forecaster | point forecast scored | " + " | ".join(h for _, h in METRIC_COLS) + " |"
    sep = "|---|---|" + "---:|" * len(METRIC_COLS)
    lines = [head, sep]
    for name, m in res.items():
        cells = []
        for k, _ in METRIC_COLS:
            v = m.get(k)
            cells.append("—" if v is None else ("%+.3f" % v if k == "bias" else "%.3f" % v))
        lines.append("| %s | %s | %s |" % (name, m["point"], " | ".join(cells)))
    return "\n".join(lines)
