#!/usr/bin/python3
"""Reference for tst_arima: fits statsmodels' ARIMA (exact maximum likelihood) to a
seeded synthetic series and prints the series, the order and the one-step-ahead
in-sample RMSE as JSON. Usage: statsmodels_reference.py SEED P D Q"""
import json
import sys

import numpy as np
from statsmodels.tsa.arima.model import ARIMA

seed, p, d, q = (int(a) for a in sys.argv[1:5])
rng = np.random.default_rng(seed)
burn, n = 200, 512
shocks = rng.normal(0.0, 1.0, n + burn)
w = np.zeros(n + burn)
for t in range(2, n + burn):
    w[t] = 0.55 * w[t - 1] - 0.2 * w[t - 2] * (p > 1) + shocks[t] + 0.35 * shocks[t - 1] * (q > 0)
series = w[burn:]
for _ in range(d):
    series = np.cumsum(series)
series = series + 90.0
fit = ARIMA(series, order=(p, d, q)).fit()
start = 20
predicted = fit.get_prediction(start=start, dynamic=False).predicted_mean
rmse = float(np.sqrt(np.mean((series[start:] - predicted) ** 2)))
print(json.dumps({"series": series.tolist(), "start": start, "rmse": rmse, "params": fit.params.tolist()}))
