"""Synthetic smooth retail series: negative binomial daily demand with a weekly pattern, a yearly
cycle, a trend and a level. Two uses, with DIFFERENT seeds and parameter ranges:

- training augmentation (`TRAINING`): puts smooth, seasonal, high-volume series in the model's
  experience, which the Online Retail data (lumpy wholesale) lacks;
- the held-out "second retailer" (`SECOND_RETAILER`): store x item-like daily demand over 5 years,
  never seen in training, to measure transfer. There is no second public dataset offline.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from .data import epoch_day


@dataclass(frozen=True)
class Ranges:
    level: tuple[float, float]          # mean units/day, drawn log-uniformly
    weekly_amplitude: tuple[float, float]   # relative swing of the weekly pattern
    yearly_amplitude: tuple[float, float]   # relative swing of the yearly cycle (peak day drawn uniformly)
    trend_per_year: tuple[float, float]     # relative level change per year
    dispersion: tuple[float, float]         # NB size parameter r (small = overdispersed), log-uniform
    intermittent_share: float               # share of series thinned to low levels (level / 5 .. / 50)


TRAINING = Ranges(level=(1.0, 200.0), weekly_amplitude=(0.0, 0.8), yearly_amplitude=(0.0, 0.6),
                  trend_per_year=(-0.4, 0.6), dispersion=(0.5, 50.0), intermittent_share=0.2)
# The second retailer: store x item demand, a strong fixed-shape weekly pattern (weekend peak),
# a summer peak, mild growth, levels 5-120/day.
SECOND_RETAILER = Ranges(level=(5.0, 120.0), weekly_amplitude=(0.2, 0.6), yearly_amplitude=(0.1, 0.4),
                         trend_per_year=(0.0, 0.25), dispersion=(5.0, 100.0), intermittent_share=0.0)


def generate(n_series: int, first_day: int, n_days: int, ranges: Ranges, seed: int,
             weekend_peak: bool = False) -> np.ndarray:
    """[n_series, n_days] float32 integer units starting at epoch day first_day."""
    rng = np.random.default_rng(seed)
    days = first_day + np.arange(n_days)
    dow = (days + 3) % 7
    doy = np.array([(dt.date(1970, 1, 1) + dt.timedelta(days=int(d))).timetuple().tm_yday for d in days])
    out = np.zeros((n_series, n_days), dtype=np.float32)
    for i in range(n_series):
        level = np.exp(rng.uniform(*np.log(ranges.level)))
        if rng.random() < ranges.intermittent_share:
            level /= np.exp(rng.uniform(np.log(5.0), np.log(50.0)))
        if weekend_peak:
            shape = np.array([-0.3, -0.2, -0.1, 0.0, 0.1, 0.3, 0.2])
        else:
            shape = rng.normal(size=7)
            shape = (shape - shape.mean()) / (np.abs(shape).max() + 1e-9)
        weekly = 1.0 + rng.uniform(*ranges.weekly_amplitude) * shape[dow]
        peak = rng.uniform(0, 365)
        yearly = 1.0 + rng.uniform(*ranges.yearly_amplitude) * np.cos(2 * np.pi * (doy - peak) / 365.25)
        trend = 1.0 + rng.uniform(*ranges.trend_per_year) * (np.arange(n_days) / 365.25)
        mu = np.clip(level * weekly * yearly * np.clip(trend, 0.2, None), 1e-3, None)
        r = np.exp(rng.uniform(*np.log(ranges.dispersion)))
        out[i] = rng.negative_binomial(r, r / (r + mu)).astype(np.float32)
    return out


def second_retailer(seed: int = 7, n_series: int = 500, first: dt.date = dt.date(2013, 1, 1),
                    years: int = 5) -> tuple[int, np.ndarray]:
    """(first epoch day, [n_series, ~5*365] units) of the held-out synthetic second retailer."""
    n_days = (dt.date(first.year + years, first.month, first.day) - first).days
    return epoch_day(first), generate(n_series, epoch_day(first), n_days, SECOND_RETAILER, seed, weekend_peak=True)
