#include "AnomalyEpisodes.h"

#include <algorithm>
#include <cmath>

namespace pitwall {

namespace {

QString seriesKey(const AnomalyRecord &row)
{
    // Engine rows name a team, telemetry rows a driver: the source keeps them apart.
    const QChar source = row.source == AnomalySource::Engine ? QLatin1Char('e') : QLatin1Char('t');
    const QString &who = row.source == AnomalySource::Engine ? row.anomaly.teamName : row.anomaly.driverName;
    return source + who + QLatin1Char('\x1f') + row.anomaly.metric;
}

} // namespace

bool strongerAnomaly(const TelemetryAnomaly &a, const TelemetryAnomaly &b)
{
    const double outsideA = bandExcursion(a), outsideB = bandExcursion(b);
    if (std::isfinite(outsideA) && std::isfinite(outsideB) && outsideA != outsideB)
        return outsideA > outsideB;
    if (std::isfinite(outsideA) != std::isfinite(outsideB))
        return std::isfinite(outsideA);
    return a.confidence > b.confidence; // false for NaN: the earlier row stays the peak
}

AnomalyEpisodes::Change AnomalyEpisodes::add(const std::vector<AnomalyRecord> &rows, size_t first)
{
    Change change{m_episodes.size(), {}};
    for (size_t i = first; i < rows.size(); ++i) {
        const auto &row = rows[i];
        const QString key = seriesKey(row);
        const auto latest = m_latest.constFind(key);
        if (latest != m_latest.cend()) {
            auto &episode = m_episodes[*latest];
            // Rows can arrive a little out of race order: near either end continues it.
            const qint64 distance = std::max({episode.startMs - row.raceMs, row.raceMs - episode.endMs, qint64(0)});
            if (distance <= kQuietGapMs) {
                episode.startMs = std::min(episode.startMs, row.raceMs);
                episode.endMs = std::max(episode.endMs, row.raceMs);
                if (strongerAnomaly(row.anomaly, rows[episode.peak].anomaly))
                    episode.peak = i;
                ++episode.readings;
                if (*latest < change.firstNew && std::find(change.grown.begin(), change.grown.end(), *latest) == change.grown.end())
                    change.grown.push_back(*latest);
                continue;
            }
            if (row.raceMs < episode.startMs) { // a late flag of an earlier episode: its own line
                m_episodes.push_back({row.raceMs, row.raceMs, i, 1});
                continue;
            }
        }
        m_latest.insert(key, m_episodes.size());
        m_episodes.push_back({row.raceMs, row.raceMs, i, 1});
    }
    return change;
}

void AnomalyEpisodes::clear()
{
    m_episodes.clear();
    m_latest.clear();
}

} // namespace pitwall
