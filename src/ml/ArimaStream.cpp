#include "ArimaStream.h"

#include "Stl.h"

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
    m_values.reserve(2 * size_t(config.maxTrainingSize));
    m_residuals.reserve(2 * size_t(config.maxTrainingSize));
    if (config.enableStl)
        m_raw.reserve(2 * size_t(config.maxTrainingSize));
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
        const double forecast = step->value + seasonalAhead(1);
        row.forecast = forecast;
        row.lowerBound = forecast - deviation;
        row.upperBound = forecast + deviation;
        row.isAnomaly = value < *row.lowerBound || value > *row.upperBound;
        row.aic = m_model->aic();
    }
    learn(value, row.forecast);
    if (step)
        row.rmse = recentRmse();
    return row;
}

std::vector<ForecastRow> ArimaStream::forecast(double value)
{
    const auto step = nextStep();
    learn(value, step ? std::optional<double>(step->value + seasonalAhead(1)) : std::nullopt);
    std::vector<ForecastRow> rows;
    if (!m_model || m_rows < m_config.minTrainingSize)
        return rows;
    const double rmse = recentRmse();
    int index = 1;
    for (const auto &ahead : m_model->forecast(m_values, m_residuals, m_config.horizon)) {
        const double deviation = m_z * std::sqrt(intervalVariance(ahead.variance));
        const double forecast = ahead.value + seasonalAhead(index);
        rows.push_back({index++, forecast, forecast - deviation, forecast + deviation, rmse, m_model->aic()});
    }
    return rows;
}

void ArimaStream::learn(double value, std::optional<double> forecastBefore)
{
    ++m_rows;
    ++m_sinceFit;
    // The model's own residual is on the adjusted scale; the season cancels out of it.
    const double residual = forecastBefore ? value - *forecastBefore : 0.0;
    if (m_config.enableStl) {
        m_raw.push_back(value);
        m_values.push_back(value - seasonalAhead(1));
        if (!m_season.empty())
            m_seasonCursor = (m_seasonCursor + 1) % m_season.size();
    } else {
        m_values.push_back(value);
    }
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
        if (m_config.enableStl)
            m_raw.erase(m_raw.begin(), m_raw.begin() + excess);
    }
    if (m_rows >= m_config.minTrainingSize && (!m_model || m_sinceFit >= m_config.updateInterval))
        refit();
}

void ArimaStream::refit()
{
    m_sinceFit = 0;
    const size_t size = std::min(m_values.size(), size_t(m_config.maxTrainingSize));
    if (m_config.enableStl)
        removeSeason(size);
    const std::span<const double> window(m_values.data() + (m_values.size() - size), size);
    const bool automatic = !m_config.p || !m_config.d || !m_config.q;
    std::optional<ArimaModel> fitted;
    if (m_model && (!automatic || m_fits % kReselectOrderEvery != 0))
        fitted = ArimaModel::fit(window, m_model->order(), &*m_model);
    else if (automatic)
        fitted = ArimaModel::fitAuto(window, m_config.p, m_config.d, m_config.q, &m_searched);
    else
        fitted = ArimaModel::fit(window, {*m_config.p, *m_config.d, *m_config.q});
    ++m_fits;
    if (!fitted)
        return; // e.g. a constant stretch: keep the previous model, if any
    m_model = std::move(fitted);
    // At 99 % and above the band follows the residuals' own tail where it is heavier than normal.
    const double tail = m_config.confidencePercentage >= 99.0 ? m_model->tailFactor() : 1.0;
    m_bandVariance = std::max(m_model->robustSigma2() * tail * tail, m_bandVariance * m_bandDecay);
    // The model's own one-step residuals over the window drive its MA terms from here on.
    const auto residuals = m_model->residuals(window);
    std::copy(residuals.begin(), residuals.end(), m_residuals.end() - long(residuals.size()));
}

double ArimaStream::seasonalAhead(int ahead) const
{
    if (m_season.empty())
        return 0.0;
    return m_season[(m_seasonCursor + size_t(ahead - 1)) % m_season.size()];
}

void ArimaStream::removeSeason(size_t windowSize)
{
    const std::span<const double> raw(m_raw.data() + (m_raw.size() - windowSize), windowSize);
    const auto parts = stlDecompose(raw, m_config.m);
    if (parts.seasonal.empty())
        return; // fewer than two seasons: keep the previous adjustment
    // One profile per phase, the mean of STL's seasonal over the window's seasons: the
    // window is adjusted with the same profile the forecasts will use, so the model's
    // residuals (and the band) include the profile's own error, as forecasts will.
    const size_t period = size_t(m_config.m);
    std::vector<double> sum(period, 0.0);
    std::vector<int> count(period, 0);
    // Phase 0 is the phase of the next row: the row one season before it, and every season back.
    for (size_t back = 1; back <= windowSize; ++back) {
        const size_t phase = (period - back % period) % period;
        sum[phase] += parts.seasonal[windowSize - back];
        ++count[phase];
    }
    m_season.resize(period);
    for (size_t phase = 0; phase < period; ++phase)
        m_season[phase] = sum[phase] / count[phase];
    m_seasonCursor = 0;
    for (size_t back = 1; back <= windowSize; ++back)
        m_values[m_values.size() - back] = m_raw[m_raw.size() - back] - m_season[(period - back % period) % period];
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
    return std::sqrt(std::accumulate(m_recentSquaredErrors.begin(), m_recentSquaredErrors.end(), 0.0) /
                     double(m_recentSquaredErrors.size()));
}

} // namespace pitwall::ml
