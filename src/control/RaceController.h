#pragma once
// The race, without widgets: the Kafka connection, the race source and its session
// (start, stop, pause, seek, speed, recording into the library), the AI services, the
// live servers' view of them and which stages run in the cloud. The window and the
// headless run both drive one, and observe it through its signals, so a new source or
// service is added here once and works in both.

#include "KafkaConnection.h"
#include "RaceRequest.h"
#include "core/Expected.h"
#include "core/Messages.h"
#include "pipeline/RaceSession.h"

#include <QObject>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>

namespace pitwall {

class AiServices;
class LiveServers;
class RaceContext;

class RaceController : public QObject {
    Q_OBJECT
public:
    explicit RaceController(QObject *parent = nullptr);
    ~RaceController() override;

    // --- Kafka
    KafkaConnection &kafka() { return m_kafka; }
    const KafkaConnection &kafka() const { return m_kafka; }
    // Prepares another Kafka (see KafkaConnection::connectTo). Not while a race runs: call
    // after stop(), or use applySetup, which waits for the race's end.
    Expected<bool> connectKafka(const KafkaSelection &selection);

    // --- What the next race uses
    // Replaces the options of the races to come (circuit, laps, speed, seed, library...).
    // AI services and race context not given keep theirs; stages switched off stay off.
    void setRaceOptions(const SessionOptions &options);
    SessionOptions &raceOptions() { return m_options; }
    const SessionOptions &raceOptions() const { return m_options; }
    // A person watches: the view feed for the charts, map and feed, 60 updates a second,
    // readers that never idle long at the broker.
    void setWatched(bool watched) { m_watched = watched; }
    // The F1 game went on to another session: follow it as a race of its own (the
    // window does; a headless run ends with its one session).
    void setFollowGameSessions(bool follow) { m_followGameSessions = follow; }

    // --- AI services and the live servers
    // The LLM, embedder and vector store of the races to come, and of the MCP server's tools.
    void setAiServices(std::shared_ptr<AiServices> services);
    const std::shared_ptr<AiServices> &aiServices() const { return m_options.ai; }
    // How new AI services are made from the saved settings (after the setup). Called off this thread.
    using AiServicesFactory = std::function<Expected<std::shared_ptr<AiServices>>()>;
    void setAiServicesFactory(AiServicesFactory factory) { m_aiFactory = std::move(factory); }
    bool hasAiServicesFactory() const { return bool(m_aiFactory); }
    // The MCP server and live feed (owned by the caller; may be null): the races fill
    // their race context, and they get the AI services this controller is given.
    void setLiveServers(LiveServers *servers);
    LiveServers *liveServers() const { return m_liveServers; }
    void setRaceContext(std::shared_ptr<RaceContext> context);

    // --- The race
    // Starts the requested race: false (and nothing happens) while Kafka is not ready or
    // another race is active. sessionCreated comes before the session starts.
    bool start(const RaceRequest &request);
    // The same as soon as Kafka is ready (now, if it is).
    void startWhenReady(const RaceRequest &request);
    void stop();
    void setPaused(bool paused); // replays only
    void seek(qint64 raceMs);    // replays only
    void setSpeed(double speed); // the running race too (0: as fast as possible)
    // The session of the race running, or of the last one (kept until the next starts).
    RaceSession *session() const { return m_session; }
    bool isRaceActive() const; // connecting, running or stopping
    bool isRaceRunning() const;
    // The race just stopped hands over to the F1 game's next session (it starts by itself).
    bool isHandingOverGameSession() const { return m_handingOver; }

    // --- Questions about the commentary
    // A running race's pipeline answers; otherwise the question gets its own ask stages
    // (on the AI services of the last race, else these). Off this thread; `done` runs on
    // it, unless this controller is gone by then. Needs Kafka ready.
    using AskDone = std::function<void(const Expected<CommentaryQueryResult> &answer)>;
    void ask(const QString &question, bool thisRaceOnly, AskDone done);

    // --- Pipeline stages
    void setStageEnabled(const QString &stage, bool enabled);
    // Confluent Cloud Flink runs these stages now: their local copies step aside (and the
    // ones no longer in the list come back).
    void runStagesInCloud(const QStringList &stages);
    const QStringList &cloudStages() const { return m_cloudStages; }

    // --- The setup takes effect
    // Kafka reconnects to `kafka` (after the running race, which keeps its connections),
    // and the AI services are made anew off this thread for the next race and the live
    // servers: setupApplied or setupFailed follows (nothing without a factory).
    void applySetup(const KafkaSelection &kafka);

signals:
    void kafkaConnecting();
    void kafkaReady();
    void kafkaFailed(const QString &reason);
    // A new race's session, not started yet: connect to its signals here.
    void sessionCreated(pitwall::RaceSession *session);
    // Connecting, running, stopped or failed: what can be done next changed.
    void raceStateChanged();
    void aiServicesChanged(const std::shared_ptr<pitwall::AiServices> &services);
    // raceKeepsSettings: a race was running and keeps the connections it started with.
    void setupApplied(const std::shared_ptr<pitwall::AiServices> &services, bool raceKeepsSettings);
    void setupFailed(const QString &reason, bool raceKeepsSettings);
    // A re-run replay started: what was recorded of that race, for comparison (read off
    // this thread; not sent if another race started meanwhile).
    void recordedRunLoaded(const QString &raceId, const pitwall::Expected<pitwall::RaceViewBatch> &loaded);

private:
    void onSessionStopped();
    void loadRecordedRun(const QString &libraryPath, const QString &raceId);

    KafkaConnection m_kafka;
    SessionOptions m_options;
    bool m_watched = false;
    bool m_followGameSessions = false;
    AiServicesFactory m_aiFactory;
    LiveServers *m_liveServers = nullptr;
    RaceSession *m_session = nullptr;
    std::optional<RaceRequest> m_startWhenReady;
    std::optional<KafkaSelection> m_kafkaAfterRace; // set up while a race ran: connected after it
    bool m_handingOver = false;
    QStringList m_cloudStages;
};

} // namespace pitwall
