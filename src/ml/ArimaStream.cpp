#include "ArimaStream.h"

#include <cmath>
#include <numeric>

namespace pitwall::ml {

namespace {

constexpr int kReselectOrderEvery = 100; // refits between automatic order searches
// A window that turns quiet (a stuck sensor, a car parked in the pit lane) would collapse
// the band, and the first normal noise after it would raise a burst of false alarms.
// So the interval variance halves at most once every this many windows.
constexpr double kBandHalfLifeWindows = 4.0;

} // namespace

ArimaStream::ArimaStream(ArimaConfig config)
    : m_config(config)
    , m_z(zForConfidence(config.confidencePercentage))
{
    m_values.reserve(size_t(2 * config.maxTrainingSize));
    m_residuals.reserve(size_t(2 * config.maxTrainingSize));
    m_bandDecay = std::pow(0.5, double(config.updateInterval) / (kBandHalfLifeWindows * config.maxTrainingSize));
}

std::optional<ForecastStep> ArimaStream::nextStep() const
{
    if (!m_model || m_rows < m_config.minTrainingSize)
        return std::nullopt;
    return m_model->nextStep(m_values, m_residuals);
}

DetectionRow ArimaStream::detect(double value)
{
    DetectionRow row;
    row.actual = value;
    const auto step = nextStep();
    if (step) {
        const double deviation = m_z * std::sqrt(intervalVariance(step->variance));
        row.forecast = step->value;
        row.lowerBound = step->value - deviation;
        row.upperBound = step->value + deviation;
        row.isAnomaly = value < *row.lowerBound || value > *row.upperBound;
        row.aic = m_model->aic();
    }
    learn(value, step ? std::optional<double>(step->value) : std::nullopt);
    if (step)
        row.rmse = recentRmse();
    return row;
}

std::vector<ForecastRow> ArimaStream::forecast(double value)
{
    const auto step = nextStep();
    learn(value, step ? std::optional<double>(step->value) : std::nullopt);
    std::vector<ForecastRow> rows;
    if (!m_model || m_rows < m_config.minTrainingSize)
        return rows;
    const double rmse = recentRmse();
    int index = 1;
    for (const auto &ahead : m_model->forecast(m_values, m_residuals, m_config.horizon)) {
        const double deviation = m_z * std::sqrt(intervalVariance(ahead.variance));
        rows.push_back({index++, ahead.value, ahead.value - deviation, ahead.value + deviation, rmse, m_model->aic()});
    }
    return rows;
}

void ArimaStream::learn(double value, std::optional<double> forecastBefore)
{
    ++m_rows;
    ++m_sinceFit;
    const double residual = forecastBefore ? value - *forecastBefore : 0.0;
    m_values.push_back(value);
    m_residuals.push_back(residual);
    if (forecastBefore) {
        m_recentSquaredErrors.push_back(residual * residual);
        if (int(m_recentSquaredErrors.size()) > m_config.evalWindowSize)
            m_recentSquaredErrors.erase(m_recentSquaredErrors.begin());
    }
    // Keep the window: trim in bulk so the cost per row stays constant.
    if (int(m_values.size()) >= 2 * m_config.maxTrainingSize) {
        const long excess = long(m_values.size()) - m_config.maxTrainingSize;
        m_values.erase(m_values.begin(), m_values.begin() + excess);
        m_residuals.erase(m_residuals.begin(), m_residuals.begin() + excess);
    }
    if (m_rows >= m_config.minTrainingSize && (!m_model || m_sinceFit >= m_config.updateInterval))
        refit();
}

void ArimaStream::refit()
{
    m_sinceFit = 0;
    const size_t size = std::min(m_values.size(), size_t(m_config.maxTrainingSize));
    const std::span<const double> window(m_values.data() + (m_values.size() - size), size);
    const bool automatic = !m_config.p || !m_config.d || !m_config.q;
    std::optional<ArimaModel> fitted;
    if (m_model && (!automatic || m_fits % kReselectOrderEvery != 0))
        fitted = ArimaModel::fit(window, m_model->order(), &*m_model);
    else if (automatic)
        fitted = ArimaModel::fitAuto(window, m_config.p, m_config.d, m_config.q);
    else
        fitted = ArimaModel::fit(window, {*m_config.p, *m_config.d, *m_config.q});
    ++m_fits;
    if (!fitted)
        return; // e.g. a constant stretch: keep the previous model, if any
    m_model = std::move(fitted);
    m_bandVariance = std::max(m_model->robustSigma2(), m_bandVariance * m_bandDecay);
    // The model's own one-step residuals over the window drive its MA terms from here on.
    const auto residuals = m_model->residuals(window);
    std::copy(residuals.begin(), residuals.end(), m_residuals.end() - long(residuals.size()));
}

double ArimaStream::intervalVariance(double modelVariance) const
{
    const double modelOneStep = m_model->robustSigma2();
    return modelOneStep > 0 ? modelVariance * (m_bandVariance / modelOneStep) : modelVariance;
}

double ArimaStream::recentRmse() const
{
    if (m_recentSquaredErrors.empty())
        return 0.0;
    return std::sqrt(std::accumulate(m_recentSquaredErrors.begin(), m_recentSquaredErrors.end(), 0.0)
                     / double(m_recentSquaredErrors.size()));
}

} // namespace pitwall::ml
