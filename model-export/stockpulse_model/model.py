"""The global demand LSTM. Takes RAW units + calendar features, returns units (p50, p90).

All per-series scaling lives inside forward(), so the exported ONNX graph is self-contained:

  u      = max(input[:, :, 0], 0)                       raw units, [B, W]
  scale  = mean(u over the W days) + 1                  [B, 1]
  z      = log1p(u / scale)                             scaled, compressed units
  x      = [z, dow_sin, dow_cos, days_to_christmas, log(scale)]  per day -> LSTM
  head   = MLP([h_last, log(scale), z over the last 14 days]) -> (a, b) per horizon day
  p50    = scale * softplus(a)                          >= 0
  p90    = p50 + scale * softplus(b)                    >= p50
  output = stack(p50, p90) -> [B, H, 2]
"""
from __future__ import annotations

import torch
from torch import nn
import torch.nn.functional as F

from . import HORIZON, WINDOW
from .features import N_FEATURES

SKIP_DAYS = 14


class DemandLSTM(nn.Module):
    def __init__(self, hidden: int = 64, head_hidden: int = 128, dropout: float = 0.1,
                 window: int = WINDOW, horizon: int = HORIZON, n_features: int = N_FEATURES):
        super().__init__()
        self.window = window
        self.horizon = horizon
        self.n_features = n_features
        self.lstm = nn.LSTM(input_size=n_features + 1, hidden_size=hidden, num_layers=1, batch_first=True)
        self.head = nn.Sequential(
            nn.Dropout(dropout),
            nn.Linear(hidden + 1 + SKIP_DAYS, head_hidden),
            nn.GELU(approximate="tanh"),
            nn.Dropout(dropout),
            nn.Linear(head_hidden, horizon * 2),
        )

    def scaled(self, x: torch.Tensor):
        """Returns (p50, p90) in SCALED units ([B, H] each) and scale ([B, 1])."""
        u = torch.relu(x[:, :, 0])
        scale = u.mean(dim=1, keepdim=True) + 1.0
        z = torch.log1p(u / scale)
        log_scale = torch.log(scale)
        b, w = u.shape
        seq = torch.cat([z.unsqueeze(-1), x[:, :, 1:], log_scale.unsqueeze(1).expand(b, w, 1)], dim=-1)
        out, _ = self.lstm(seq)
        h_last = out[:, -1, :]
        feats = torch.cat([h_last, log_scale, z[:, -SKIP_DAYS:]], dim=-1)
        ab = self.head(feats).view(b, self.horizon, 2)
        p50 = F.softplus(ab[:, :, 0])
        p90 = p50 + F.softplus(ab[:, :, 1])
        return p50, p90, scale

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        p50, p90, scale = self.scaled(x)
        return torch.stack([p50 * scale, p90 * scale], dim=-1)


def pinball(pred: torch.Tensor, target: torch.Tensor, q: float) -> torch.Tensor:
    diff = target - pred
    return torch.maximum(q * diff, (q - 1.0) * diff)
