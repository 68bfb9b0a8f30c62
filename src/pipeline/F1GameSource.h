#pragma once
// The EA SPORTS F1 game as a race source: its UDP telemetry received live (receive only:
// nothing is ever sent back), each datagram bounded, decoded (sources/f1game), freed of
// duplicates and stale repeats, assembled into Pit Wall's records (GameRaceAssembler) and
// produced to Kafka like a simulated race, so every stage and panel works unchanged.
// Packet loss and reordering are counted, never fatal. Every datagram received can be
// captured to a file with its arrival time (pitwall udp-replay plays such a file back).

#include "RaceSource.h"
#include "core/Topics.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QMutex>
#include <array>
#include <atomic>
#include <memory>

namespace pitwall {

class KafkaProducer;

struct GameSourceOptions {
    bool enabled = false;
    quint16 port = 20777;                      // the game's default
    QHostAddress bind = QHostAddress::Any;     // the game usually runs on another device
    QString captureFile;                       // set: every datagram received is kept here
};

class F1GameSource : public RaceSource {
public:
    // A datagram larger than any packet of any format is refused unread.
    static constexpr qint64 kMaxDatagramBytes = 2048;

    // startEpochMs: the wall-clock time the game's session clock 0 is stamped as (records
    // carry epoch timestamps, like every other source's).
    F1GameSource(GameSourceOptions options, QString raceId, qint64 startEpochMs, KafkaProducer &producer,
                 Backlog backlog = {}, StepClock onStep = {});
    ~F1GameSource() override;

    quint64 producedTo(const char *topic) const override;
    RaceSummary summary() const override;

    // Any thread: what the receiver has seen so far (packets, refusals by reason,
    // duplicates, stale, packets/s, format, session type, track), for the window and the
    // headless summary.
    QJsonObject receiverStatus() const;
    // Empty while listening; else why the socket could not be opened.
    QString lastError() const;

private:
    bool run(const std::stop_token &stop) override; // until the race's classification arrives
    struct Receiver;

    GameSourceOptions m_options;
    QString m_raceId;
    qint64 m_startEpochMs = 0;
    KafkaProducer &m_producer;
    std::unique_ptr<Receiver> m_receiver;
    std::array<std::atomic<quint64>, std::size(topics::kAll)> m_produced{};
    mutable QMutex m_mutex; // guards what summary() and receiverStatus() read
    RaceSummary m_summary;
    QJsonObject m_status;
    QString m_lastError;
};

} // namespace pitwall
