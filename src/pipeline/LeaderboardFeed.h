#pragma once
// Turns consumed f1-driver-positions records into the latest standing of one race.
// The consumer thread ingests batches; the GUI thread takes a snapshot at display
// rate, so the GUI gets one update per frame however many messages arrived.

#include "stream/KafkaConsumer.h"
#include "core/Messages.h"

#include <QHash>
#include <QMutex>
#include <QVector>
#include <optional>

namespace pitwall {

class LeaderboardFeed {
public:
    struct Counts {
        quint64 accepted = 0;   // valid updates of this race
        quint64 rejected = 0;   // undecodable or invalid messages
        quint64 otherRaces = 0; // valid, but another race's (shared real clusters)
        QString lastRejection;
    };

    // Drivers are keyed by the names messages carry: past this many, a new name is refused
    // (counted as rejected), so made-up names can neither grow the standing nor push out real cars.
    static constexpr int kMaxDrivers = 64;

    explicit LeaderboardFeed(QString raceId);

    void ingest(const std::vector<KafkaRecord> &batch);
    // The newest update of every driver seen, ordered by position, or nullopt when
    // nothing changed since the previous call.
    std::optional<QVector<PositionUpdate>> takeIfChanged();
    Counts counts() const;
    // A replay jumped: updates older than the ones seen count again.
    void forgetStanding();

private:
    const QString m_raceId;
    mutable QMutex m_mutex;
    QHash<QString, PositionUpdate> m_latestByDriver;
    bool m_changed = false;
    Counts m_counts;
};

} // namespace pitwall
