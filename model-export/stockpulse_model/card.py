"""metadata.json (the model card the Java side reads part of) and the validation report."""
from __future__ import annotations

import datetime as dt
import os
import platform

import numpy as np
import torch

from . import (ATTRIBUTION, CONTEXT, CUM_HORIZONS, HORIZON, INPUT_NAME, LEVELS, MODEL_NAME, OPSET, OUTPUT_COLS,
               OUTPUT_NAME, OUTPUT_ROWS, WINDOW)
from . import evaluation as ev
from . import features as fmod
from . import model as mmod

__all__ = ["ATTRIBUTION", "build", "report"]

DEMAND_DEFINITION = ("daily units per StockCode: lines of invoices not starting with C (cancellation) or A (bad-debt "
                     "adjustment), Quantity > 0, UnitPrice > 0, StockCode (trimmed, upper-cased) matching "
                     "^[0-9]{5}[A-Z]{0,2}$; zero-filled calendar days")


def build(a, series, sha, cutoff, cal_idx, train_rows, train_pairs, syn_pairs, n_params, hist, train_seconds, table,
          rule, test, second, io_desc, diffs, onnx_bytes, cmd) -> dict:
    return {
        "name": MODEL_NAME,
        "version": a.version,
        "contract": 2,
        "smoke": bool(a.smoke),
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "produced_by": cmd,
        "window": CONTEXT,
        "lstm_window": WINDOW,
        "horizon": HORIZON,
        "levels": list(LEVELS),
        "cumulative_horizons": list(CUM_HORIZONS),
        "onnx": {
            "file": "model.onnx", "opset": OPSET, "bytes": onnx_bytes,
            "exporter": "torch.onnx.export (TorchScript, dynamo=False) torch %s" % torch.__version__,
            "input": {"name": INPUT_NAME, "dtype": "float32", "shape": ["batch", CONTEXT, fmod.N_FEATURES]},
            "output": {"name": OUTPUT_NAME, "dtype": "float32", "shape": ["batch", OUTPUT_ROWS, OUTPUT_COLS]},
            "onnxruntime_io": io_desc,
            "onnxruntime_vs_pytorch": diffs,
        },
        "input_layout": "input[b][t][f]: t = 0 is the oldest of the %d history days, t = %d the day before the first "
                        "forecast day; left-padded with 0 units when the history is shorter (calendar features still "
                        "those of the padded dates)" % (CONTEXT, CONTEXT - 1),
        "output_layout": "output[b][r][c]: r = 0..%d the forecast days (day r after the last history day + 1), "
                         "r = %d..%d cumulative demand over the first %s days; c = 0..%d quantile levels %s, c = %d the "
                         "mean (cumulative rows: sum of the daily means). Units. Quantiles >= 0, non-decreasing in level "
                         "and (cumulative rows) in horizon by construction. Apply `calibration` to the quantiles."
                         % (HORIZON - 1, HORIZON, OUTPUT_ROWS - 1, list(CUM_HORIZONS), len(LEVELS) - 1, list(LEVELS),
                            len(LEVELS)),
        "features": fmod.feature_spec(),
        "graph": (mmod.__doc__ or "").strip(),
        "calibration": table,
        "point_forecast": {**rule, "rules": "mean_head: the mean column (trained for squared error); blend: p50 + "
                                         "coefficient * (p90 - p50) of the CALIBRATED daily quantiles"},
        "training": {
            "data_file": os.path.basename(a.data), "data_sha256": sha,
            "data_range": [series.stats["first_day"], series.stats["last_day"]],
            "training_target_days": [series.stats["first_day"], str(series.date_at(cal_idx - 1))],
            "calibration_days": [str(series.date_at(cal_idx)), str(cutoff - dt.timedelta(days=1))],
            "test_window_from": str(cutoff),
            "demand_definition": DEMAND_DEFINITION,
            "loader_stats": series.stats,
            "skus": int(len(train_rows)),
            "windows_real": int(len(train_pairs)),
            "windows_synthetic": int(len(syn_pairs)),
            "synthetic": "%d negative binomial series (weekly + yearly seasonality, trend, levels 1-200/day, 20 %% "
                         "thinned to intermittent), %.0f %% of the sampled windows" % (a.synthetic_series, 100 * a.synthetic_share),
            "augmentation": "per window: 30 % binomial thinning p ~ U(0.05, 1), 20 % scaling x U_log(1, 10) rounded",
            "loss": "pinball over all levels on scaled units: daily (mean over days) + cumulative (divided by the "
                    "horizon) + 0.01 x squared error of the mean head",
            "parameters": n_params, "hidden": a.hidden, "head_hidden": a.head_hidden, "dropout": a.dropout,
            "optimizer": "AdamW lr %g (one-cycle), weight decay %g, batch %d, grad clip 1.0" % (a.lr, a.weight_decay, a.batch_size),
            "epochs_run": len(hist), "samples_per_epoch": a.samples_per_epoch, "seed": a.seed, "threads": a.threads,
            "seconds": round(train_seconds, 1), "epoch_log": hist,
            "software": {"python": platform.python_version(), "torch": torch.__version__, "numpy": np.__version__},
        },
        "validation": {"test": test, "second_retailer": second},
        "attribution": ATTRIBUTION,
        "license_of_data": "CC BY 4.0",
    }


def report(a, cmd, series, origins, cutoff, test, second, n2, o2, days2, table) -> str:
    return (
        "# demand-lstm %s validation\n\nProduced by: `%s`\n\n"
        "## Online Retail, test window\n\nMean over %d weekly origins %s .. %s, 28 days each; model trained on "
        "target days < %s and calibrated on %s (both before the cutoff %s). SKUs: a sale in the 56 days before the "
        "origin and non-zero in-sample naive MSE. ABC by sales value (units x median price) over the 91 days "
        "before the origin, 80/15/5 %%.\n\n%s\n\n"
        "## Synthetic second retailer (held out, never seen in training)\n\n%d store x item-like series over %d days "
        "(2013-01-01 on, weekly pattern with a weekend peak, summer peak, growth, levels 5-120/day, negative binomial; "
        "its own seed and ranges). Mean over %d weekly origins in the last 91 days; calibration table from Online "
        "Retail unchanged. ABC by units.\n\n%s\n\n"
        "## Calibration table\n\nShift (in units of the series scale) per volume band x target x level, fitted on "
        "%s: see metadata.json `calibration`. Windows per band %s.\n" % (
            a.version, cmd, len(origins), series.date_at(origins[0]), series.date_at(origins[-1]),
            table["origins"][0], ", ".join(table["origins"]), cutoff, ev.tables(test),
            n2, days2, len(o2), ev.tables(second), ", ".join(table["origins"]), table["windows_per_band"]))
