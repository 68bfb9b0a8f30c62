#pragma once
// ML_DETECT_ANOMALIES for a car's set of wheel sensors of one kind (its four tyre, or four
// brake, temperatures). A forecast from the last few rows calls every braking zone a
// surprise; here each wheel is judged
//   - against the same point of the lap on the car's own previous laps (LapProfile), and
//   - against the car's other wheels at that moment: traffic, a safety car, a new set of
//     tyres or a heavier fuel load warm or cool every wheel alike, a fault strikes one.
// What is left - the wheel's lap residual less the median of the other wheels' - is
// compared with its usual size, learned over the race for the wheel and for each point
// of the lap (some corners vary more from lap to lap than others); a row is reported
// when it and the one before it are outside the band (as PersistentDetector does).

#include "ArimaStream.h"
#include "LapProfile.h"

#include <optional>
#include <vector>

namespace pitwall::ml {

class WheelSetDetector {
public:
    struct Config {
        double confidencePercentage = 99.999;
        int rows = 2; // consecutive rows outside the band that make a reported anomaly
    };

    WheelSetDetector(int wheels, Config config);

    // Judges one row of the car: `values[i]` is wheel i's reading (nullopt: dropped out).
    // Returns one row per wheel (isAnomaly nullopt while learning or without a reading),
    // in Confluent's columns: the forecast is the expectation, the bounds its band.
    const std::vector<DetectionRow> &judge(double lapDistanceM, std::optional<double> speedKph,
                                           const std::vector<std::optional<double>> &values);
    // Whether wheel i's last row is a confirmed anomaly (it and its predecessors outside the band).
    bool reported(int wheel) const { return m_wheels[size_t(wheel)].flaggedRun >= m_rowsNeeded; }

private:
    struct Wheel {
        LapProfile profile;   // the reading expected at each point of the lap
        LapProfile spread;    // the usual |residual| at each point of the lap
        double scale = 0;     // the usual |residual| over the last minutes
        double gain = 1;      // how far the wheel follows the rest of the car
        double lastValue = 0; // its latest reading (or, while it is dropped out, the estimate)
        double carWideProduct = 0, carWideSquare = 0;
        int judged = 0;
        int flaggedRun = 0;
    };
    double m_z;
    int m_rowsNeeded;
    std::vector<Wheel> m_wheels;
    std::vector<DetectionRow> m_rows;
    std::vector<std::optional<double>> m_lapResiduals;
    std::optional<double> m_lastDistanceM;
    int m_lap = 0;
    LapProfile m_speedProfile; // the car's usual speed at each point of the lap
    double m_offPace = 0;      // recent mean share off that speed
};

} // namespace pitwall::ml
