#pragma once
// Every temperature of one car, each judged by its own detector (ML_DETECT_ANOMALIES with
// the persistence rule), and one rule across wheels: when two or more tyres, or two or
// more brakes, leave their bands on the same row, that is the car braking or cornering -
// a load the wheels share - not a fault of one sensor, so none of them is reported.
// (The simulator's faults, like real ones, strike one wheel.)

#include "core/Messages.h"
#include "ml/PersistentDetector.h"

#include <array>
#include <vector>

namespace pitwall {

class CarAnomalyDetector {
public:
    struct Finding {
        int metric = 0; // index into telemetryMetricNames()
        ml::DetectionRow row;
    };

    explicit CarAnomalyDetector(const ml::PersistentDetector::Config &config);

    // The anomalies this sample shows (usually none). Dropped-out sensors are skipped.
    std::vector<Finding> judge(const TelemetrySample &sample);

    static std::array<std::optional<double>, kTelemetryMetricCount> readings(const TelemetrySample &sample);

private:
    std::vector<ml::PersistentDetector> m_byMetric;
};

} // namespace pitwall
