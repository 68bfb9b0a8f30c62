#include "WheelSetDetector.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace pitwall::ml {

namespace {

constexpr double kScaleRows = 3000.0;  // 5 minutes at 10 Hz make a wheel's usual distance
constexpr double kMadToSigma = 1.2533; // mean absolute deviation to standard deviation (normal)
constexpr double kSpreadClip = 2.0;    // a row teaches a slot at most this many usual distances
constexpr int kLearnRows = 50;         // judged rows before the band is trusted
constexpr double kGainRows = 3000.0;   // rows that make a wheel's gain against the rest of the car
constexpr double kMaxGain = 3.0;
constexpr int kGainTrustRows = 1200; // judged rows before the learned gain alone is trusted
constexpr double kWarmGainLow = 0.5; // until then any gain in this range explains a row
constexpr double kWarmGainHigh = 2.0;
constexpr double kLineCrossingM = 200.0; // the lap distance falling this far: a new lap
constexpr int kBaselineLaps = 1;         // previous laps at a point before its rows are judged
constexpr double kSlowKph = 80.0;        // speeds below count as this in the off-pace share
constexpr double kOffPaceRows = 50.0;    // 5 s at 10 Hz
constexpr double kOffPaceShare = 0.03;   // off the usual pace by this share doubles the band

// The median of the other wheels' lap residuals: the whole car's departure from its lap.
std::optional<double> othersMedian(const std::vector<std::optional<double>> &residuals, size_t self)
{
    std::array<double, 8> others{};
    size_t count = 0;
    for (size_t i = 0; i < residuals.size() && count < others.size(); ++i) {
        if (i != self && residuals[i])
            others[count++] = *residuals[i];
    }
    if (count == 0)
        return std::nullopt;
    std::sort(others.begin(), others.begin() + long(count));
    return count % 2 ? others[count / 2] : 0.5 * (others[count / 2 - 1] + others[count / 2]);
}

// How far `value` lies outside the range between a and b (in either order).
double distanceOutside(double value, double a, double b)
{
    return std::max({0.0, std::min(a, b) - value, value - std::max(a, b)});
}

} // namespace

WheelSetDetector::WheelSetDetector(int wheels, Config config)
    : m_z(zForConfidence(config.confidencePercentage))
    , m_rowsNeeded(std::max(1, config.rows))
    , m_wheels(size_t(std::max(1, wheels)))
    , m_rows(m_wheels.size())
    , m_lapResiduals(m_wheels.size())
{
}

const std::vector<DetectionRow> &WheelSetDetector::judge(double lapDistanceM, std::optional<double> speedKph,
                                                         const std::vector<std::optional<double>> &values)
{
    // A new lap when the lap distance falls back across the line.
    m_lap += m_lastDistanceM && lapDistanceM < *m_lastDistanceM - kLineCrossingM ? 1 : 0;
    m_lastDistanceM = lapDistanceM;
    // How far from its usual speed at this point of the lap the car has been lately: in
    // traffic, behind a safety car or in the pit lane the previous laps say less.
    if (speedKph) {
        const auto usual = m_speedProfile.expected(lapDistanceM, *speedKph, m_lap, 1);
        const double off = usual ? std::abs(*speedKph - *usual) / std::max(*usual, kSlowKph) : 0.0;
        m_offPace += (off - m_offPace) / kOffPaceRows;
        m_speedProfile.learn(lapDistanceM, *speedKph, m_lap);
    }
    const double bandWidening = 1.0 + m_offPace / kOffPaceShare;
    for (size_t i = 0; i < m_wheels.size(); ++i) {
        m_lapResiduals[i].reset();
        if (i < values.size() && values[i]) {
            if (const auto expected = m_wheels[i].profile.expected(lapDistanceM, *values[i], m_lap, kBaselineLaps))
                m_lapResiduals[i] = *values[i] - *expected;
        }
    }
    for (size_t i = 0; i < m_wheels.size(); ++i) {
        auto &wheel = m_wheels[i];
        auto &row = m_rows[i];
        row = DetectionRow{};
        if (i >= values.size() || !values[i]) {
            wheel.flaggedRun = 0;
            // A dropped-out sensor: nothing to judge. Its lap is filled with what the rest of
            // the car says it would have read, so that on the laps to come every wheel is
            // compared with the same laps (a hole would leave it two laps to choose from).
            const auto carWide = othersMedian(m_lapResiduals, i);
            if (const auto expected = wheel.profile.expected(lapDistanceM, wheel.lastValue, m_lap, kBaselineLaps); expected && carWide) {
                wheel.lastValue = *expected + wheel.gain * *carWide;
                wheel.profile.learn(lapDistanceM, wheel.lastValue, m_lap);
            }
            continue;
        }
        row.actual = *values[i];
        wheel.lastValue = row.actual;
        const auto carWide = othersMedian(m_lapResiduals, i);
        bool outside = false;
        if (m_lapResiduals[i] && carWide) {
            // The wheel follows the rest of the car with its own gain (fronts brake harder than rears).
            const double residual = *m_lapResiduals[i] - wheel.gain * *carWide;
            // While the gain is young (the first laps judged, e.g. lap 2 against the standing
            // start), a row is judged by the nearest plausible gain: fronts and rears follow the
            // car's lap-to-lap changes differently, and a fault is far outside either.
            const double judgedResidual = wheel.judged >= kGainTrustRows
                                              ? std::abs(residual)
                                              : std::min(std::abs(residual), distanceOutside(*m_lapResiduals[i], *carWide * kWarmGainLow,
                                                                                             *carWide * kWarmGainHigh));
            const double slotSpread = wheel.spread.expected(lapDistanceM, 0.0, m_lap, 1).value_or(0.0);
            const double scale = std::max(wheel.scale, slotSpread);
            const double deviation = m_z * kMadToSigma * scale * bandWidening;
            if (wheel.judged >= kLearnRows && scale > 0) {
                const double expected = row.actual - residual;
                row.forecast = expected;
                row.lowerBound = expected - deviation;
                row.upperBound = expected + deviation;
                outside = judgedResidual > deviation;
                row.isAnomaly = outside;
            }
            ++wheel.judged;
            // Every row teaches, but a row outside the band only as far as the band's edge:
            // a fault must not become the expectation, a lasting change must.
            const double bounded = scale > 0 ? std::min(std::abs(residual), kSpreadClip * scale) : std::abs(residual);
            wheel.spread.learn(lapDistanceM, bounded, m_lap);
            if (!outside) {
                wheel.scale += (std::abs(residual) - wheel.scale) / std::min(double(wheel.judged), kScaleRows);
                wheel.carWideProduct += (*m_lapResiduals[i] * *carWide - wheel.carWideProduct) / kGainRows;
                wheel.carWideSquare += (*carWide * *carWide - wheel.carWideSquare) / kGainRows;
                if (wheel.carWideSquare > 0)
                    wheel.gain = std::clamp(wheel.carWideProduct / wheel.carWideSquare, 0.0, kMaxGain);
            }
        }
        // Every row is remembered: the median of three laps outvotes a lap with a fault in it.
        wheel.profile.learn(lapDistanceM, row.actual, m_lap);
        wheel.flaggedRun = outside ? wheel.flaggedRun + 1 : 0;
    }
    return m_rows;
}

} // namespace pitwall::ml
