#pragma once
// One race, end to end: the simulator produces the race to Kafka from a worker thread,
// a consumer thread reads f1-driver-positions back, and the standing reaches the GUI
// thread at display rate. Connecting and stopping (flush, catch-up) run in workers;
// no call here blocks.

#include "LeaderboardFeed.h"
#include "F1GameSource.h"
#include "RaceViewFeed.h"
#include "RaceSource.h"
#include "SessionStats.h"
#include "core/Grid.h"
#include "core/Messages.h"
#include "sim/RaceSimulator.h"
#include "stream/KafkaEndpoint.h"

#include <QMap>
#include <QObject>
#include <QElapsedTimer>
#include <QTimer>
#include <QVector>
#include <memory>

namespace pitwall {

class AiServices;
class RaceContext;

struct SessionOptions {
    SimOptions race;
    double speed = 1.0;          // race seconds per wall-clock second; 0: as fast as possible
    int displayIntervalMs = 100; // how often the GUI gets the standing, the view batch and the counters
    int fetchWaitMs = 100;       // the leaderboard's and the view's readers (KafkaConsumer::create)
    int stopTimeoutMs = 15000;   // flush plus consumer catch-up when stopping
    QStringList disabledStages;  // pipeline stages that start switched off
    QString libraryPath;         // the race library to record into (or replay from); empty: do not record
    // Set: replay this race of the library instead of simulating one (it is not recorded again).
    QString replayRaceId;
    bool replayRerun = false; // false: play everything recorded; true: only the race's own topics, pipeline afresh
    // Enabled: the race comes live from the F1 game's UDP telemetry instead of the simulator.
    GameSourceOptions game;
    // Read telemetry, events, anomalies, forecasts and commentary back for a window (viewBatch).
    bool viewFeed = false;
    // The LLM, embedder and vector store of the AI stages; null: offline ones for this session.
    std::shared_ptr<AiServices> ai;
    // Set: the live race is materialised here too (for the MCP server), from its own reader.
    std::shared_ptr<RaceContext> context;
};

class RaceSession : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Running, Stopping, Stopped, Failed };
    Q_ENUM(State)

    RaceSession(std::shared_ptr<KafkaEndpoint> endpoint, const Grid &grid, SessionOptions options = {}, QObject *parent = nullptr);
    ~RaceSession() override;

    void start();
    // Ends the race cleanly (stopped follows); asked while connecting, once connected.
    void stop();
    // Switches a pipeline stage on or off: now if the race runs (in a worker; the outcome
    // arrives as stageSwitched), and for races started later.
    void setStageEnabled(const QString &stage, bool enabled);
    // A replay only (no effect otherwise): jump to a race time, hold and resume.
    bool isReplay() const { return !m_options.replayRaceId.isEmpty(); }
    void seekReplay(qint64 raceMs);
    // Changes the pace of the running race or replay (0: as fast as possible).
    void setSpeed(double speed);
    void setReplayPaused(bool paused);
    qint64 replayDurationMs() const;
    // The F1 game source's receiver status (waiting / receiving..., packets, refusals); empty otherwise.
    QJsonObject gameStatus() const;
    // Once the game started a new session (gameSessionChanged): its socket and first packet,
    // for the source of the race that follows. Null otherwise.
    std::shared_ptr<GameHandover> gameHandover() const;

    State state() const { return m_state; }
    QString raceId() const { return m_options.race.raceId; }
    const SessionOptions &options() const { return m_options; }
    // The AI stages' services (LLM meters, the vector store): never null.
    const std::shared_ptr<AiServices> &ai() const { return m_options.ai; }
    const KafkaEndpoint &endpoint() const { return *m_endpoint; }
    SessionStats stats() const;
    // Epoch ms of the race's start: message timestamps minus this are race time. 0 until started.
    qint64 raceStartEpochMs() const;
    // Progress while running; the final result once stopped.
    RaceSummary summary() const;

signals:
    void started();
    void failed(const QString &reason);
    void standingChanged(const QVector<pitwall::PositionUpdate> &standing);
    // With SessionOptions::viewFeed: what arrived for the window since the previous batch.
    void viewBatch(const pitwall::RaceViewBatch &batch);
    void replaySeeked(qint64 raceMs);
    void statsChanged(const pitwall::SessionStats &stats);
    void raceFinished(); // the chequered flag fell; stopping follows by itself
    // The F1 game started another session (a new sessionUID): this race ends (stopping
    // follows by itself) and the next one continues from gameHandover().
    void gameSessionChanged();
    // The source ran out without a flag (the replay of a race stopped early); stopping follows.
    void sourceEnded();
    void stopped(const pitwall::SessionStats &stats);
    // error is empty when the switch worked.
    void stageSwitched(const QString &stage, bool enabled, const QString &error);

private:
    struct Clients;
    void onConnected(std::shared_ptr<Clients> clients);
    void onStopped();
    void publish();

    std::shared_ptr<KafkaEndpoint> m_endpoint;
    const Grid &m_grid;
    SessionOptions m_options;
    State m_state = State::Idle;
    bool m_stopWhenConnected = false; // stop() came while connecting
    std::shared_ptr<Clients> m_clients;
    QTimer m_displayTimer;
    QElapsedTimer m_statsClock;
};

} // namespace pitwall
