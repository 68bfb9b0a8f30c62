#pragma once
// Chooses what deserves words, like the demo's WHERE clause but richer: lead changes,
// overtakes in the top N, the followed drivers' moves, pit stops in the top N, fastest
// laps, safety cars, retirements, anomalies. Everything else is left to the leaderboard.

#include "RaceFacts.h"
#include "RaceMoment.h"
#include "core/Expected.h"

#include <QHash>
#include <QSet>
#include <vector>

namespace pitwall::ai {

struct MomentFilter {
    QSet<MomentKind> kinds{MomentKind::LeadChange, MomentKind::Overtake,   MomentKind::PitStop, MomentKind::FastestLap,
                           MomentKind::SafetyCar,  MomentKind::Retirement, MomentKind::Anomaly, MomentKind::FollowedMove,
                           MomentKind::RaceStart,  MomentKind::RaceFinish};
    int overtakeTopN = 5; // overtakes for these positions
    int pitStopTopN = 10; // pit stops by cars running in these positions
    QStringList followed; // drivers whose every move is told (full names or surnames)

    // "lead_change,overtake,pit_stop,anomaly,overtake_top=5,pit_top=10,follow=Norris;Piastri"
    static Expected<MomentFilter> parse(const QString &text);
    QString toText() const;
};

class MomentSelector {
public:
    explicit MomentSelector(MomentFilter filter = {});

    // Updates `facts` with the input and returns the moments it makes (may be none).
    std::vector<RaceMoment> take(const CommentaryInput &input, RaceFacts &facts, qint64 wallMs);
    std::vector<RaceMoment> take(const RaceEvent &event, RaceFacts &facts, qint64 wallMs);
    std::vector<RaceMoment> take(const TelemetryAnomaly &anomaly, const RaceFacts &facts, qint64 wallMs);

    const MomentFilter &filter() const { return m_filter; }

private:
    bool isFollowed(const QString &driver, const RaceFacts &facts) const;

    MomentFilter m_filter;
    QString m_previousLeader;
    // An anomaly that persists is one episode: told once per driver and metric a minute.
    QHash<QString, qint64> m_lastAnomalyMs;
};

} // namespace pitwall::ai
