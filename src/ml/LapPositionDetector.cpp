#include "LapPositionDetector.h"

#include <algorithm>
#include <cmath>

namespace pitwall::ml {

namespace {

constexpr double kSlotM = 20.0;        // lap distance per slot
constexpr int kMaxSlots = 2000;        // 40 km: longer than any circuit
constexpr double kLapWeight = 0.3;     // a slot's profile moves this far towards each new lap
constexpr double kOffsetRows = 300.0;  // 30 s at 10 Hz: the level follows warm-up and wear, not faults
constexpr double kScaleRows = 3000.0;  // 5 minutes of rows make the usual distance
constexpr double kMadToSigma = 1.2533; // mean absolute deviation to standard deviation (normal)
constexpr double kSlotScaleClip = 2.0; // in units of the current usual distance
constexpr int kLearnRows = 200;        // judged rows before the band is trusted

} // namespace

LapPositionDetector::LapPositionDetector(Config config)
    : m_z(zForConfidence(config.confidencePercentage))
    , m_rowsNeeded(std::max(1, config.rows))
{
}

DetectionRow LapPositionDetector::judge(double lapDistanceM, double value)
{
    DetectionRow row;
    row.actual = value;
    m_lastSurprise = 0;
    const int slot = std::clamp(int(std::max(0.0, lapDistanceM) / kSlotM), 0, kMaxSlots - 1);
    if (size_t(slot) >= m_profile.size()) {
        m_profile.resize(size_t(slot) + 1, 0.0);
        m_slotScale.resize(size_t(slot) + 1, 0.0);
        m_seen.resize(size_t(slot) + 1, false);
    }
    if (!m_seen[size_t(slot)]) {
        m_profile[size_t(slot)] = value;
        m_seen[size_t(slot)] = true;
        return row; // the first lap: nothing to compare with
    }
    const double expected = m_profile[size_t(slot)] + m_offset;
    const double residual = value - expected;
    // Braking zones vary more from lap to lap than straights: each slot keeps its own
    // usual distance, and the band uses the larger of it and the car's overall one.
    double &slotScale = m_slotScale[size_t(slot)];
    const double scale = std::max(m_scale, slotScale);
    if (m_judged >= kLearnRows) {
        const double deviation = m_z * kMadToSigma * scale;
        m_lastSurprise = scale > 0 ? std::abs(residual) / (kMadToSigma * scale) : 0.0;
        row.forecast = expected;
        row.lowerBound = expected - deviation;
        row.upperBound = expected + deviation;
        row.isAnomaly = value < *row.lowerBound || value > *row.upperBound;
    }
    ++m_judged;
    // Every visit teaches the slot its spread; a fault's share is bounded so one fault
    // does not blind the slot for the rest of the race.
    const double bounded = scale > 0 ? std::min(std::abs(residual), kSlotScaleClip * scale) : std::abs(residual);
    slotScale = slotScale == 0 ? bounded : slotScale + kLapWeight * (bounded - slotScale);
    // Learn from rows inside the band only: a fault must not become the expectation.
    if (!row.isAnomaly.value_or(false)) {
        const double seen = std::min(double(m_judged), kScaleRows);
        m_scale += (std::abs(residual) - m_scale) / seen;
        m_offset += residual / kOffsetRows;
        m_profile[size_t(slot)] += kLapWeight * (value - m_offset - m_profile[size_t(slot)]);
    }
    return row;
}

std::optional<DetectionRow> LapPositionDetector::detect(double lapDistanceM, double value)
{
    auto row = judge(lapDistanceM, value);
    m_flaggedRun = row.isAnomaly.value_or(false) ? m_flaggedRun + 1 : 0;
    if (m_flaggedRun < m_rowsNeeded)
        return std::nullopt;
    return row;
}

} // namespace pitwall::ml
