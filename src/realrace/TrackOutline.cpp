#include "TrackOutline.h"

#include <QLineF>
#include <cmath>

namespace pitwall::realrace {

namespace {

// Points closer than this to the previous kept point add nothing to the shape.
constexpr double kMinStepM = 4.0;
// A lap "closes" when the car comes back this near to where it started.
constexpr double kCloseM = 40.0;

double distance(QPointF a, QPointF b)
{
    return std::hypot(a.x() - b.x(), a.y() - b.y());
}

} // namespace

std::optional<TrackOutline> TrackOutline::fromPath(const QVector<QPointF> &path)
{
    if (path.size() < 20)
        return std::nullopt;
    // Walk from each of a few starting points until the path comes back to it; take the
    // nearest return after at least kMinLapM travelled.
    for (qsizetype start = 0; start < path.size() && start < 2000; start += 40) {
        const QPointF origin = path[start];
        double travelled = 0;
        qsizetype best = -1;
        double bestDistance = kCloseM;
        for (qsizetype i = start + 1; i < path.size(); ++i) {
            travelled += distance(path[i - 1], path[i]);
            if (travelled > kMaxLapM)
                break;
            if (travelled < kMinLapM)
                continue;
            const double back = distance(path[i], origin);
            if (back < bestDistance) {
                bestDistance = back;
                best = i;
            } else if (best >= 0 && back > 2 * kCloseM) {
                break; // it came back and is leaving again: the lap is closed
            }
        }
        if (best < 0)
            continue;
        QVector<QPointF> lap;
        for (qsizetype i = start; i <= best; ++i) {
            if (lap.isEmpty() || distance(lap.back(), path[i]) >= kMinStepM)
                lap.push_back(path[i]);
        }
        if (lap.size() < 20)
            continue;
        TrackOutline outline;
        // Principal axis of the lap's points: the turn that lays it along x.
        QPointF centre;
        for (const auto &p : lap)
            centre += p;
        centre /= double(lap.size());
        double sxx = 0, syy = 0, sxy = 0;
        for (const auto &p : lap) {
            const QPointF d = p - centre;
            sxx += d.x() * d.x();
            syy += d.y() * d.y();
            sxy += d.x() * d.y();
        }
        const double angle = 0.5 * std::atan2(2 * sxy, sxx - syy);
        outline.m_centre = centre;
        outline.m_cos = std::cos(-angle);
        outline.m_sin = std::sin(-angle);
        for (const auto &p : lap)
            outline.m_points.push_back(outline.toFrame(p));
        outline.measure();
        return outline;
    }
    return std::nullopt;
}

std::optional<TrackOutline> TrackOutline::fromPathInPlace(const QVector<QPointF> &path)
{
    auto outline = fromPath(path);
    if (!outline)
        return std::nullopt;
    // Back to the source frame: undo the turn and the centring.
    QVector<QPointF> points;
    const double c = outline->m_cos, s = outline->m_sin;
    for (const auto &p : outline->m_points)
        points.push_back(QPointF(p.x() * c + p.y() * s, -p.x() * s + p.y() * c) + outline->m_centre);
    return fromPoints(points);
}

std::optional<TrackOutline> TrackOutline::fromPoints(const QVector<QPointF> &points)
{
    if (points.size() < 3)
        return std::nullopt;
    TrackOutline outline;
    outline.m_points = points;
    outline.measure();
    if (outline.m_lengthM < 100 || outline.m_lengthM > kMaxLapM)
        return std::nullopt;
    return outline;
}

QPointF TrackOutline::toFrame(QPointF source) const
{
    const QPointF d = source - m_centre;
    return {d.x() * m_cos - d.y() * m_sin, d.x() * m_sin + d.y() * m_cos};
}

void TrackOutline::measure()
{
    m_cumulative.resize(m_points.size());
    double total = 0;
    for (qsizetype i = 0; i < m_points.size(); ++i) {
        if (i > 0)
            total += distance(m_points[i - 1], m_points[i]);
        m_cumulative[i] = total;
    }
    m_lengthM = total + (m_points.isEmpty() ? 0 : distance(m_points.back(), m_points.front()));
}

void TrackOutline::startAt(QPointF p)
{
    if (m_points.isEmpty())
        return;
    int hint = -1;
    lapDistance(p, hint);
    std::rotate(m_points.begin(), m_points.begin() + hint, m_points.end());
    measure();
}

double TrackOutline::lapDistance(QPointF p, int &hint) const
{
    const auto count = int(m_points.size());
    if (count == 0)
        return 0;
    auto nearestIn = [&](int from, int span) {
        int best = -1;
        double bestDistance = 0;
        for (int step = 0; step < span; ++step) {
            const int i = (from + step) % count;
            const double d = distance(m_points[i], p);
            if (best < 0 || d < bestDistance) {
                best = i;
                bestDistance = d;
            }
        }
        return std::pair{best, bestDistance};
    };
    // Near the last place first (a car moves a few points between samples); the whole
    // lap when that finds nothing close (a first sample, a jump, a pit lane).
    std::pair<int, double> found{-1, 0};
    if (hint >= 0 && hint < count)
        found = nearestIn((hint - 10 + count) % count, std::min(count, 60));
    if (found.first < 0 || found.second > kCloseM)
        found = nearestIn(0, count);
    hint = found.first;
    // Between vertices, not at them: the outline's points are a lap's samples, up to tens
    // of metres apart on a straight, and cars that close must still be told apart.
    auto along = [&](int from) -> std::pair<double, double> { // (distance along, distance off)
        const int to = (from + 1) % count;
        const QPointF a = m_points[from], b = m_points[to];
        const QPointF ab = b - a;
        const double lengthSquared = QPointF::dotProduct(ab, ab);
        const double t = lengthSquared > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / lengthSquared, 0.0, 1.0) : 0.0;
        const QPointF onSegment = a + t * ab;
        return {m_cumulative[from] + t * std::sqrt(lengthSquared), distance(onSegment, p)};
    };
    const auto ahead = along(hint);
    const auto behind = along((hint - 1 + count) % count);
    double at = ahead.second <= behind.second ? ahead.first : behind.first;
    if (at >= m_lengthM)
        at -= m_lengthM;
    return at;
}

} // namespace pitwall::realrace
