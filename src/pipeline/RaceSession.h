#pragma once
// One race, end to end: a race source produces f1-driver-positions to Kafka, a consumer
// thread reads them back, and the standing reaches the GUI thread at display rate.
// Connecting and stopping (flush, catch-up) run in a worker; no call here blocks.

#include "LeaderboardFeed.h"
#include "SessionStats.h"
#include "core/Grid.h"
#include "core/Messages.h"
#include "stream/KafkaEndpoint.h"

#include <QObject>
#include <QTimer>
#include <QVector>
#include <memory>

namespace pitwall {

class KafkaProducer;
class PlaceholderRace;

struct SessionOptions {
    int tickIntervalMs = 1000;  // one position update per driver per tick
    int displayIntervalMs = 100; // how often the GUI gets the standing and counters
    quint64 seed = 0;           // 0: a random seed
    int stopTimeoutMs = 8000;   // flush plus consumer catch-up when stopping
};

class RaceSession : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Running, Stopping, Stopped, Failed };
    Q_ENUM(State)

    RaceSession(std::shared_ptr<KafkaEndpoint> endpoint, const Grid &grid, SessionOptions options = {},
                QObject *parent = nullptr);
    ~RaceSession() override;

    void start();
    void stop();

    State state() const { return m_state; }
    QString raceId() const { return m_raceId; }
    const KafkaEndpoint &endpoint() const { return *m_endpoint; }
    SessionStats stats() const;

signals:
    void started();
    void failed(const QString &reason);
    void standingChanged(const QVector<pitwall::PositionUpdate> &standing);
    void statsChanged(const pitwall::SessionStats &stats);
    void stopped(const pitwall::SessionStats &stats);

private:
    struct Clients;
    void onConnected(std::shared_ptr<Clients> clients);
    void onStopped();
    void produceTick();
    void publish();
    void setState(State state) { m_state = state; }

    std::shared_ptr<KafkaEndpoint> m_endpoint;
    const Grid &m_grid;
    SessionOptions m_options;
    QString m_raceId;
    State m_state = State::Idle;
    std::shared_ptr<Clients> m_clients;
    std::unique_ptr<PlaceholderRace> m_race;
    QTimer m_tickTimer;
    QTimer m_displayTimer;
};

} // namespace pitwall
