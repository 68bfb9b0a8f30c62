#pragma once
// The circuit's shape from the cars' own positions, for sources that have no map: one
// lap of one car, closed, in metres, turned so its longest axis lies across the panel.
// It also tells how far round the lap a point is (lap distance), which gives race order
// and lap counts where a source has positions but no timing.

#include <QPointF>
#include <QVector>
#include <optional>

namespace pitwall::realrace {

class TrackOutline {
public:
    // `path` is one car's positions in time order, in metres, from a moment it was
    // racing; the first lap that closes on itself (back within a few metres after at
    // least kMinLapM) becomes the outline. nullopt when no lap closes.
    static std::optional<TrackOutline> fromPath(const QVector<QPointF> &path);
    // The same, kept in the path's own frame (not centred or turned): for a map that draws
    // cars at their source x/y as they come (the F1 game, live).
    static std::optional<TrackOutline> fromPathInPlace(const QVector<QPointF> &path);
    // An outline stored earlier (already in the outline's frame).
    static std::optional<TrackOutline> fromPoints(const QVector<QPointF> &points);

    static constexpr double kMinLapM = 1500;
    static constexpr double kMaxLapM = 15000;

    // The outline in its own frame (metres, centred, principal axis along x).
    const QVector<QPointF> &points() const { return m_points; }
    double lengthM() const { return m_lengthM; }
    // A source point (metres) in the outline's frame.
    QPointF toFrame(QPointF sourceMetres) const;
    // Metres from the outline's first point along the lap to the point nearest `p` (in
    // the frame). `hint` is the index found last time for this car: the search starts
    // there, so following a car round the lap costs a few steps, not the whole outline.
    double lapDistance(QPointF p, int &hint) const;
    // Starts the outline (its distance 0) at the vertex nearest `p` (in the frame).
    void startAt(QPointF p);

private:
    void measure();

    QVector<QPointF> m_points;
    QVector<double> m_cumulative; // distance from the first point to each point
    double m_lengthM = 0;
    QPointF m_centre;            // of the source path, subtracted before turning
    double m_cos = 1, m_sin = 0; // the turn that lays the principal axis along x
};

} // namespace pitwall::realrace
