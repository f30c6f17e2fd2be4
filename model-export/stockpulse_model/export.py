"""ONNX export (legacy TorchScript exporter, opset 17, dynamic batch) and onnxruntime checks."""
from __future__ import annotations

import warnings

import numpy as np
import torch

from . import HORIZON, INPUT_NAME, LEVELS, OPSET, OUTPUT_COLS, OUTPUT_NAME, OUTPUT_ROWS
from .model import DemandModel


def export_onnx(model: DemandModel, path: str, opset: int = OPSET) -> None:
    model.eval()
    dummy = torch.zeros(2, model.context, model.n_features, dtype=torch.float32)
    dummy[:, :, 0] = 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            model, (dummy,), path,
            input_names=[INPUT_NAME], output_names=[OUTPUT_NAME],
            dynamic_axes={INPUT_NAME: {0: "batch"}, OUTPUT_NAME: {0: "batch"}},
            opset_version=opset, do_constant_folding=True, dynamo=False,
        )
    import onnx
    m = onnx.load(path)
    onnx.checker.check_model(m)
    # Record the contract in the model itself as well.
    for k, v in (("model", "demand-lstm"), ("contract", "input [batch,364,4] raw units+calendar -> output [batch,31,6]: rows 0..27 daily, "
                                                   "28..30 cumulative 7/14/28 days; cols quantiles 0.5,0.8,0.9,0.95,0.99 then mean (units)")):
        p = m.metadata_props.add()
        p.key, p.value = k, v
    onnx.save(m, path)


def ort_session(path: str):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    return ort.InferenceSession(path, sess_options=so, providers=["CPUExecutionProvider"])


def ort_run(sess, x: np.ndarray, batch_size: int = 1024) -> np.ndarray:
    outs = [sess.run([OUTPUT_NAME], {INPUT_NAME: x[i:i + batch_size]})[0] for i in range(0, len(x), batch_size)]
    return np.concatenate(outs, axis=0)


def describe_io(sess) -> dict:
    i, o = sess.get_inputs()[0], sess.get_outputs()[0]
    return {"input": {"name": i.name, "shape": [str(d) for d in i.shape], "type": i.type},
            "output": {"name": o.name, "shape": [str(d) for d in o.shape], "type": o.type}}


def check_batches(sess, model: DemandModel, x: np.ndarray) -> dict:
    """Runs batch 1 and batch 64 through onnxruntime and PyTorch; checks shapes, quantiles >= 0 and
    monotone in level (and cumulative ones in horizon), and agreement (relative to max(1, |value|));
    returns the max abs diffs."""
    res = {}
    for b in (1, 64):
        xb = x[:b]
        got = sess.run([OUTPUT_NAME], {INPUT_NAME: xb})[0]
        with torch.no_grad():
            ref = model(torch.from_numpy(xb)).numpy()
        if got.shape != (b, OUTPUT_ROWS, OUTPUT_COLS):
            raise AssertionError("onnxruntime output shape %s for batch %d" % (got.shape, b))
        q = got[:, :, :len(LEVELS)]
        if not (np.all(q >= 0) and np.all(np.diff(q, axis=2) >= 0) and np.all(np.diff(q[:, HORIZON:], axis=1) >= 0)):
            raise AssertionError("onnxruntime output is not monotone in level and cumulative horizon")
        rel = np.abs(got - ref) / np.maximum(1.0, np.abs(ref))
        if rel.max() > 1e-5:
            raise AssertionError("onnxruntime differs from PyTorch: %.3g relative" % rel.max())
        res["batch_%d" % b] = float(np.abs(got - ref).max())
        res["batch_%d_relative" % b] = float(rel.max())
    return res
