#include "CarAnomalyDetector.h"

#include <algorithm>

namespace pitwall {

namespace {

// Wheel groups as index ranges of telemetryMetricNames(): the four tyres, the four brakes.
constexpr std::pair<int, int> kWheelGroups[] = {{2, 6}, {6, 10}};

} // namespace

CarAnomalyDetector::CarAnomalyDetector(const ml::PersistentDetector::Config &config)
    : m_byMetric(size_t(kTelemetryMetricCount), ml::PersistentDetector(config))
{
}

std::array<std::optional<double>, kTelemetryMetricCount> CarAnomalyDetector::readings(const TelemetrySample &sample)
{
    return {sample.engineTemperatureC,   sample.oilTemperatureC,      sample.tyreTemperatureC[0],
            sample.tyreTemperatureC[1],  sample.tyreTemperatureC[2],  sample.tyreTemperatureC[3],
            sample.brakeTemperatureC[0], sample.brakeTemperatureC[1], sample.brakeTemperatureC[2],
            sample.brakeTemperatureC[3]};
}

std::vector<CarAnomalyDetector::Finding> CarAnomalyDetector::judge(const TelemetrySample &sample)
{
    std::vector<Finding> findings;
    const auto values = readings(sample);
    for (int metric = 0; metric < kTelemetryMetricCount; ++metric) {
        if (!values[size_t(metric)])
            continue; // a dropped-out sensor: nothing to judge
        // Every detector learns every row, whatever the rule across wheels decides.
        if (auto row = m_byMetric[size_t(metric)].detect(*values[size_t(metric)]))
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
