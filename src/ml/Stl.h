#pragma once
// STL: Seasonal-Trend decomposition by LOESS (Cleveland, Cleveland, McRae & Terpenning,
// 1990), the non-robust form with five inner passes, local-linear smoothers and the
// paper's default spans - what statsmodels' STL(period=m) does with its defaults. It is
// what ML_DETECT_ANOMALIES / ML_FORECAST run before ARIMA when enableStl is TRUE.

#include <span>
#include <vector>

namespace pitwall::ml {

struct StlDecomposition {
    std::vector<double> seasonal;
    std::vector<double> trend;
    std::vector<double> remainder;
};

struct StlSpans {
    int seasonal = 7; // odd, >= 7: smoothness of each cycle-subseries
    int trend = 0;    // 0: the smallest odd integer >= 1.5 m / (1 - 1.5 / seasonal)
    int lowPass = 0;  // 0: the smallest odd integer > m
};

// Needs period >= 2 and at least two full periods of data; otherwise returns an empty result.
StlDecomposition stlDecompose(std::span<const double> series, int period, StlSpans spans = {});

} // namespace pitwall::ml
