#include "CarAnomalyDetector.h"

#include <algorithm>

namespace pitwall {

namespace {

constexpr int kFirstWheelMetric = 2; // tyres and brakes follow the lap; engine and oil do not
constexpr int kWheels = 4;
// Wheel sets by their first index in telemetryMetricNames(): the four tyres, the four brakes.
constexpr int kWheelSetFirstMetric[] = {2, 6};
constexpr int kFirstBrakeMetric = 6;

} // namespace

CarAnomalyDetector::CarAnomalyDetector(const ml::PersistentDetector::Config &config)
    : m_byMetric(size_t(kFirstWheelMetric), ml::PersistentDetector(config))
    , m_wheelSets(std::size(kWheelSetFirstMetric), ml::WheelSetDetector(kWheels, {config.arima.confidencePercentage, config.rows}))
    , m_brakeArima(size_t(kWheels), ml::ArimaStream(config.arima))
    , m_brakeArimaRun(size_t(kWheels), 0)
    , m_rowsNeeded(std::max(1, config.rows))
    , m_wheelValues(size_t(kWheels))
{
}

std::vector<CarAnomalyDetector::Finding> CarAnomalyDetector::judge(const TelemetrySample &sample)
{
    std::vector<Finding> findings;
    const auto values = metricReadings(sample);
    for (int metric = 0; metric < kFirstWheelMetric; ++metric) {
        if (!values[size_t(metric)])
            continue; // a dropped-out sensor: nothing to judge
        if (auto row = m_byMetric[size_t(metric)].detect(*values[size_t(metric)]))
            findings.push_back({metric, *row});
    }
    for (size_t set = 0; set < m_wheelSets.size(); ++set) {
        const int first = kWheelSetFirstMetric[set];
        std::copy_n(values.begin() + first, kWheels, m_wheelValues.begin());
        auto &detector = m_wheelSets[set];
        const auto &rows = detector.judge(sample.lapDistanceM, sample.speedKph, m_wheelValues);
        std::vector<Finding> reported;
        for (int wheel = 0; wheel < kWheels; ++wheel) {
            bool confirmed = true;
            if (first == kFirstBrakeMetric && m_wheelValues[size_t(wheel)]) {
                const bool flagged = m_brakeArima[size_t(wheel)].detect(*m_wheelValues[size_t(wheel)]).isAnomaly.value_or(false);
                int &run = m_brakeArimaRun[size_t(wheel)];
                run = flagged ? run + 1 : 0;
                confirmed = run >= m_rowsNeeded;
            }
            if (detector.reported(wheel) && confirmed)
                reported.push_back({first + wheel, rows[size_t(wheel)]});
        }
        // The rule across wheels: two or more at once is the car's load, not a fault.
        if (reported.size() == 1)
            findings.push_back(reported.front());
    }
    return findings;
}

} // namespace pitwall
