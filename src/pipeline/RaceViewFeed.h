#pragma once
// What the window shows besides the leaderboard: telemetry, race events, anomalies (of
// both detector stages),
// forecasts and commentary of one race, decoded on the consumer thread and handed to
// the GUI thread in one batch per frame. Pending data is bounded: a window that does
// not take for a while (minimised) loses the oldest telemetry, counted, never events.

#include "core/AnomalyRow.h"
#include "core/Messages.h"
#include "stream/KafkaConsumer.h"

#include <QMetaType>
#include <QHash>
#include <QMutex>
#include <QString>
#include <QVector>
#include <vector>

namespace pitwall {

struct RaceViewBatch {
    std::vector<TelemetrySample> telemetry;
    QVector<RaceEvent> events;
    QVector<AnomalyRow> anomalies; // both detector stages'
    QVector<ForecastPoint> forecasts;
    QVector<Commentary> commentary;
    // Kafka create time of every message in the batch: event-to-view latency.
    std::vector<qint64> producedAtMs;

    bool isEmpty() const { return producedAtMs.empty(); }
};

class RaceViewFeed {
public:
    struct Counts {
        quint64 accepted = 0;
        quint64 rejected = 0;   // undecodable or invalid
        quint64 otherRaces = 0; // valid, but another race's
        quint64 dropped = 0;    // telemetry dropped because the window did not take it in time
        QString lastRejection;
    };

    // The topics this feed reads.
    static QStringList topics();
    static constexpr size_t kMaxPendingTelemetry = 200'000;

    explicit RaceViewFeed(QString raceId);

    void ingest(const std::vector<KafkaRecord> &batch);
    RaceViewBatch take();
    Counts counts() const;
    // Messages of a topic looked at so far, accepted or not (the race's back-pressure).
    quint64 handledFrom(const QString &topic) const;

private:
    const QString m_raceId;
    mutable QMutex m_mutex;
    RaceViewBatch m_pending;
    Counts m_counts;
    QHash<QString, quint64> m_handledByTopic;
};

} // namespace pitwall

Q_DECLARE_METATYPE(pitwall::RaceViewBatch)
