#pragma once
// One partition's streaming ARIMA, with the semantics of Confluent Flink's
// ML_DETECT_ANOMALIES and ML_FORECAST (../shared/spec section 1): a sliding window of
// the last maxTrainingSize rows, no output before minTrainingSize rows, a refit every
// updateInterval rows (warm-started; the order re-chosen now and then when automatic),
// and O(p + q) work per row in between. With enableStl, each refit first removes an STL
// seasonal component of period m from the window; the ARIMA models what is left, and the
// last season's profile is added back to every forecast.

#include "ArimaConfig.h"
#include "ArimaModel.h"

#include <optional>
#include <vector>

namespace pitwall::ml {

// A row of ML_DETECT_ANOMALIES, fields in Confluent's order (timestamp is the caller's).
struct DetectionRow {
    double actual = 0;
    std::optional<double> forecast;
    std::optional<double> lowerBound;
    std::optional<double> upperBound;
    std::optional<bool> isAnomaly; // nullopt while the model warms up
    std::optional<double> rmse;    // of the last evalWindowSize one-step errors
    std::optional<double> aic;
};

// One step of ML_FORECAST's array.
struct ForecastRow {
    int step = 1;
    double forecast = 0;
    double lowerBound = 0;
    double upperBound = 0;
    double rmse = 0;
    double aic = 0;
};

class ArimaStream {
public:
    explicit ArimaStream(ArimaConfig config);

    // Judges `value` against the forecast made before it arrived, then learns it.
    DetectionRow detect(double value);
    // Learns `value`, then forecasts `horizon` steps ahead (empty while warming up).
    std::vector<ForecastRow> forecast(double value);

    const std::optional<ArimaModel> &model() const { return m_model; }
    int rows() const { return m_rows; }

private:
    std::optional<ForecastStep> nextStep() const;
    void learn(double value, std::optional<double> forecastBefore);
    void refit();
    double recentRmse() const;
    // Scales a model variance to the interval's: the band may widen at once, but narrows
    // no faster than it can forget (see kBandHalfLifeWindows).
    double intervalVariance(double modelVariance) const;
    // The seasonal component expected `ahead` rows after the last one learned (0 without STL).
    double seasonalAhead(int ahead) const;
    void removeSeason(size_t windowSize);

    ArimaConfig m_config;
    double m_z;
    std::vector<double> m_values;    // sliding window, trimmed to maxTrainingSize (seasonally adjusted with STL)
    std::vector<double> m_raw;       // with STL: the same window as it arrived
    std::vector<double> m_season;    // with STL: the last season's profile, m values
    size_t m_seasonCursor = 0;       // index in m_season of the next row's phase
    std::vector<double> m_residuals; // aligned with m_values
    std::vector<double> m_recentSquaredErrors;
    std::optional<ArimaModel> m_model;
    std::vector<ArimaModel> m_searched; // the last order search's fit of every order, its next starts
    double m_bandVariance = 0;          // one-step interval variance: max(model's, decayed previous)
    double m_bandDecay = 1;             // per refit
    int m_rows = 0;
    int m_sinceFit = 0;
    int m_fits = 0;
};

} // namespace pitwall::ml
