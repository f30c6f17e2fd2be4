"""Window sampling and the training loop for the global LSTM."""
from __future__ import annotations

import math
import time

import numpy as np
import torch

from . import HORIZON, QUANTILES, WINDOW
from .model import DemandLSTM, pinball


class Windows:
    """All (sku, origin) training pairs of a daily matrix: origin t = index of the first
    forecast day, history = days [t-W, t), target = days [t, t+H)."""

    def __init__(self, units: np.ndarray, calendar: np.ndarray, window: int = WINDOW, horizon: int = HORIZON):
        self.units = units
        self.calendar = calendar
        self.w = window
        self.h = horizon

    def pairs(self, sku_rows: np.ndarray, first_origin: int, last_origin: int) -> np.ndarray:
        """[N, 2] (row, t) for t in [first_origin, last_origin] with at least one sale in the history."""
        cs = np.concatenate([np.zeros((self.units.shape[0], 1)), np.cumsum(self.units, axis=1, dtype=np.float64)], axis=1)
        ts = np.arange(max(first_origin, self.w), last_origin + 1)
        hist_sum = cs[sku_rows][:, ts] - cs[sku_rows][:, ts - self.w]
        r, c = np.nonzero(hist_sum > 0)
        return np.stack([sku_rows[r], ts[c]], axis=1)

    def batch(self, pairs: np.ndarray, with_target: bool = True):
        rows, ts = pairs[:, 0], pairs[:, 1]
        hidx = ts[:, None] - self.w + np.arange(self.w)[None, :]
        x = np.concatenate([self.units[rows[:, None], hidx][:, :, None], self.calendar[hidx]], axis=2).astype(np.float32)
        if not with_target:
            return x, None
        tidx = ts[:, None] + np.arange(self.h)[None, :]
        return x, self.units[rows[:, None], tidx].astype(np.float32)


def quantile_loss(model: DemandLSTM, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Pinball loss for p50 and p90 on SCALED units (target / (window mean + 1))."""
    p50, p90, scale = model.scaled(x)
    ys = y / scale
    return (pinball(p50, ys, QUANTILES[0]) + pinball(p90, ys, QUANTILES[1])).mean()


def train(model: DemandLSTM, windows: Windows, train_pairs: np.ndarray, *, epochs: int, samples_per_epoch: int,
          batch_size: int, lr: float, weight_decay: float, seed: int, log=print,
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
        n = min(samples_per_epoch, len(train_pairs))
        pick = train_pairs[rng.choice(len(train_pairs), size=n, replace=False)]
        tot, cnt = 0.0, 0
        for i in range(steps_per_epoch):
            chunk = pick[i * batch_size:(i + 1) * batch_size]
            if len(chunk) == 0:
                sched.step()
                continue
            x, y = windows.batch(chunk)
            loss = quantile_loss(model, torch.from_numpy(x), torch.from_numpy(y))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            tot += float(loss.detach()) * len(chunk)
            cnt += len(chunk)
        rec = {"epoch": epoch + 1, "train_loss": tot / max(cnt, 1), "seconds": round(time.time() - t0, 1)}
        if monitor is not None:
            rec["monitor_loss"] = eval_loss(model, *monitor)
        history.append(rec)
        log("  epoch %d/%d train_loss %.4f%s  %.0fs" % (
            epoch + 1, epochs, rec["train_loss"],
            (" monitor_loss %.4f" % rec["monitor_loss"]) if "monitor_loss" in rec else "", rec["seconds"]))
        if time_budget_s is not None and time.time() - t0 > time_budget_s and epoch + 1 < epochs:
            log("  time budget reached, stopping after epoch %d" % (epoch + 1))
            break
    model.eval()
    return history


@torch.no_grad()
def eval_loss(model: DemandLSTM, x: np.ndarray, y: np.ndarray, batch_size: int = 2048) -> float:
    was = model.training
    model.eval()
    tot = 0.0
    for i in range(0, len(x), batch_size):
        xb, yb = torch.from_numpy(x[i:i + batch_size]), torch.from_numpy(y[i:i + batch_size])
        tot += float(quantile_loss(model, xb, yb)) * len(xb)
    model.train(was)
    return tot / max(len(x), 1)


@torch.no_grad()
def predict(model: DemandLSTM, x: np.ndarray, batch_size: int = 2048) -> np.ndarray:
    model.eval()
    outs = [model(torch.from_numpy(x[i:i + batch_size])).numpy() for i in range(0, len(x), batch_size)]
    return np.concatenate(outs, axis=0) if outs else np.zeros((0, HORIZON, 2), np.float32)


@torch.no_grad()
def fit_mean_coefficient(model: DemandLSTM, windows: Windows, train_pairs: np.ndarray, n: int, seed: int) -> float:
    """c such that p50 + c * (p90 - p50) has the same total as the actuals over n random
    training windows (raw units): c = sum(y - p50) / sum(p90 - p50). Uses training data only."""
    rng = np.random.default_rng(seed + 1)
    pick = train_pairs[rng.choice(len(train_pairs), size=min(n, len(train_pairs)), replace=False)]
    x, y = windows.batch(pick)
    out = predict(model, x)
    spread = float((out[:, :, 1] - out[:, :, 0]).astype(np.float64).sum())
    return float((y.astype(np.float64) - out[:, :, 0]).sum() / spread) if spread > 0 else 0.0
