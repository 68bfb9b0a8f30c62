#!/usr/bin/python3
"""Benchmark baseline for bench_arima: seconds per statsmodels ARIMA(1,1,1) refit on a
512-sample window, the cost of refitting from scratch for every new sample.
Usage: statsmodels_refit_timing.py REFITS; prints JSON."""
import json
import sys
import time
import warnings

import numpy as np
from statsmodels.tsa.arima.model import ARIMA

warnings.simplefilter("ignore")
refits = int(sys.argv[1])
rng = np.random.default_rng(11)
series = np.cumsum(rng.normal(0, 1, 512 + refits)) + 90.0
start = time.perf_counter()
for i in range(refits):
    ARIMA(series[i:i + 512], order=(1, 1, 1)).fit()
elapsed = time.perf_counter() - start
print(json.dumps({"refits": refits, "seconds_per_refit": elapsed / refits}))
