#pragma once

#include <QMetaType>
#include <QJsonObject>
#include <QString>
#include <map>

namespace pitwall {

// Counters of one race session, as shown in the status bar and the headless summary.
struct SessionStats {
    quint64 produced = 0; // f1-driver-positions messages the broker acknowledged (the topic read back)
    quint64 producedAllTopics = 0;
    std::map<QString, quint64> producedByTopic;
    quint64 enqueued = 0;    // messages handed to the producer
    quint64 consumed = 0;    // valid messages of this race read back
    quint64 skipped = 0;     // messages lost because the consumer fell behind
    quint64 rejected = 0;    // undecodable or invalid messages
    quint64 otherRaces = 0;  // valid messages of other races on the same topic
    quint64 errors = 0;      // every failure: delivery, consumer, rejected messages
    qint64 lag = 0;          // messages on the broker not yet consumed
    quint64 viewDropped = 0; // telemetry the window did not take in time (SessionOptions::viewFeed)
    // Requests and connections of outside clients the embedded broker's front door refused
    // (oversized records, garbage, too many connections), since the broker started.
    quint64 brokerRefused = 0;
    QString lastError;
    double raceTimeS = 0;
    int leaderLap = 0;
    QJsonObject stages; // per pipeline stage: throughput, lag, latency, errors
};

} // namespace pitwall

Q_DECLARE_METATYPE(pitwall::SessionStats)
