#pragma once
// Every temperature of one car: engine and oil each by its own detector (ML_DETECT_ANOMALIES
// with the persistence rule), the four tyres and the four brakes each as a set
// (WheelSetDetector: against the same point of the car's previous laps and against the
// car's other wheels), and one rule across wheels: when two or more tyres, or two or more
// brakes, leave their bands on the same row, that is the car braking or cornering - a load
// the wheels share - not a fault of one sensor, so none of them is reported. (The
// simulator's faults, like real ones, strike one wheel.)

#include "core/Messages.h"
#include "ml/PersistentDetector.h"
#include "ml/WheelSetDetector.h"

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

private:
    std::vector<ml::PersistentDetector> m_byMetric; // engine, oil: streaming ARIMA
    std::vector<ml::WheelSetDetector> m_wheelSets;  // tyres, brakes
    // Brakes: the streaming ARIMA must be surprised too (a fade is a sudden step; a brake
    // that is merely hotter than on the previous laps for a while, as in traffic, is not).
    std::vector<ml::ArimaStream> m_brakeArima;
    std::vector<int> m_brakeArimaRun;
    int m_rowsNeeded;
    std::vector<std::optional<double>> m_wheelValues;
};

} // namespace pitwall
