#pragma once
// Every temperature of one car, each judged by its own detector (ML_DETECT_ANOMALIES with
// the persistence rule; for tyres and brakes against the same point of the car's previous
// laps, LapPositionDetector), and one rule across wheels: when two or more tyres, or two or
// more brakes, leave their bands on the same row, that is the car braking or cornering -
// a load the wheels share - not a fault of one sensor, so none of them is reported.
// (The simulator's faults, like real ones, strike one wheel.)

#include "core/Messages.h"
#include "ml/LapPositionDetector.h"
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

private:
    static constexpr int kFirstWheelMetric = 2;     // tyres and brakes follow the lap; engine and oil do not
    std::vector<ml::PersistentDetector> m_byMetric; // engine, oil: streaming ARIMA
    // Tyres and brakes: the streaming ARIMA and the car's previous laps must both be surprised.
    struct WheelDetector {
        explicit WheelDetector(const ml::PersistentDetector::Config &config);
        ml::ArimaStream arima;
        ml::LapPositionDetector lapPosition;
        int flaggedRun = 0;
    };
    std::optional<ml::DetectionRow> judgeWheel(int index, double lapDistanceM, double value);
    std::vector<WheelDetector> m_wheels;
    int m_rowsNeeded;
};

} // namespace pitwall
