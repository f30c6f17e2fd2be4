#!/usr/bin/env python3
"""Train, calibrate, validate and export the StockPulse `demand-lstm` forecaster (contract v2).

  python model-export/train.py --data FILE.csv[.gz] --version lstm-v2 --cutoff 2011-06-01 --out DIR [--smoke]

Writes DIR/model.onnx, DIR/metadata.json (the model card), the validation report and the Java
parity reference (DIR/demand-lstm-parity.json unless --parity-out is given).

Time line (all before --cutoff is training material; the cutoff starts the test window):
  training windows: targets end before cutoff - calibration_days
  calibration:      weekly origins whose 28 target days lie in [cutoff - calibration_days, cutoff)
  test:             weekly origins cutoff + 7k, 28 days each, while data lasts
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from types import SimpleNamespace

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from stockpulse_model import HORIZON, MODEL_NAME, WINDOW  # noqa: E402
from stockpulse_model import calibration as cal  # noqa: E402
from stockpulse_model import card  # noqa: E402
from stockpulse_model import data as dmod  # noqa: E402
from stockpulse_model import evaluation as ev  # noqa: E402
from stockpulse_model import export as ex  # noqa: E402
from stockpulse_model import model as mmod  # noqa: E402
from stockpulse_model import parity as pmod  # noqa: E402
from stockpulse_model import synthetic as syn  # noqa: E402
from stockpulse_model import training as tr  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="online_retail CSV (optionally .gz)")
    p.add_argument("--version", required=True, help="model version written to metadata.json, e.g. lstm-v2")
    p.add_argument("--cutoff", default="2011-06-01", help="first day of the test window, NOT used for training or calibration")
    p.add_argument("--out", help="output directory (default for --smoke: a new temp dir)")
    p.add_argument("--smoke", action="store_true", help="tiny run: 100 SKUs, 1 short epoch, 2 origins")
    p.add_argument("--parity-out", help="parity JSON path (default OUT/demand-lstm-parity.json)")
    p.add_argument("--report", help="validation markdown (default OUT/validation.md)")
    p.add_argument("--previous-model", help="directory of the previous model (v1 contract) to compare with")
    p.add_argument("--calibration-days", type=int, default=56, help="days before the cutoff held out for calibration")
    p.add_argument("--epochs", type=int, default=8)
    p.add_argument("--samples-per-epoch", type=int, default=120_000)
    p.add_argument("--synthetic-series", type=int, default=1500, help="synthetic smooth series added to training")
    p.add_argument("--synthetic-share", type=float, default=0.25, help="share of training windows from them")
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--weight-decay", type=float, default=1e-4)
    p.add_argument("--hidden", type=int, default=64)
    p.add_argument("--head-hidden", type=int, default=128)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--min-sale-days", type=int, default=10, help="training SKUs: sale days before the calibration period")
    p.add_argument("--first-origin", type=int, default=WINDOW,
                   help="first training origin (day index); below %d the history is left-padded (short data files)" % WINDOW)
    p.add_argument("--origins", type=int, default=10, help="test origins: cutoff + 7k days, while data lasts")
    p.add_argument("--second-retailer-series", type=int, default=500)
    p.add_argument("--time-budget", type=float, default=1200.0, help="stop training after the epoch that passes this many seconds")
    p.add_argument("--seed", type=int, default=20261202)
    p.add_argument("--threads", type=int, default=1)
    return p.parse_args(argv)


def prepare(a, log) -> SimpleNamespace:
    """Loads the data, fixes the time line, picks training SKUs and builds the window sampler."""
    log("[1/7] loading %s" % a.data)
    d = SimpleNamespace(sha=dmod.sha256_of(a.data), series=dmod.build_daily(a.data), cutoff=dt.date.fromisoformat(a.cutoff))
    log("  %s" % json.dumps(d.series.stats))
    d.c_idx = d.series.day_index(d.cutoff)
    d.cal_idx = d.c_idx - a.calibration_days
    if not (a.first_origin + HORIZON <= d.cal_idx <= d.c_idx - HORIZON and d.c_idx <= d.series.n_days - HORIZON):
        raise SystemExit("cutoff %s leaves no room for training, calibration or testing" % d.cutoff)
    d.units = d.series.units
    n_real = d.units.shape[0]
    pre = d.units[:, :d.cal_idx] > 0
    first_sale = np.where(pre.any(axis=1), pre.argmax(axis=1), d.cal_idx)
    d.train_rows = np.nonzero((d.cal_idx - first_sale >= a.first_origin + HORIZON) & (pre.sum(axis=1) >= a.min_sale_days))[0]
    d.eval_candidates = np.arange(n_real)
    if a.smoke:
        rng = np.random.default_rng(a.seed)
        d.train_rows = np.sort(rng.choice(d.train_rows, size=min(100, len(d.train_rows)), replace=False))
        d.eval_candidates = d.train_rows
    # Synthetic smooth series on the same calendar, appended as extra rows (training only).
    synthetic = syn.generate(a.synthetic_series, d.series.first_day, d.series.n_days, syn.TRAINING, seed=a.seed + 1)
    d.windows = tr.Windows(np.concatenate([d.units, synthetic]), d.series.first_day)
    d.train_pairs = d.windows.pairs(d.train_rows, a.first_origin, d.cal_idx - HORIZON)
    d.syn_pairs = d.windows.pairs(np.arange(n_real, n_real + len(synthetic)), a.first_origin, d.cal_idx - HORIZON)
    log("  training SKUs %d, windows %d real + %d synthetic (origins %s .. %s); calibration %s .. %s; test from %s" % (
        len(d.train_rows), len(d.train_pairs), len(d.syn_pairs), d.series.date_at(a.first_origin),
        d.series.date_at(d.cal_idx - HORIZON), d.series.date_at(d.cal_idx), d.series.date_at(d.c_idx - 1), d.cutoff))
    return d


def calibrate(a, d, predict, log, table: dict | None = None) -> tuple[dict, dict]:
    """Conformal table (unless given) and the point rule, from weekly origins whose targets lie in
    [cutoff - calibration_days, cutoff)."""
    log("[3/7] calibration on held-out origins %s .. " % d.series.date_at(d.cal_idx))
    cal_origins = list(range(d.cal_idx, d.c_idx - HORIZON + 1, 7))
    xs, ys, scales = [], [], []
    for o in cal_origins:
        rows, rmsse_scale = ev.eval_rows(d.units, o, d.eval_candidates)
        x, y = d.windows.batch(np.stack([rows, np.full(len(rows), o)], axis=1))
        xs.append(x)
        ys.append(y)
        scales.append(rmsse_scale)
    x_cal, y_cal = np.concatenate(xs), np.concatenate(ys)
    out = predict(x_cal)
    if table is None:
        table = cal.fit(out, y_cal, x_cal, min_windows=50 if a.smoke else 200)
        table["origins"] = [str(d.series.date_at(o)) for o in cal_origins]
    rule = cal.fit_point(cal.apply(out, x_cal, table), y_cal.astype(np.float64), np.concatenate(scales))
    log("  %d windows, per band %s; point rule %s" % (len(x_cal), table["windows_per_band"],
                                                      {k: v for k, v in rule.items() if k != "calibration_rmsse_bias"}))
    return table, rule


def load_previous(directory: str | None):
    """(predict on [N, 56, 4] -> [N, 28, 2], mean coefficient) of a contract-1 model, or None."""
    if not directory:
        return None
    sess = ex.ort_session(os.path.join(directory, "model.onnx"))
    with open(os.path.join(directory, "metadata.json")) as f:
        coefficient = json.load(f)["point_forecast"]["mean_coefficient"]
    return (lambda x: ex.ort_run(sess, x), coefficient)


def validate(a, d, predict, table, rule, previous, log) -> SimpleNamespace:
    """Test window on Online Retail and the held-out synthetic second retailer."""
    log("[4/7] test window from %s (model trained and calibrated on days < %s only)" % (d.cutoff, d.cutoff))
    v = SimpleNamespace()
    v.origins = [d.c_idx + 7 * k for k in range(a.origins) if d.c_idx + 7 * k + HORIZON <= d.series.n_days]
    v.test = ev.average([ev.evaluate_origin(d.windows, d.units, o, d.eval_candidates, predict, table, d.series.price,
                                            previous, rule) for o in v.origins])
    log(ev.tables(v.test))
    log("[5/7] synthetic second retailer (never seen in training)")
    first2, units2 = syn.second_retailer(seed=a.seed + 2, n_series=a.second_retailer_series)
    windows2 = tr.Windows(units2, first2)
    n_days2 = units2.shape[1]
    v.n_series2, v.n_days2 = len(units2), n_days2
    v.origins2 = [n_days2 - 91 + 7 * k for k in range(a.origins) if n_days2 - 91 + 7 * k + HORIZON <= n_days2]
    v.second = ev.average([ev.evaluate_origin(windows2, units2, o, np.arange(len(units2)), predict, table, None, previous,
                                              rule) for o in v.origins2])
    log(ev.tables(v.second))
    return v


def export(a, d, model, mon, table, out, parity_path, log) -> SimpleNamespace:
    """ONNX file, onnxruntime checks and the Java parity reference; exits non-zero on a failed check."""
    log("[6/7] ONNX export and parity reference")
    e = SimpleNamespace(onnx_path=os.path.join(out, "model.onnx"))
    ex.export_onnx(model, e.onnx_path)
    sess = ex.ort_session(e.onnx_path)
    e.io_desc = ex.describe_io(sess)
    e.diffs = ex.check_batches(sess, model, mon[0][:64] if len(mon[0]) >= 64 else np.repeat(mon[0], 64, axis=0)[:64])
    log("  %s (%d bytes); onnxruntime vs PyTorch: %s" % (e.onnx_path, os.path.getsize(e.onnx_path), e.diffs))
    cases = pmod.make_cases(d.series, d.windows, d.c_idx, model, d.eval_candidates, table, n=32)
    parity = {"max_abs": pmod.ort_max_abs_diff(sess, cases), "max_relative": pmod.ort_max_rel_diff(sess, cases)}
    pmod.write(parity_path, cases, meta={"model": MODEL_NAME, "version": a.version, "tolerance_relative": 1e-4,
                                        "note": "output is from PyTorch (float32); onnxruntime on these cases: %s" % parity,
                                        "attribution": card.ATTRIBUTION})
    log("  %d cases -> %s; onnxruntime vs PyTorch %s" % (len(cases), parity_path, parity))
    if parity["max_relative"] > 1e-4:
        raise SystemExit("parity check failed: %s" % parity)
    e.diffs["parity_cases"] = parity
    return e


def main(argv=None) -> int:
    a = parse_args(argv)
    t_start = time.time()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    np.random.seed(a.seed % (2 ** 32))
    if a.smoke:
        a.epochs, a.samples_per_epoch, a.origins = 1, 4096, 2
        a.synthetic_series, a.second_retailer_series = 100, 60
    out = a.out or tempfile.mkdtemp(prefix="demand-lstm-smoke-")
    os.makedirs(out, exist_ok=True)
    parity_path = a.parity_out or os.path.join(out, "demand-lstm-parity.json")
    report_path = a.report or os.path.join(out, "validation.md")
    log = lambda *s: print(*s, flush=True)  # noqa: E731
    d = prepare(a, log)

    log("[2/7] training")
    model = mmod.DemandModel(hidden=a.hidden, head_hidden=a.head_hidden, dropout=a.dropout)
    mrows, _ = ev.eval_rows(d.units, d.cal_idx, d.eval_candidates)
    mon = d.windows.batch(np.stack([mrows, np.full(len(mrows), d.cal_idx)], axis=1))
    t0 = time.time()
    hist = tr.train(model, d.windows, d.train_pairs, epochs=a.epochs, samples_per_epoch=a.samples_per_epoch,
                    batch_size=a.batch_size, lr=a.lr, weight_decay=a.weight_decay, seed=a.seed, log=log,
                    synthetic_pairs=d.syn_pairs, synthetic_share=a.synthetic_share, monitor=mon, time_budget_s=a.time_budget)
    train_seconds = time.time() - t0
    predict = lambda x: tr.predict(model, x)  # noqa: E731

    table, rule = calibrate(a, d, predict, log)
    v = validate(a, d, predict, table, rule, load_previous(a.previous_model), log)
    e = export(a, d, model, mon, table, out, parity_path, log)

    log("[7/7] model card and report")
    cmd = "python model-export/train.py " + " ".join(sys.argv[1:]) if argv is None else "train.main(%r)" % argv
    meta = card.build(a, d.series, d.sha, d.cutoff, d.cal_idx, d.train_rows, d.train_pairs, d.syn_pairs,
                      sum(p.numel() for p in model.parameters()), hist, train_seconds, table, rule,
                      {"origins": [str(d.series.date_at(o)) for o in v.origins], "results": v.test},
                      {"origins": v.origins2, "series": v.n_series2, "results": v.second}, e.io_desc,
                      e.diffs, os.path.getsize(e.onnx_path), cmd)
    with open(os.path.join(out, "metadata.json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    with open(report_path, "w") as f:
        f.write(card.report(a, cmd, d.series, v.origins, d.cutoff, v.test, v.second, v.n_series2, v.origins2, v.n_days2,
                            table))
    log("wrote %s, %s, %s, %s in %.0fs total" % (e.onnx_path, os.path.join(out, "metadata.json"), report_path,
                                              parity_path, time.time() - t_start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
