#pragma once
// The anomaly list's lines: a detector flags every reading of a fault, so repeated flags of
// one car's (or, for the engine stage, one team's) metric close together in race time are one
// episode — one alert with its start, peak and end — rather than a line per reading.

#include "RaceViewStore.h"

#include <QHash>
#include <vector>

namespace pitwall {

struct AnomalyEpisode {
    qint64 startMs = 0, endMs = 0; // race time of its first and last flag
    size_t peak = 0;               // the row furthest outside its band, an index into the rows
    int readings = 0;
};

class AnomalyEpisodes {
public:
    // A flag within this much race time of an episode continues it; a longer quiet starts
    // another (a car's faults last seconds; its flags come several times a second).
    static constexpr qint64 kQuietGapMs = 5000;

    struct Change {
        size_t firstNew = 0;       // episodes from here on are new
        std::vector<size_t> grown; // older episodes that took new flags
    };
    // Folds rows[first, end) in: the store's rows, which only grow until a clear.
    Change add(const std::vector<AnomalyRecord> &rows, size_t first);
    void clear();
    const std::vector<AnomalyEpisode> &episodes() const { return m_episodes; }

private:
    std::vector<AnomalyEpisode> m_episodes;
    QHash<QString, size_t> m_latest; // source, who and metric -> that series' latest episode
};

// True when a is further outside its band than b (rows without a band: the higher confidence).
bool strongerAnomaly(const TelemetryAnomaly &a, const TelemetryAnomaly &b);

} // namespace pitwall
