#pragma once
// The JSON configuration of ML_DETECT_ANOMALIES / ML_FORECAST (../shared/spec section
// 1.3): the same keys as Confluent Cloud Flink, validated, with overridable defaults.

#include "core/Expected.h"

#include <QByteArrayView>
#include <QStringList>
#include <optional>

namespace pitwall::ml {

struct ArimaConfig {
    int minTrainingSize = 128;
    int maxTrainingSize = 512;
    double confidencePercentage = 99.0;
    int horizon = 1;
    std::optional<int> p, d, q; // unset: chosen automatically by AIC
    int updateInterval = 5;     // refit every N rows; in between, O(p+q) updates
    int evalWindowSize = 5;     // recent one-step errors kept for the reported RMSE
    bool enableStl = false;     // remove an STL seasonal component of period m before ARIMA
    int m = 0;                  // season length in rows (with enableStl)

    // Parses a JSON object such as {"horizon":1,"confidencePercentage":90,"minTrainingSize":16}.
    static Expected<ArimaConfig> fromJson(QByteArrayView json);
    // The keys fromJson reads: Confluent's, in its documentation's order.
    static const QStringList &keys();
};

// z such that a two-sided interval of `confidencePercentage` is +-z standard deviations.
double zForConfidence(double confidencePercentage);

} // namespace pitwall::ml
