"""Parity reference cases for the Java implementation."""
from __future__ import annotations

import json

import numpy as np
import torch

from . import CONTEXT, INPUT_NAME, OUTPUT_NAME, OUTPUT_ROWS, WINDOW
from . import calibration
from .data import DailySeries


def make_cases(series: DailySeries, windows, origin0: int, model, candidate_rows: np.ndarray, table: dict | None,
               n: int = 32, top: float = 0.97) -> list[dict]:
    """n real cases: case k has firstForecastDay = origin0 + k (so all days of the week occur);
    its SKU is the one at volume rank k/(n-1) among SKUs with a sale in the last W history days
    (case 0: a real SKU with no sale in its history, the scale = 1 edge case). Ranks stop at the
    `top` quantile: for the very largest SKUs outputs are in the hundreds of units and float32
    rounding differences between runtimes (~1e-6 relative) approach the 1e-4 absolute tolerance."""
    units = series.units
    used: set[int] = set()
    cases = []
    for k in range(n):
        o = min(origin0 + k, series.n_days)
        hist = units[candidate_rows, o - WINDOW:o]
        sums = hist.sum(axis=1)
        if k == 0:
            pool = candidate_rows[sums == 0]
            if len(pool) == 0:
                pool = candidate_rows[np.argsort(sums, kind="stable")]
        else:
            act = np.nonzero(sums > 0)[0]
            order = act[np.argsort(sums[act], kind="stable")]
            pool = candidate_rows[order]
            start = int(round((k - 1) / max(n - 2, 1) * top * (len(pool) - 1)))
            pool = np.concatenate([pool[start:], pool[:start][::-1]])
        row = next((int(r) for r in pool if int(r) not in used), int(pool[0]))
        used.add(row)
        x = windows.batch(np.array([[row, o]]), with_target=False)[0][0]
        with torch.no_grad():
            y = model(torch.from_numpy(x[None])).numpy()[0].astype(np.float32)
        cases.append({
            "sku": str(series.skus[row]),
            "firstForecastDay": str(series.date_at(o)),
            "history": [int(v) for v in x[:, 0]],
            "input": [[float(v) for v in r] for r in x],
            "output": [[float(v) for v in r] for r in y],
            # the quantiles after the calibration table (Java's Forecast.quantiles), rows as in output
            "calibrated": [[float(v) for v in r] for r in calibration.apply(y[None], x[None], table)[0]],
        })
    return cases


def ort_max_abs_diff(sess, cases: list[dict]) -> float:
    x = np.array([c["input"] for c in cases], dtype=np.float32)
    ref = np.array([c["output"] for c in cases], dtype=np.float32)
    got = sess.run([OUTPUT_NAME], {INPUT_NAME: x})[0]
    one = np.concatenate([sess.run([OUTPUT_NAME], {INPUT_NAME: x[i:i + 1]})[0] for i in range(len(x))])
    return float(max(np.abs(got - ref).max(), np.abs(one - ref).max()))


def ort_max_rel_diff(sess, cases: list[dict]) -> float:
    """Max |onnxruntime - PyTorch| / max(1, |PyTorch|): cumulative 28-day rows reach thousands of units,
    where float32 itself resolves only ~1e-4."""
    x = np.array([c["input"] for c in cases], dtype=np.float32)
    ref = np.array([c["output"] for c in cases], dtype=np.float32)
    got = sess.run([OUTPUT_NAME], {INPUT_NAME: x})[0]
    return float((np.abs(got - ref) / np.maximum(1.0, np.abs(ref))).max())


def write(path: str, cases: list[dict], meta: dict) -> None:
    import os
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    assert all(len(c["history"]) == CONTEXT and len(c["output"]) == OUTPUT_ROWS for c in cases)
    with open(path, "w") as f:
        json.dump({**meta, "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
