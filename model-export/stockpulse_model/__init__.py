"""StockPulse demand model: training, validation and ONNX export of the global `demand-lstm`."""

MODEL_NAME = "demand-lstm"
CONTEXT = 364          # days of raw history fed to the graph (long-window statistics, last year's same weeks)
WINDOW = 56            # the most recent days the LSTM runs over
HORIZON = 28
LEVELS = (0.5, 0.8, 0.9, 0.95, 0.99)   # quantile levels, daily and cumulative
CUM_HORIZONS = (7, 14, 28)             # cumulative (lead-time) demand horizons in days
OUTPUT_ROWS = HORIZON + len(CUM_HORIZONS)   # output[b][r]: r < H daily, then one row per cumulative horizon
OUTPUT_COLS = len(LEVELS) + 1               # output[b][r][c]: c < len(LEVELS) quantiles, last = mean
INPUT_NAME = "input"
OUTPUT_NAME = "output"
OPSET = 17

ATTRIBUTION = (
    "Trained on the UCI Machine Learning Repository datasets \"Online Retail\" "
    "(doi:10.24432/C5BW33) and \"Online Retail II\" (doi:10.24432/C5CG6D) by Daqing Chen, "
    "licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). The model and the "
    "parity/validation figures are derived from that data (aggregated to daily units per StockCode)."
)
