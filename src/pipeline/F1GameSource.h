#pragma once
// The EA SPORTS F1 game as a race source: its UDP telemetry received live (receive only:
// nothing is ever sent back), each datagram bounded, decoded (sources/f1game), freed of
// duplicates and stale repeats, assembled into Pit Wall's records (GameRaceAssembler) and
// produced to Kafka like a simulated race, so every stage and panel works unchanged.
// Packet loss and reordering are counted, never fatal. Every datagram received can be
// captured to a file with its arrival time (pitwall udp-replay plays such a file back).

#include "RaceSource.h"
#include "TopicCounts.h"
#include "realrace/GameRaceAssembler.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QMutex>
#include <QPointF>
#include <QVector>
#include <atomic>
#include <memory>

namespace pitwall {

class KafkaProducer;

// A new game session (a new sessionUID) is a new race: the source that sees its first
// packet ends its own race and hands the socket over, still bound, with that packet, so
// the next race's source loses nothing in between.
struct GameHandover {
    GameHandover(int socketFd, QByteArray firstDatagram);
    ~GameHandover(); // closes the socket if no source took it
    GameHandover(const GameHandover &) = delete;
    GameHandover &operator=(const GameHandover &) = delete;
    // The bound socket's descriptor, once (-1 after).
    int takeSocket();
    const QByteArray firstDatagram;

private:
    std::atomic<int> m_socketFd;
};

struct GameSourceOptions {
    bool enabled = false;
    quint16 port = 20777;                   // the game's default
    QHostAddress bind = QHostAddress::Any;  // the game usually runs on another device
    QString captureFile;                    // set: every datagram received is kept here
    std::shared_ptr<GameHandover> handover; // set: continue on the previous race's socket
};

// What the game has said about its session so far, for the library's record of the race
// (the race starts recording before the game says which track or who drives).
struct GameSessionDescription {
    QString track;
    QString sessionType;
    int laps = 0;
    QString player;
    QJsonObject grid;              // core/Grid's file form
    QVector<QPointF> trackOutline; // a closed lap of the player's car, once it has driven one
    QStringList drivers;

    bool operator==(const GameSessionDescription &) const = default;
};

class F1GameSource : public RaceSource {
public:
    // A datagram larger than any packet of any format is refused unread.
    static constexpr qint64 kMaxDatagramBytes = 2048;

    // startEpochMs: the wall-clock time the game's session clock 0 is stamped as (records
    // carry epoch timestamps, like every other source's).
    // Called on the source's thread whenever what is known of the session changes.
    using Describe = std::function<void(const GameSessionDescription &)>;

    F1GameSource(GameSourceOptions options, QString raceId, qint64 startEpochMs, KafkaProducer &producer, Backlog backlog = {},
                 StepClock onStep = {}, Describe describe = {});
    ~F1GameSource() override;

    quint64 producedTo(const char *topic) const override;
    RaceSummary summary() const override;

    // Any thread: what the receiver has seen so far (packets, refusals by reason,
    // duplicates, stale, packets/s, format, session type, track), for the window and the
    // headless summary.
    QJsonObject receiverStatus() const;
    // Empty while listening; else why the socket could not be opened.
    QString lastError() const;
    // After the race ended because the game started a new session: the socket and that
    // session's first packet, for the next race's source. Null otherwise.
    std::shared_ptr<GameHandover> handover() const;

private:
    // Until the race's classification arrives or the game starts another session.
    bool run(const std::stop_token &stop) override;
    struct Receiver;
    enum class Handled { Continue, RaceFinished, NewSession };
    Handled handleDatagram(QByteArrayView bytes, qint64 nowMs);
    void produce(realrace::GameRaceAssembler::Output &out);
    void publishStatus(qint64 nowMs, bool finished);
    void describeSession();

    GameSourceOptions m_options;
    QString m_raceId;
    qint64 m_startEpochMs = 0;
    KafkaProducer &m_producer;
    Describe m_describe;
    std::unique_ptr<Receiver> m_receiver;
    TopicCounts m_produced;
    mutable QMutex m_mutex; // guards what summary() and receiverStatus() read
    RaceSummary m_summary;
    QJsonObject m_status;
    QString m_lastError;
    std::shared_ptr<GameHandover> m_handover;
};

} // namespace pitwall
