#!/usr/bin/env python3
"""Train, validate and export the StockPulse `demand-lstm` forecaster.

  python model-export/train.py --data FILE.csv[.gz] --cutoff 2011-06-01 --out DIR [--smoke]

Writes DIR/model.onnx, DIR/metadata.json, DIR/validation.md and the Java parity reference
(DIR/demand-lstm-parity.json unless --parity-out is given).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from stockpulse_model import (ATTRIBUTION, HORIZON, INPUT_NAME, MODEL_NAME, OPSET, OUTPUT_NAME,  # noqa: E402
                              QUANTILES, WINDOW)
from stockpulse_model import data as dmod  # noqa: E402
from stockpulse_model import evaluation as ev  # noqa: E402
from stockpulse_model import export as ex  # noqa: E402
from stockpulse_model import features as fmod  # noqa: E402
from stockpulse_model import model as mmod  # noqa: E402
from stockpulse_model import parity as pmod  # noqa: E402
from stockpulse_model import training as tr  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="online_retail CSV (optionally .gz)")
    p.add_argument("--cutoff", default="2011-06-01", help="first day NOT used for training (YYYY-MM-DD)")
    p.add_argument("--out", help="output directory (default for --smoke: a new temp dir)")
    p.add_argument("--smoke", action="store_true", help="tiny run: 100 SKUs, 1 short epoch, 2 origins, no ETS")
    p.add_argument("--parity-out", help="parity JSON path (default OUT/demand-lstm-parity.json)")
    p.add_argument("--report", help="validation table markdown (default OUT/validation.md)")
    p.add_argument("--version", default="2026.11.22-1")
    p.add_argument("--epochs", type=int, default=8)
    p.add_argument("--samples-per-epoch", type=int, default=120_000)
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--weight-decay", type=float, default=1e-4)
    p.add_argument("--hidden", type=int, default=64)
    p.add_argument("--head-hidden", type=int, default=128)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--min-sale-days", type=int, default=10, help="training SKUs: sale days before the cutoff")
    p.add_argument("--origins", type=int, default=10, help="rolling origins: cutoff + 7k days, while data lasts")
    p.add_argument("--no-ets", action="store_true", help="skip the statsmodels ETS reference")
    p.add_argument("--time-budget", type=float, default=480.0, help="stop training after the epoch that passes this many seconds")
    p.add_argument("--seed", type=int, default=20261122)
    p.add_argument("--threads", type=int, default=1)
    return p.parse_args(argv)


def main(argv=None) -> int:
    a = parse_args(argv)
    t_start = time.time()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    np.random.seed(a.seed % (2 ** 32))
    if a.smoke:
        a.epochs, a.samples_per_epoch, a.origins, a.no_ets = 1, 4096, 2, True
    out = a.out or tempfile.mkdtemp(prefix="demand-lstm-smoke-")
    os.makedirs(out, exist_ok=True)
    parity_path = a.parity_out or os.path.join(out, "demand-lstm-parity.json")
    report_path = a.report or os.path.join(out, "validation.md")
    log = lambda *s: print(*s, flush=True)  # noqa: E731

    log("[1/6] loading %s" % a.data)
    sha = dmod.sha256_of(a.data)
    series = dmod.build_daily(a.data)
    log("  %s" % json.dumps(series.stats))
    cutoff = dt.date.fromisoformat(a.cutoff)
    c_idx = series.day_index(cutoff)
    if not (WINDOW + HORIZON <= c_idx <= series.n_days - HORIZON):
        raise SystemExit("cutoff %s leaves no room for training or validation" % cutoff)
    calendar = fmod.calendar_matrix(series.first_day, series.n_days)
    units = series.units

    # Training SKUs: at least W+H days since the first sale and enough sale days, all before the cutoff.
    pre = units[:, :c_idx] > 0
    first_sale = np.where(pre.any(axis=1), pre.argmax(axis=1), c_idx)
    train_rows = np.nonzero((c_idx - first_sale >= WINDOW + HORIZON) & (pre.sum(axis=1) >= a.min_sale_days))[0]
    eval_candidates = np.arange(len(series.skus))
    if a.smoke:
        rng = np.random.default_rng(a.seed)
        train_rows = np.sort(rng.choice(train_rows, size=min(100, len(train_rows)), replace=False))
        eval_candidates = train_rows
    windows = tr.Windows(units, calendar)
    train_pairs = windows.pairs(train_rows, WINDOW, c_idx - HORIZON)  # targets end before the cutoff
    log("  training SKUs %d, training windows %d (origins %s .. %s)" % (
        len(train_rows), len(train_pairs), series.date_at(WINDOW), series.date_at(c_idx - HORIZON)))

    log("[2/6] training")
    model = mmod.DemandLSTM(hidden=a.hidden, head_hidden=a.head_hidden, dropout=a.dropout)
    n_params = sum(p.numel() for p in model.parameters())
    mrows, _ = ev.eval_rows(units, c_idx, eval_candidates)
    mon = windows.batch(np.stack([mrows, np.full(len(mrows), c_idx)], axis=1))
    t0 = time.time()
    hist = tr.train(model, windows, train_pairs, epochs=a.epochs, samples_per_epoch=a.samples_per_epoch,
                    batch_size=a.batch_size, lr=a.lr, weight_decay=a.weight_decay, seed=a.seed, log=log,
                    monitor=mon, time_budget_s=a.time_budget)
    train_seconds = time.time() - t0
    mean_coef = tr.fit_mean_coefficient(model, windows, train_pairs, n=5_000 if a.smoke else 50_000, seed=a.seed)
    log("  mean-ish point: p50 + c*(p90-p50), c = %.4f (fitted on training windows)" % mean_coef)

    log("[3/6] validation (model trained on days < %s only)" % cutoff)
    origins = [c_idx + 7 * k for k in range(a.origins) if c_idx + 7 * k + HORIZON <= series.n_days]
    per_origin = []
    for k, o in enumerate(origins):
        res = ev.evaluate_origin(units, calendar, o, eval_candidates, lambda x: tr.predict(model, x),
                                 with_ets=(k == 0 and not a.no_ets), mean_coef=mean_coef, log=log)
        per_origin.append({"first_forecast_day": str(series.date_at(o)), "results": res})
        log("  origin %s: %d SKUs" % (series.date_at(o), next(iter(res.values()))["skus"]))
    primary = per_origin[0]["results"]
    rolling = ev.average([p["results"] for p in per_origin])
    t_primary = ev.table(primary)
    t_rolling = ev.table(rolling)
    log("\nValidation, first forecast day %s, horizon %d days (%d SKUs):\n%s" % (
        per_origin[0]["first_forecast_day"], HORIZON, next(iter(primary.values()))["skus"], t_primary))
    log("\nMean over %d weekly rolling origins %s .. %s (model not retrained; ETS only at the first origin):\n%s\n" % (
        len(origins), per_origin[0]["first_forecast_day"], per_origin[-1]["first_forecast_day"], t_rolling))

    log("[4/6] ONNX export")
    onnx_path = os.path.join(out, "model.onnx")
    ex.export_onnx(model, onnx_path)
    sess = ex.ort_session(onnx_path)
    io_desc = ex.describe_io(sess)
    batch_diffs = ex.check_batches(sess, model, mon[0][:64] if len(mon[0]) >= 64 else np.repeat(mon[0], 64, axis=0)[:64])
    log("  %s (%d bytes); onnxruntime vs PyTorch max abs diff: %s" % (onnx_path, os.path.getsize(onnx_path), batch_diffs))
    log("  io: %s" % json.dumps(io_desc))

    log("[5/6] parity reference")
    cases = pmod.make_cases(series, calendar, c_idx, model, eval_candidates, n=32)
    parity_diff = pmod.ort_max_abs_diff(sess, cases)
    pmod.write(parity_path, cases, meta={"model": MODEL_NAME, "version": a.version, "window": WINDOW, "horizon": HORIZON,
                                        "features": fmod.FEATURE_NAMES, "tolerance": 1e-4,
                                        "note": "output is from PyTorch (float32); onnxruntime max abs diff on these cases = %.3g" % parity_diff,
                                        "attribution": ATTRIBUTION})
    log("  %d cases -> %s; onnxruntime vs PyTorch max abs diff on them: %.3g" % (len(cases), parity_path, parity_diff))
    if parity_diff > 1e-4:
        raise SystemExit("parity check failed: %.3g > 1e-4" % parity_diff)

    log("[6/6] metadata")
    meta = build_metadata(a, series, sha, cutoff, len(train_rows), len(train_pairs), n_params, hist, train_seconds, mean_coef,
                          per_origin, rolling, io_desc, batch_diffs, parity_diff, os.path.getsize(onnx_path))
    with open(os.path.join(out, "metadata.json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    cmd = "python model-export/train.py " + " ".join(sys.argv[1:]) if argv is None else "train.main(%r)" % argv
    with open(report_path, "w") as f:
        f.write("# demand-lstm %s validation\n\nProduced by: `%s`\n\n" % (a.version, cmd))
        f.write("First forecast day %s, horizon %d days, %d SKUs (a sale in the 56 days before, non-zero in-sample "
                "naive MSE); model trained on days < %s.\n\n%s\n\n" % (
                    per_origin[0]["first_forecast_day"], HORIZON, next(iter(primary.values()))["skus"], cutoff, t_primary))
        f.write("Mean over %d weekly rolling origins %s .. %s (same model, not retrained; ETS only at the first origin):\n\n%s\n" % (
            len(origins), per_origin[0]["first_forecast_day"], per_origin[-1]["first_forecast_day"], t_rolling))
    log("wrote %s, %s, %s, %s in %.0fs total" % (onnx_path, os.path.join(out, "metadata.json"), report_path, parity_path,
                                              time.time() - t_start))
    return 0


def build_metadata(a, series, sha, cutoff, n_train_skus, n_train_windows, n_params, hist, train_seconds, mean_coef,
                   per_origin, rolling, io_desc, batch_diffs, parity_diff, onnx_bytes) -> dict:
    last_train_day = cutoff - dt.timedelta(days=1)
    return {
        "name": MODEL_NAME,
        "version": a.version,
        "smoke": bool(a.smoke),
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "window": WINDOW,
        "horizon": HORIZON,
        "quantiles": list(QUANTILES),
        "onnx": {
            "file": "model.onnx",
            "opset": OPSET,
            "exporter": "torch.onnx.export (TorchScript, dynamo=False) torch %s" % torch.__version__,
            "input": {"name": INPUT_NAME, "dtype": "float32", "shape": ["batch", WINDOW, fmod.N_FEATURES]},
            "output": {"name": OUTPUT_NAME, "dtype": "float32", "shape": ["batch", HORIZON, 2],
                       "last_axis": ["p50", "p90"]},
            "onnxruntime_io": io_desc,
            "onnxruntime_vs_pytorch_max_abs_diff": {**batch_diffs, "parity_cases": parity_diff},
            "bytes": onnx_bytes,
        },
        "input_layout": "input[b][t][f]: t = 0 is the oldest history day, t = W-1 the day before the first forecast "
                        "day; history shorter than W days is left-padded with 0 units (calendar features still "
                        "those of the padded dates)",
        "output_layout": "output[b][h][0] = p50, output[b][h][1] = p90 of units sold on firstForecastDay + h "
                         "(h = 0 .. H-1, firstForecastDay = last history day + 1); p50 >= 0 and p90 >= p50 by construction",
        "features": fmod.feature_spec(),
        "day_definition": "calendar day (UTC) of the sale; in the training data, the date part of InvoiceDate",
        "scaling": {
            "where": "inside the ONNX graph; feed RAW units, read units",
            "steps": [
                "u = max(units, 0) over the W history days",
                "scale = mean(u) + 1",
                "z = log1p(u / scale) is what the LSTM sees, with the calendar features and log(scale)",
                "p50 = scale * softplus(a), p90 = p50 + scale * softplus(b) (a, b from the network)",
            ],
        },
        "point_forecast": {
            "scored": "p50 is the point forecast scored in the validation table row 'demand-lstm'",
            "p50_caveat": "demand is intermittent: on most SKU-days the median is 0, so p50 is biased low "
                          "against the mean (see the validation bias); do not use it alone as expected demand",
            "mean_ish": "p50 + mean_coefficient * (p90 - p50), computed outside the graph (float32 is fine); "
                        "mean_coefficient was fitted on the TRAINING windows so that its total equals the actual "
                        "total there; scored in the row 'demand-lstm (mean-ish point)'. Suggested for Forecast.mean",
            "mean_coefficient": round(mean_coef, 4),
        },
        "training": {
            "data_file": os.path.basename(a.data),
            "data_sha256": sha,
            "data_range": [series.stats["first_day"], series.stats["last_day"]],
            "training_days": [series.stats["first_day"], str(last_train_day)],
            "cutoff": str(cutoff),
            "demand_definition": "daily units per StockCode: lines of invoices not starting with C (cancellation) or A "
                                 "(bad-debt adjustment), Quantity > 0, UnitPrice > 0, StockCode (trimmed, upper-cased) "
                                 "matching ^[0-9]{5}[A-Z]{0,2}$ (drops POST, D, M, C2, DOT, BANK CHARGES, AMAZONFEE, "
                                 "CRUK, PADS, S, B, ADJUST*, TEST*, DCGS*, gift_*...); zero-filled calendar days",
            "loader_stats": series.stats,
            "skus": n_train_skus,
            "sku_rule": "first sale >= W+H days before the cutoff and >= %d sale days before it" % a.min_sale_days,
            "windows": n_train_windows,
            "window_rule": "every origin whose H target days end before the cutoff and whose W history days have a sale",
            "loss": "pinball loss at q=0.5 and q=0.9 on scaled units (target / scale), summed, mean over batch x H",
            "architecture": "LSTM(1 layer, hidden %d) over [z, dow_sin, dow_cos, days_to_christmas, log(scale)]; "
                            "head MLP(last hidden + log(scale) + z of the last %d days -> %d -> GELU -> 2H), dropout %.2f"
                            % (a.hidden, mmod.SKIP_DAYS, a.head_hidden, a.dropout),
            "parameters": n_params,
            "optimizer": "AdamW lr %g (one-cycle), weight decay %g, batch %d, grad clip 1.0" % (a.lr, a.weight_decay, a.batch_size),
            "epochs_run": len(hist),
            "samples_per_epoch": a.samples_per_epoch,
            "seed": a.seed,
            "threads": a.threads,
            "seconds": round(train_seconds, 1),
            "epoch_log": hist,
            "monitor_loss_note": "monitor_loss = the same loss on the validation origin (first forecast day = cutoff); "
                                 "logged only, not used for stopping",
            "software": {"python": platform.python_version(), "torch": torch.__version__,
                         "numpy": np.__version__},
        },
        "validation": {
            "definition": {
                "skus": "SKUs with a sale in the 56 days before the origin and non-zero in-sample naive MSE",
                "rmsse": "M5: per SKU sqrt(mean_h (y-f)^2 / mean_t (y_t - y_{t-1})^2), the denominator over the "
                         "in-sample days from the SKU's first sale to the day before the origin; unweighted mean over SKUs",
                "wape": "sum |f - y| / sum y over SKUs x horizon days",
                "bias": "sum (f - y) / sum y",
                "p90_coverage": "share of SKU-days with y <= p90",
                "pinball_pXX": "sum over SKU-days of the pinball loss at q / sum y",
                "point": "the point forecast scored by RMSSE/WAPE/bias; for demand-lstm it is p50",
                "moving-average-28 quantiles": "empirical p50/p90 (numpy linear) of the last 28 days, flat",
            },
            "first_origin": per_origin[0],
            "rolling_origins": [p["first_forecast_day"] for p in per_origin],
            "rolling_mean": rolling,
            "per_origin": per_origin[1:],
        },
        "attribution": ATTRIBUTION,
        "license_of_data": "CC BY 4.0",
    }


if __name__ == "__main__":
    sys.exit(main())
