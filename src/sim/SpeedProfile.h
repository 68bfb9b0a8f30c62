#pragma once
// The reference car's speed, throttle and brake along one flying lap of a circuit:
// a quasi-steady-state lap simulation. Corner apex speeds cap the speed; between
// them the car accelerates and brakes at its limits (CarLimits).

#include "Circuit.h"

#include <QVector>

namespace pitwall {

class SpeedProfile {
public:
    static constexpr double kStepM = 5.0;

    explicit SpeedProfile(const Circuit &circuit);

    struct Sample {
        double speedMs;
        double throttle; // 0..1
        double brake;    // 0..1
    };

    // Interpolated at a lap distance (wrapped).
    Sample at(double lapDistanceM) const;
    double lapTimeS() const { return m_lapTimeS; }
    double topSpeedMs() const { return m_topSpeedMs; }
    double lengthM() const { return m_lengthM; }

private:
    double m_lengthM;
    QVector<Sample> m_samples;
    double m_lapTimeS = 0;
    double m_topSpeedMs = 0;
};

} // namespace pitwall
