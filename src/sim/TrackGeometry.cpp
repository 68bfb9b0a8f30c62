#include "TrackGeometry.h"

#include "CarLimits.h"
#include "LapSamples.h"

#include <cmath>
#include <numbers>

namespace pitwall {

TrackGeometry::TrackGeometry(const Circuit &circuit)
    : m_lengthM(circuit.lengthM)
{
    const auto &corners = circuit.corners;
    // Corner angles nudged so the lap closes: a loop turns +-360 degrees, a figure of eight 0.
    double total = 0, totalAbs = 0;
    for (const auto &corner : corners) {
        total += corner.angleDeg;
        totalAbs += std::abs(corner.angleDeg);
    }
    const double target = std::abs(total) < 180 ? 0.0 : (total > 0 ? 360.0 : -360.0);
    const double correction = target - total;

    const int samples = int(std::ceil(m_lengthM / kStepM));
    m_curvature.fill(0.0, samples);
    for (qsizetype i = 0; i < corners.size(); ++i) {
        const auto &corner = corners[i];
        const double angle = (corner.angleDeg + correction * std::abs(corner.angleDeg) / totalAbs) * std::numbers::pi / 180.0;
        double radius = corner.radiusM > 0 ? corner.radiusM : car::radiusForApexSpeed(corner.apexSpeedKph / 3.6);
        double arc = std::abs(angle) * radius;
        // An arc may not reach past half the way to its neighbouring apexes.
        const double previous = i > 0 ? corners[i - 1].apexM : corners.last().apexM - m_lengthM;
        const double next = i + 1 < corners.size() ? corners[i + 1].apexM : corners.first().apexM + m_lengthM;
        arc = std::min({arc, corner.apexM - previous, next - corner.apexM});
        const double start = corner.apexM - arc / 2, end = corner.apexM + arc / 2;
        m_arcs.push_back({circuit.wrap(start), circuit.wrap(end)});
        for (int k = int(std::ceil(start / kStepM)); k * kStepM < end; ++k)
            m_curvature[(k % samples + samples) % samples] += angle / arc;
    }

    // Real corners are entered through a transition, not a step in curvature: a step would
    // kick lateral load (and the tyre temperatures that follow it) within one sample. A
    // centred 45 m moving average keeps each corner's total turn and softens its edges.
    {
        constexpr int kHalfWindow = 4;
        const QVector<double> sharp = m_curvature;
        for (int k = 0; k < samples; ++k) {
            double sum = 0;
            for (int j = -kHalfWindow; j <= kHalfWindow; ++j)
                sum += sharp[((k + j) % samples + samples) % samples];
            m_curvature[k] = sum / (2 * kHalfWindow + 1);
        }
    }

    // Integrate heading and position; then spread the closing gap over the lap.
    QVector<double> xs(samples + 1), ys(samples + 1);
    double heading = 0, x = 0, y = 0;
    for (int k = 0; k < samples; ++k) {
        xs[k] = x;
        ys[k] = y;
        const double mid = heading + m_curvature[k] * kStepM / 2;
        x += std::cos(mid) * kStepM;
        y += std::sin(mid) * kStepM;
        heading += m_curvature[k] * kStepM;
    }
    xs[samples] = x;
    ys[samples] = y;
    m_points.reserve(samples);
    for (int k = 0; k < samples; ++k) {
        const double share = double(k) / samples;
        m_points.push_back(QPointF(xs[k] - xs[samples] * share, ys[k] - ys[samples] * share));
    }
}

QPointF TrackGeometry::positionAt(double lapDistanceM) const
{
    const auto [a, b, t] = lapSamplesAround(lapDistanceM, m_lengthM, kStepM, int(m_points.size()));
    return m_points[a] * (1 - t) + m_points[b] * t;
}

double TrackGeometry::curvatureAt(double lapDistanceM) const
{
    return m_curvature[lapSamplesAround(lapDistanceM, m_lengthM, kStepM, int(m_curvature.size())).before];
}

} // namespace pitwall
