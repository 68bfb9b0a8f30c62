#include "SpeedProfile.h"

#include "CarLimits.h"
#include "LapSamples.h"
#include "TrackGeometry.h"

#include <cmath>

namespace pitwall {

SpeedProfile::SpeedProfile(const Circuit &circuit)
    : m_lengthM(circuit.lengthM)
{
    const int n = int(std::ceil(m_lengthM / kStepM));
    const TrackGeometry geometry(circuit);
    QVector<double> limit(n, 120.0);
    const auto &arcs = geometry.cornerArcs();
    for (qsizetype i = 0; i < circuit.corners.size(); ++i) {
        const double apexSpeed = circuit.corners[i].apexSpeedKph / 3.6;
        auto [start, end] = arcs[i];
        if (end < start)
            end += m_lengthM;
        for (int k = int(std::ceil(start / kStepM)); k * kStepM < end; ++k)
            limit[k % n] = std::min(limit[k % n], apexSpeed);
    }

    // Forward pass (accelerate) twice round the lap so the start line sees the exit
    // speed of the last corner, then a backward pass (brake) twice.
    QVector<double> v = limit;
    QVector<bool> accelerating(n, false);
    double speed = limit[0];
    for (int lap = 0; lap < 2; ++lap) {
        for (int k = 0; k < n; ++k) {
            const double reachable = std::sqrt(speed * speed +
                                               2 * std::max(0.0, car::accelerationLimit(speed, circuit.dragFactor)) * kStepM);
            accelerating[k] = reachable < limit[k];
            speed = std::min(limit[k], reachable);
            v[k] = speed;
        }
    }
    QVector<bool> braking(n, false);
    speed = v[0];
    for (int lap = 0; lap < 2; ++lap) {
        for (int k = n - 1; k >= 0; --k) {
            const double reachable = std::sqrt(speed * speed + 2 * car::brakingLimit(speed) * kStepM);
            if (reachable < v[k]) {
                v[k] = reachable;
                braking[k] = true;
            }
            speed = v[k];
        }
    }

    m_samples.resize(n);
    for (int k = 0; k < n; ++k) {
        Sample &sample = m_samples[k];
        sample.speedMs = v[k];
        if (braking[k]) {
            const double decel = (v[k] * v[k] - v[(k + 1) % n] * v[(k + 1) % n]) / (2 * kStepM);
            sample.brake = std::clamp(decel / car::brakingLimit(v[k]), 0.1, 1.0);
            sample.throttle = 0.0;
        } else if (accelerating[k]) {
            sample.throttle = 1.0;
            sample.brake = 0.0;
        } else {
            // Holding the apex speed: part throttle, more in fast corners against the drag.
            sample.throttle = std::clamp(0.25 + 0.5 * v[k] / 90.0, 0.25, 0.9);
            sample.brake = 0.0;
        }
        m_lapTimeS += kStepM / std::max(v[k], 1.0);
        m_topSpeedMs = std::max(m_topSpeedMs, v[k]);
    }
}

SpeedProfile::Sample SpeedProfile::at(double lapDistanceM) const
{
    const auto [a, b, t] = lapSamplesAround(lapDistanceM, m_lengthM, kStepM, int(m_samples.size()));
    const auto &p = m_samples[a], &q = m_samples[b];
    return Sample{p.speedMs * (1 - t) + q.speedMs * t, t < 0.5 ? p.throttle : q.throttle, t < 0.5 ? p.brake : q.brake};
}

} // namespace pitwall
