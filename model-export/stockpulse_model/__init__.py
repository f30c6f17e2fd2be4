"""StockPulse demand model: training, validation and ONNX export of the global `demand-lstm`."""

MODEL_NAME = "demand-lstm"
WINDOW = 56
HORIZON = 28
QUANTILES = (0.5, 0.9)
INPUT_NAME = "input"
OUTPUT_NAME = "output"
OPSET = 17

ATTRIBUTION = (
    "Trained on the UCI Machine Learning Repository datasets \"Online Retail\" "
    "(doi:10.24432/C5BW33) and \"Online Retail II\" (doi:10.24432/C5CG6D) by Daqing Chen, "
    "licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). The model and the "
    "parity/validation figures are derived from that data (aggregated to daily units per StockCode)."
)
