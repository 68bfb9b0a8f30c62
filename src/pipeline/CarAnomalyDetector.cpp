#include "CarAnomalyDetector.h"

#include <algorithm>

namespace pitwall {

namespace {

// Wheel groups as index ranges of telemetryMetricNames(): the four tyres, the four brakes.
constexpr std::pair<int, int> kWheelGroups[] = {{2, 6}, {6, 10}};
constexpr int kFirstBrakeIndex = 4; // among the wheel detectors: four tyres, then four brakes

} // namespace

CarAnomalyDetector::CarAnomalyDetector(const ml::PersistentDetector::Config &config)
    : m_byMetric(size_t(kFirstWheelMetric), ml::PersistentDetector(config))
    , m_wheels(size_t(kTelemetryMetricCount - kFirstWheelMetric), WheelDetector(config))
    , m_rowsNeeded(std::max(1, config.rows))
{
}

CarAnomalyDetector::WheelDetector::WheelDetector(const ml::PersistentDetector::Config &config)
    : arima(config.arima)
    , lapPosition({config.arima.confidencePercentage, config.rows})
{
}

std::optional<ml::DetectionRow> CarAnomalyDetector::judgeWheel(int index, double lapDistanceM, double value)
{
    auto &wheel = m_wheels[size_t(index)];
    auto row = wheel.arima.detect(value);
    const auto atThisPoint = wheel.lapPosition.judge(lapDistanceM, value);
    // Brakes: outside the streaming band AND outside the band of this point of the lap -
    // the ARIMA alone is surprised at every braking zone, the car's previous laps are not.
    // Tyres: the streaming band alone for now (the previous laps absorb a slow overheat
    // ramp; see the README's detection_quality figures).
    const bool arimaFlag = row.isAnomaly.value_or(false);
    const bool flagged = index >= kFirstBrakeIndex ? arimaFlag && atThisPoint.isAnomaly.value_or(false) : arimaFlag;
    wheel.flaggedRun = flagged ? wheel.flaggedRun + 1 : 0;
    if (wheel.flaggedRun < m_rowsNeeded)
        return std::nullopt;
    return row;
}

std::vector<CarAnomalyDetector::Finding> CarAnomalyDetector::judge(const TelemetrySample &sample)
{
    std::vector<Finding> findings;
    const auto values = metricReadings(sample);
    for (int metric = 0; metric < kTelemetryMetricCount; ++metric) {
        if (!values[size_t(metric)])
            continue; // a dropped-out sensor: nothing to judge
        // Every detector learns every row, whatever the rule across wheels decides.
        const double value = *values[size_t(metric)];
        auto row = metric < kFirstWheelMetric ? m_byMetric[size_t(metric)].detect(value)
                                              : judgeWheel(metric - kFirstWheelMetric, sample.lapDistanceM, value);
        if (row)
            findings.push_back({metric, *row});
    }
    for (const auto &[first, end] : kWheelGroups) {
        const auto inGroup = [first, end](const Finding &finding) { return finding.metric >= first && finding.metric < end; };
        if (std::count_if(findings.begin(), findings.end(), inGroup) >= 2)
            findings.erase(std::remove_if(findings.begin(), findings.end(), inGroup), findings.end());
    }
    return findings;
}

} // namespace pitwall
