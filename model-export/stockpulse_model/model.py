"""The global demand model v2. Takes RAW units + calendar over CONTEXT days, returns units.

Everything that depends on the level of a series lives inside forward(), so the exported ONNX
graph is self-contained and scale-free (another retailer's levels need no retraining):

  u      = max(input[:, :, 0], 0)                       raw units, [B, CONTEXT]
  scale  = mean(u over the last WINDOW days) + 1        [B, 1]
  z      = log1p(u / scale) over the last WINDOW days   -> LSTM with the calendar features and log(scale)
  stats  = scale-free statistics of the whole context over the ACTIVE days (from the first sale on):
           share of zero days, log ADI, log1p CV^2 of non-zero sizes, log(max / mean non-zero size),
           log level change (last 28 days vs the active context), last year's same 28 days vs the level,
           whether last year is active, active share of the context
  head   = MLP([h_last, stats, log(scale), z of the last 14 days]) ->
           daily quantiles   q[l][d]  = scale * (softplus(a_d) + sum_{l' <= l, l' > 0} softplus(b_{l',d}))
           cumulative        C[l][k]  = C[l][k-1] + scale * span_k * (softplus(c_k) + sum softplus(e_{l',k}))
           mean              m[d]     = scale * softplus(g_d)
  Monotone in level (increments >= 0) and, for the cumulative rows, in horizon, by construction.

output [B, H + len(CUM_HORIZONS), len(LEVELS) + 1]: rows 0..H-1 are days, then one row per cumulative
horizon; columns are the levels, the last column the mean (for cumulative rows: the sum of the daily means).
"""
from __future__ import annotations

import torch
from torch import nn
import torch.nn.functional as F

from . import CONTEXT, CUM_HORIZONS, HORIZON, LEVELS, WINDOW
from .features import N_FEATURES

SKIP_DAYS = 14
N_STATS = 8
EPS = 1e-6


def context_stats(u: torch.Tensor) -> torch.Tensor:
    """[B, N_STATS] scale-free statistics of raw units u [B, L] over the active days."""
    nz = (u > 0).to(u.dtype)
    active = (torch.cumsum(nz, dim=1) > 0).to(u.dtype)
    n_active = active.sum(dim=1, keepdim=True).clamp(min=1.0)
    n_nz = nz.sum(dim=1, keepdim=True)
    n_nz1 = n_nz.clamp(min=1.0)
    total = u.sum(dim=1, keepdim=True)
    mean_nz = total / n_nz1
    var_nz = (nz * (u - mean_nz) ** 2).sum(dim=1, keepdim=True) / n_nz1
    level = total / n_active                                  # mean per active day
    soft = 0.1 * level + EPS                                   # keeps the ratios finite and scale-free
    recent = u[:, -28:].mean(dim=1, keepdim=True)
    last_year = u[:, :28].mean(dim=1, keepdim=True)            # the same 28 days one year (CONTEXT days) before
    last_year_active = active[:, :1]
    return torch.cat([
        1.0 - n_nz / n_active,                                          # share of zero days
        torch.log(n_active / n_nz1),                                    # log ADI
        torch.log1p(var_nz / (mean_nz * mean_nz + EPS)),                # log1p CV^2 of non-zero sizes
        torch.log((u.max(dim=1, keepdim=True).values + EPS) / (mean_nz + EPS)),  # line size vs level
        torch.log((recent + soft) / (level + soft)),                    # recent level change
        last_year_active * torch.log((last_year + soft) / (level + soft)),       # last year's same weeks
        last_year_active,
        n_active / u.shape[1],
    ], dim=1)


class DemandModel(nn.Module):
    def __init__(self, hidden: int = 64, head_hidden: int = 128, dropout: float = 0.1,
                 context: int = CONTEXT, window: int = WINDOW, horizon: int = HORIZON, n_features: int = N_FEATURES,
                 levels=LEVELS, cum_horizons=CUM_HORIZONS):
        super().__init__()
        self.context, self.window, self.horizon, self.n_features = context, window, horizon, n_features
        self.n_levels = len(levels)
        self.cum_horizons = list(cum_horizons)
        self.spans = [h - p for h, p in zip(self.cum_horizons, [0] + self.cum_horizons[:-1])]
        self.lstm = nn.LSTM(input_size=n_features + 1, hidden_size=hidden, num_layers=1, batch_first=True)
        n_out = horizon * self.n_levels + len(self.cum_horizons) * self.n_levels + horizon
        self.head = nn.Sequential(
            nn.Dropout(dropout),
            nn.Linear(hidden + N_STATS + 1 + SKIP_DAYS, head_hidden),
            nn.GELU(approximate="tanh"),
            nn.Dropout(dropout),
            nn.Linear(head_hidden, n_out),
        )

    def scaled(self, x: torch.Tensor):
        """Returns (daily [B, L, H], cumulative [B, L, K], mean [B, H]) in SCALED units, and scale [B, 1]."""
        u = torch.relu(x[:, :, 0])
        recent = u[:, -self.window:]
        scale = recent.mean(dim=1, keepdim=True) + 1.0
        z = torch.log1p(recent / scale)
        log_scale = torch.log(scale)
        b, w = recent.shape
        seq = torch.cat([z.unsqueeze(-1), x[:, -self.window:, 1:], log_scale.unsqueeze(1).expand(b, w, 1)], dim=-1)
        out, _ = self.lstm(seq)
        feats = torch.cat([out[:, -1, :], context_stats(u), log_scale, z[:, -SKIP_DAYS:]], dim=-1)
        raw = self.head(feats)
        h, nl, k = self.horizon, self.n_levels, len(self.cum_horizons)
        daily = torch.cumsum(F.softplus(raw[:, :h * nl].view(b, nl, h)), dim=1)            # [B, L, H]
        cum_inc = torch.cumsum(F.softplus(raw[:, h * nl:h * nl + k * nl].view(b, nl, k)), dim=1)  # [B, L, K]
        spans = torch.tensor(self.spans, dtype=x.dtype).view(1, 1, k)
        cumulative = torch.cumsum(cum_inc * spans, dim=2)                                  # monotone in horizon
        mean = F.softplus(raw[:, h * nl + k * nl:])                                        # [B, H]
        return daily, cumulative, mean, scale

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        daily, cumulative, mean, scale = self.scaled(x)
        s = scale.unsqueeze(-1)
        q_rows = torch.cat([daily, cumulative], dim=2) * s                                 # [B, L, H+K]
        cum_mean = torch.stack([mean[:, :h].sum(dim=1) for h in self.cum_horizons], dim=1)
        m_rows = torch.cat([mean, cum_mean], dim=1).unsqueeze(1) * s                       # [B, 1, H+K]
        return torch.cat([q_rows, m_rows], dim=1).transpose(1, 2)                          # [B, H+K, L+1]


def pinball(pred: torch.Tensor, target: torch.Tensor, q: float) -> torch.Tensor:
    diff = target - pred
    return torch.maximum(q * diff, (q - 1.0) * diff)
