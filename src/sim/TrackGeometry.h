#pragma once
// The circuit's centreline in metres, built from its corners: straights between arcs
// centred on each apex, closed so the lap ends where it starts.

#include "Circuit.h"

#include <QPointF>
#include <QVector>

namespace pitwall {

class TrackGeometry {
public:
    static constexpr double kStepM = 5.0;

    explicit TrackGeometry(const Circuit &circuit);

    // Position at a lap distance (wrapped), interpolated between centreline points.
    QPointF positionAt(double lapDistanceM) const;
    // Centreline points every kStepM metres, first point at the start line.
    const QVector<QPointF> &centreline() const { return m_points; }
    // Signed curvature (1/m, + left) at a lap distance.
    double curvatureAt(double lapDistanceM) const;
    // Corner arcs as [start, end) lap distances, in corner order.
    const QVector<std::pair<double, double>> &cornerArcs() const { return m_arcs; }

private:
    double m_lengthM;
    QVector<QPointF> m_points;
    QVector<double> m_curvature;
    QVector<std::pair<double, double>> m_arcs;
};

} // namespace pitwall
