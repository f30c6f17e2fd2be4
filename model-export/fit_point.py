#!/usr/bin/env python3
"""Fit the point-forecast rule of an already exported model and re-run its validation, without
retraining (the ONNX graph is run through onnxruntime; the calibration table is the model's own).

  python model-export/fit_point.py --model-dir DIR [train.py's data/cutoff/seed options] --version V

Updates DIR/metadata.json (`point_forecast`, `validation`) and rewrites the report (--report). train.py
does the same step itself after calibration; this exists for lstm-v2, exported before the step did.
"""
from __future__ import annotations

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import train  # noqa: E402
from stockpulse_model import card  # noqa: E402
from stockpulse_model import export as ex  # noqa: E402


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    model_dir = argv.pop(argv.index("--model-dir") + 1)
    argv.remove("--model-dir")
    a = train.parse_args(argv)
    log = lambda *s: print(*s, flush=True)  # noqa: E731
    meta_path = os.path.join(model_dir, "metadata.json")
    with open(meta_path) as f:
        meta = json.load(f)
    sess = ex.ort_session(os.path.join(model_dir, "model.onnx"))
    predict = lambda x: ex.ort_run(sess, x)  # noqa: E731
    d = train.prepare(a, log)
    table, rule = train.calibrate(a, d, predict, log, table=meta["calibration"])
    v = train.validate(a, d, predict, table, rule, train.load_previous(a.previous_model), log)
    cmd = "python model-export/fit_point.py " + " ".join(sys.argv[1:])
    meta["point_forecast"] = {**rule, "fitted_by": cmd,
                              "rules": "mean_head: the mean column (trained for squared error); blend: p50 + "
                                       "coefficient * (p90 - p50) of the CALIBRATED daily quantiles"}
    meta["validation"] = {"test": {"origins": [str(d.series.date_at(o)) for o in v.origins], "results": v.test},
                          "second_retailer": {"origins": v.origins2, "series": v.n_series2, "results": v.second}}
    with open(meta_path, "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    report = a.report or os.path.join(model_dir, "validation.md")
    with open(report, "w") as f:
        f.write(card.report(a, meta["produced_by"] + "`, then `" + cmd, d.series, v.origins, d.cutoff, v.test, v.second,
                            v.n_series2, v.origins2, v.n_days2, table))
    log("point rule %s; wrote %s and %s" % ({k: x for k, x in rule.items() if k != "calibration_rmsse_bias"}, meta_path, report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
