"""Calendar features: pure functions of a history day's date, reproducible bit-for-bit in Java.

For a history day with epoch day e (days since 1970-01-01, LocalDate.toEpochDay()):

  dow       = floorMod(e + 3, 7)                    0 = Monday ... 6 = Sunday
  dow_sin   = (float) Math.sin(2.0 * Math.PI * dow / 7.0)   (double maths, then rounded to float32)
  dow_cos   = (float) Math.cos(2.0 * Math.PI * dow / 7.0)
  xmas      = (float) (daysToChristmas / 365.0)     daysToChristmas = days from the date to the
              next 25 December (0 on 25 Dec itself, 364 on 26 Dec 2010, 365 on 26 Dec 2011)

dow_sin/dow_cos take only seven values; to be safe against 1-ulp differences between libm
implementations, Java should use the float32 table DOW_TABLE (also in metadata.json).
"""
from __future__ import annotations

import datetime as dt
import math

import numpy as np

from .data import EPOCH, date_of

FEATURE_NAMES = ["units", "dow_sin", "dow_cos", "days_to_christmas"]
N_FEATURES = len(FEATURE_NAMES)


def dow_of(epoch: int) -> int:
    return (epoch + 3) % 7  # Python % is floorMod for a positive divisor


def _dow_table() -> list[tuple[float, float]]:
    out = []
    for d in range(7):
        a = 2.0 * math.pi * d / 7.0
        out.append((float(np.float32(math.sin(a))), float(np.float32(math.cos(a)))))
    return out


DOW_TABLE = _dow_table()


def days_to_christmas(d: dt.date) -> int:
    xmas = dt.date(d.year, 12, 25)
    if d > xmas:
        xmas = dt.date(d.year + 1, 12, 25)
    return (xmas - d).days


def calendar_row(epoch: int) -> np.ndarray:
    d = date_of(epoch)
    s, c = DOW_TABLE[dow_of(epoch)]
    return np.array([s, c, np.float32(days_to_christmas(d) / 365.0)], dtype=np.float32)


def calendar_matrix(first_epoch: int, n_days: int) -> np.ndarray:
    """[n_days, F-1] float32 calendar features for consecutive days starting at first_epoch."""
    return np.stack([calendar_row(first_epoch + i) for i in range(n_days)]).astype(np.float32)


def model_input(history_units: np.ndarray, last_history_epoch: int) -> np.ndarray:
    """[W, F] float32 input for one series: raw units (oldest first) + calendar features."""
    w = len(history_units)
    cal = calendar_matrix(last_history_epoch - w + 1, w)
    return np.concatenate([np.asarray(history_units, dtype=np.float32)[:, None], cal], axis=1)


def feature_spec() -> list[dict]:
    return [
        {"index": 0, "name": "units",
         "formula": "raw units sold on the history day (float32 of the integer count, >= 0); no scaling outside the graph"},
        {"index": 1, "name": "dow_sin",
         "formula": "dow = floorMod(epochDay + 3, 7) (0=Monday..6=Sunday); (float) Math.sin(2.0 * Math.PI * dow / 7.0)",
         "float32_by_dow": [t[0] for t in DOW_TABLE]},
        {"index": 2, "name": "dow_cos",
         "formula": "(float) Math.cos(2.0 * Math.PI * dow / 7.0), dow as above",
         "float32_by_dow": [t[1] for t in DOW_TABLE]},
        {"index": 3, "name": "days_to_christmas",
         "formula": "(float) (n / 365.0) where n = days from the history day to the next 25 December "
                    "(0 on 25 Dec; from 26 Dec count to 25 Dec of the next year, so 364 or 365); "
                    "double division, then rounded to float32"},
    ]
