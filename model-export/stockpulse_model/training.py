"""Window sampling and the training loop for the global LSTM."""
from __future__ import annotations

import math
import time

import numpy as np
import torch

from . import CONTEXT, CUM_HORIZONS, HORIZON, LEVELS, OUTPUT_COLS, OUTPUT_ROWS, WINDOW
from .features import calendar_matrix
from .model import DemandModel, pinball

MEAN_WEIGHT = 0.01  # squared error is in scaled units squared: wholesale spikes make it large (about 150 vs pinball 0.7 per window), so a small weight keeps it from dominating the shared layers


class Windows:
    """All (sku, origin) pairs of a daily matrix: origin t = index of the first forecast day,
    history = days [t-C, t) (left-padded with zero units before the data starts, calendar still that
    of the padded dates, as Java's DemandHistory.lastDays), target = days [t, t+H)."""

    def __init__(self, units: np.ndarray, first_day: int, context: int = CONTEXT, horizon: int = HORIZON):
        self.c = context
        self.h = horizon
        self.units = np.concatenate([np.zeros((units.shape[0], context), np.float32), units.astype(np.float32)], axis=1)
        self.calendar = calendar_matrix(first_day - context, units.shape[1] + context)

    def pairs(self, sku_rows: np.ndarray, first_origin: int, last_origin: int, window: int = WINDOW) -> np.ndarray:
        """[N, 2] (row, t) for t in [first_origin, last_origin] with at least one sale in the last `window` days."""
        u = self.units[sku_rows]
        cs = np.concatenate([np.zeros((u.shape[0], 1)), np.cumsum(u, axis=1, dtype=np.float64)], axis=1)
        ts = np.arange(first_origin, last_origin + 1)   # before `window` the history is left-padded with zeros
        p = ts + self.c
        hist_sum = cs[:, p] - cs[:, p - window]
        r, c = np.nonzero(hist_sum > 0)
        return np.stack([sku_rows[r], ts[c]], axis=1)

    def batch(self, pairs: np.ndarray, with_target: bool = True):
        rows, ts = pairs[:, 0], pairs[:, 1] + self.c
        hidx = ts[:, None] - self.c + np.arange(self.c)[None, :]
        x = np.concatenate([self.units[rows[:, None], hidx][:, :, None], self.calendar[hidx]], axis=2).astype(np.float32)
        if not with_target:
            return x, None
        tidx = ts[:, None] + np.arange(self.h)[None, :]
        return x, self.units[rows[:, None], tidx].astype(np.float32)


def augment(x: np.ndarray, y: np.ndarray, rng: np.random.Generator, thin_share: float = 0.3,
            scale_up_share: float = 0.2) -> None:
    """In place, per window, history and target alike: binomial thinning (keep each unit with
    p ~ U(0.05, 1): lower levels, more zero days) or scaling up (x k, k log-uniform in 1..10, rounded),
    so other retailers' levels and intermittency are in the model's experience."""
    n = len(x)
    pick = rng.random(n)
    for i in np.nonzero(pick < thin_share)[0]:
        p = rng.uniform(0.05, 1.0)
        x[i, :, 0] = rng.binomial(x[i, :, 0].astype(np.int64), p)
        y[i] = rng.binomial(y[i].astype(np.int64), p)
    for i in np.nonzero((pick >= thin_share) & (pick < thin_share + scale_up_share))[0]:
        k = np.exp(rng.uniform(0.0, np.log(10.0)))
        x[i, :, 0] = np.round(x[i, :, 0] * k)
        y[i] = np.round(y[i] * k)


def cumulative_targets(y: torch.Tensor, horizons=CUM_HORIZONS) -> torch.Tensor:
    """[B, K] units over the first h days for each cumulative horizon."""
    cs = torch.cumsum(y, dim=1)
    return torch.stack([cs[:, h - 1] for h in horizons], dim=1)


def loss_terms(model: DemandModel, x: torch.Tensor, y: torch.Tensor, mean_weight: float = MEAN_WEIGHT):
    """Pinball over all levels on scaled units, daily (mean over days) and cumulative (divided by
    the horizon, so each horizon weighs like one day), plus squared error of the mean head."""
    daily, cumulative, mean, scale = model.scaled(x)
    ys = y / scale
    cs = cumulative_targets(y) / scale
    spans = torch.tensor(CUM_HORIZONS, dtype=x.dtype).view(1, -1)
    pin_d = sum(pinball(daily[:, i], ys, q).mean() for i, q in enumerate(LEVELS)) / len(LEVELS)
    pin_c = sum((pinball(cumulative[:, i], cs, q) / spans).mean() for i, q in enumerate(LEVELS)) / len(LEVELS)
    mse = ((mean - ys) ** 2).mean()
    return pin_d + pin_c + mean_weight * mse, (float(pin_d.detach()), float(pin_c.detach()), float(mse.detach()))


def quantile_loss(model: DemandModel, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return loss_terms(model, x, y)[0]


def sample_epoch(rng: np.random.Generator, train_pairs: np.ndarray, synthetic_pairs: np.ndarray | None,
                 n: int, synthetic_share: float) -> np.ndarray:
    """n windows: a share from the synthetic smooth series, the rest from the real data, shuffled."""
    n_syn = int(round(n * synthetic_share)) if synthetic_pairs is not None and len(synthetic_pairs) else 0
    real = train_pairs[rng.choice(len(train_pairs), size=min(n - n_syn, len(train_pairs)), replace=False)]
    if n_syn == 0:
        return real
    syn = synthetic_pairs[rng.choice(len(synthetic_pairs), size=min(n_syn, len(synthetic_pairs)), replace=False)]
    both = np.concatenate([real, syn])
    return both[rng.permutation(len(both))]


def train(model: DemandModel, windows: Windows, train_pairs: np.ndarray, *, epochs: int, samples_per_epoch: int,
          batch_size: int, lr: float, weight_decay: float, seed: int, log=print,
          synthetic_pairs: np.ndarray | None = None, synthetic_share: float = 0.0,
          monitor: tuple[np.ndarray, np.ndarray] | None = None, time_budget_s: float | None = None) -> list[dict]:
    rng = np.random.default_rng(seed)
    torch.manual_seed(seed)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)
    steps_per_epoch = max(1, math.ceil(min(samples_per_epoch, len(train_pairs)) / batch_size))
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=epochs * steps_per_epoch, pct_start=0.15)
    history = []
    t0 = time.time()
    for epoch in range(epochs):
        model.train()
        pick = sample_epoch(rng, train_pairs, synthetic_pairs, min(samples_per_epoch, len(train_pairs)), synthetic_share)
        tot, cnt, parts = 0.0, 0, np.zeros(3)
        for i in range(steps_per_epoch):
            chunk = pick[i * batch_size:(i + 1) * batch_size]
            if len(chunk) == 0:
                sched.step()
                continue
            x, y = windows.batch(chunk)
            augment(x, y, rng)
            loss, terms = loss_terms(model, torch.from_numpy(x), torch.from_numpy(y))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            tot += float(loss.detach()) * len(chunk)
            parts += np.array(terms) * len(chunk)
            cnt += len(chunk)
        parts /= max(cnt, 1)
        rec = {"epoch": epoch + 1, "train_loss": tot / max(cnt, 1), "pinball_daily": parts[0],
               "pinball_cumulative": parts[1], "mse_mean": parts[2], "seconds": round(time.time() - t0, 1)}
        if monitor is not None:
            rec["monitor_loss"] = eval_loss(model, *monitor)
        history.append(rec)
        log("  epoch %d/%d train_loss %.4f (daily %.4f cum %.4f mse %.3f)%s  %.0fs" % (
            epoch + 1, epochs, rec["train_loss"], parts[0], parts[1], parts[2],
            (" monitor_loss %.4f" % rec["monitor_loss"]) if "monitor_loss" in rec else "", rec["seconds"]))
        if time_budget_s is not None and time.time() - t0 > time_budget_s and epoch + 1 < epochs:
            log("  time budget reached, stopping after epoch %d" % (epoch + 1))
            break
    model.eval()
    return history


@torch.no_grad()
def eval_loss(model: DemandModel, x: np.ndarray, y: np.ndarray, batch_size: int = 2048) -> float:
    was = model.training
    model.eval()
    tot = 0.0
    for i in range(0, len(x), batch_size):
        xb, yb = torch.from_numpy(x[i:i + batch_size]), torch.from_numpy(y[i:i + batch_size])
        tot += float(quantile_loss(model, xb, yb)) * len(xb)
    model.train(was)
    return tot / max(len(x), 1)


@torch.no_grad()
def predict(model: DemandModel, x: np.ndarray, batch_size: int = 2048) -> np.ndarray:
    model.eval()
    outs = [model(torch.from_numpy(x[i:i + batch_size])).numpy() for i in range(0, len(x), batch_size)]
    return np.concatenate(outs, axis=0) if outs else np.zeros((0, OUTPUT_ROWS, OUTPUT_COLS), np.float32)
