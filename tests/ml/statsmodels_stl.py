#!/usr/bin/python3
"""Reference for tst_arima: statsmodels' STL (non-robust, default spans) on a seeded
seasonal series. Prints the series, the seasonal and the trend components as JSON.
Usage: statsmodels_stl.py SEED PERIOD N"""
import json
import sys

import numpy as np
from statsmodels.tsa.seasonal import STL

seed, period, n = (int(a) for a in sys.argv[1:4])
rng = np.random.default_rng(seed)
t = np.arange(n)
series = 50 + 0.02 * t + 8 * np.sin(2 * np.pi * t / period) + 3 * np.cos(4 * np.pi * t / period) + rng.normal(0, 1, n)
result = STL(series, period=period).fit()
print(json.dumps({"series": series.tolist(), "seasonal": result.seasonal.tolist(), "trend": result.trend.tolist()}))
