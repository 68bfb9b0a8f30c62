#pragma once
// The live race materialised in memory for agents and overlays (the demo's "real-time
// context engine"): the leaderboard with gaps and intervals, each car's latest telemetry
// and last laps, recent events, anomalies and commentary. Fed by its own Kafka reader;
// read from any thread without blocking the pipeline (a read-write lock, short copies).

#include "core/AnomalyRow.h"
#include "core/Messages.h"
#include "stream/KafkaConsumer.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <mutex>
#include <deque>
#include <optional>
#include <shared_mutex>

namespace pitwall {

class RaceContext {
public:
    static constexpr size_t kKeptEvents = 2000;
    static constexpr size_t kKeptLaps = 100;    // per car
    static constexpr size_t kKeptPitStops = 20; // per car
    // Cars are keyed by the names messages carry: past this many in one race, a new name is
    // refused (counted in rejected()), so a flood of made-up names cannot grow the context
    // nor push out the real cars (a grid has 20-26).
    static constexpr int kMaxCars = 64;

    // The topics it reads.
    static QStringList topics();
    void ingest(const std::vector<KafkaRecord> &batch);
    void reset(); // a new race

    QString raceId() const;
    QJsonArray leaderboard() const;
    // Position, team, gaps, tyre, stops, latest telemetry, last `laps` lap times, pit stops.
    std::optional<QJsonObject> driver(const QString &name, int laps = 5) const;
    // Gap from a to b in seconds (positive: b is behind), and their last laps compared.
    std::optional<QJsonObject> gap(const QString &a, const QString &b, int laps = 3) const;
    QJsonArray anomaliesSince(qint64 sinceMs, int limit) const;
    QJsonArray eventsSince(qint64 sinceMs, const QStringList &kinds, int limit) const;
    QJsonArray commentarySince(qint64 sinceMs, int limit) const;
    // What arrived after a reader's cursor (a count of items ever added), oldest first, in
    // arrival order (race timestamps can arrive out of order); the cursor moves on. A
    // reader that fell further behind than what is kept gets what is kept.
    struct Cursors {
        quint64 commentary = 0, anomalies = 0, events = 0;
    };
    QJsonObject newSince(Cursors &cursors, int limit) const;
    // A driver's full name from a full name, surname or three-letter code (any case).
    std::optional<QString> resolveDriver(const QString &text) const;
    quint64 rejected() const;

private:
    struct Car {
        PositionUpdate standing;
        std::optional<TelemetrySample> telemetry;
        std::deque<std::pair<int, qint64>> laps; // (lap, lap time ms)
        QJsonArray pitStops;
    };
    std::optional<QString> resolveLocked(const QString &text) const;
    Car *carLocked(const QString &name); // null: a new name past kMaxCars

    // std::shared_mutex, not QReadWriteLock: ThreadSanitizer sees its locking (Qt's own is
    // not instrumented), so the sanitizer build checks this class for races.
    mutable std::shared_mutex m_lock;
    QString m_raceId;
    QHash<QString, Car> m_cars;
    std::deque<RaceEvent> m_events;
    std::deque<AnomalyRow> m_anomalies; // both detector stages'
    std::deque<Commentary> m_commentary;
    quint64 m_rejected = 0;
    Cursors m_added; // items ever added (reset with the race)
};

} // namespace pitwall
