#pragma once
// ML_DETECT_ANOMALIES for a reading that repeats with the position on the lap: tyres and
// brakes heat at every braking zone and cool on every straight, so a forecast from the
// last few rows calls every braking zone a surprise. Here the expectation at a point of
// the lap is what this car's sensor read at the same point (a 20 m slot of lap distance)
// on its previous laps, plus the current level offset (tyres warm up and wear over a
// stint); the band is a multiple of the usual distance from that expectation. Rows are
// judged from the second lap on; a row is reported when it and the one before it are
// outside the band (as PersistentDetector does).

#include "ArimaStream.h"

#include <optional>
#include <vector>

namespace pitwall::ml {

class LapPositionDetector {
public:
    struct Config {
        double confidencePercentage = 99.999;
        int rows = 2; // consecutive rows outside the band that make a reported anomaly
    };

    explicit LapPositionDetector(Config config);

    // The row judged (forecast and band from the previous laps); nullopt in the fields
    // while this point of the lap has not been seen before.
    DetectionRow judge(double lapDistanceM, double value);
    // The last judged row's distance from its expectation, in standard deviations (0 while learning).
    double lastSurprise() const { return m_lastSurprise; }
    // The row, when it is a confirmed anomaly (and its predecessors were outside too).
    std::optional<DetectionRow> detect(double lapDistanceM, double value);

private:
    double m_z;
    int m_rowsNeeded;
    int m_flaggedRun = 0;
    std::vector<double> m_profile;   // per slot: the value expected there, learned over laps
    std::vector<double> m_slotScale; // per slot: the usual |value - expectation| there
    std::vector<bool> m_seen;
    double m_offset = 0; // the current level against the profile
    double m_scale = 0;  // the usual |value - expectation|
    int m_judged = 0;
    double m_lastSurprise = 0;
};

} // namespace pitwall::ml
