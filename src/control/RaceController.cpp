#include "RaceController.h"

#include "core/Grid.h"
#include "live/LiveServers.h"
#include "aiservices/AiServices.h"
#include "pipeline/AskClient.h"
#include "pipeline/RecordedOutputs.h"
#include "stream/KafkaEndpoint.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace pitwall {

RaceController::RaceController(QObject *parent)
    : QObject(parent)
{
    connect(&m_kafka, &KafkaConnection::connecting, this, &RaceController::kafkaConnecting);
    connect(&m_kafka, &KafkaConnection::failed, this, &RaceController::kafkaFailed);
    connect(&m_kafka, &KafkaConnection::ready, this, [this] {
        emit kafkaReady();
        if (auto pending = std::exchange(m_startWhenReady, std::nullopt))
            start(*pending);
    });
}

RaceController::~RaceController() = default;

Expected<bool> RaceController::connectKafka(const KafkaSelection &selection)
{
    return m_kafka.connectTo(selection);
}

void RaceController::setRaceOptions(const SessionOptions &options)
{
    const QStringList switchedOff = m_options.disabledStages;
    auto ai = m_options.ai;
    auto context = m_options.context;
    m_options = options;
    if (!m_options.ai)
        m_options.ai = ai;
    if (!m_options.context)
        m_options.context = context;
    for (const auto &stage : switchedOff) { // the new options add to what was switched off
        if (!m_options.disabledStages.contains(stage))
            m_options.disabledStages << stage;
    }
}

void RaceController::setAiServices(std::shared_ptr<AiServices> services)
{
    if (!services)
        return;
    m_options.ai = std::move(services);
    if (m_liveServers)
        m_liveServers->setAiServices(m_options.ai);
    emit aiServicesChanged(m_options.ai);
}

void RaceController::setLiveServers(LiveServers *servers)
{
    m_liveServers = servers;
    if (!servers)
        return;
    setRaceContext(servers->context());
    if (m_options.ai)
        servers->setAiServices(m_options.ai);
}

void RaceController::setRaceContext(std::shared_ptr<RaceContext> context)
{
    m_options.context = std::move(context);
}

bool RaceController::isRaceActive() const
{
    if (!m_session)
        return false;
    const auto state = m_session->state();
    return state == RaceSession::State::Connecting || state == RaceSession::State::Running || state == RaceSession::State::Stopping;
}

bool RaceController::isRaceRunning() const
{
    return m_session && m_session->state() == RaceSession::State::Running;
}

void RaceController::startWhenReady(const RaceRequest &request)
{
    if (m_kafka.isReady())
        start(request);
    else
        m_startWhenReady = request;
}

bool RaceController::start(const RaceRequest &request)
{
    m_startWhenReady.reset();
    if (!m_kafka.isReady() || isRaceActive())
        return false;
    m_handingOver = false;
    delete m_session;
    auto options = sessionOptionsFor(request, m_options);
    if (m_watched) {
        options.viewFeed = true;
        options.displayIntervalMs = 16; // the charts redraw at most 20 times a second whatever arrives
        options.fetchWaitMs = 10;
    }
    m_session = new RaceSession(m_kafka.endpoint(), Grid::builtIn(), options, this);
    connect(m_session, &RaceSession::started, this, &RaceController::raceStateChanged);
    connect(m_session, &RaceSession::failed, this, &RaceController::raceStateChanged);
    connect(m_session, &RaceSession::stopped, this, &RaceController::onSessionStopped);
    emit sessionCreated(m_session);
    if (m_session->isReplay() && options.replayRerun)
        loadRecordedRun(options.libraryPath, options.replayRaceId);
    m_session->start();
    emit raceStateChanged();
    return true;
}

void RaceController::onSessionStopped()
{
    if (auto kafka = std::exchange(m_kafkaAfterRace, std::nullopt)) // the setup changed Kafka while this race ran
        connectKafka(*kafka);
    if (m_followGameSessions) {
        if (auto next = m_session->gameHandover()) {
            // The game went on to another session: this race is in the library; follow the next
            // (after this signal: the session is deleted when the next one starts).
            m_handingOver = true;
            auto game = m_session->options().game;
            game.handover = std::move(next);
            QTimer::singleShot(0, this, [this, game] { start(RaceRequest::f1Game(game)); });
        }
    }
    emit raceStateChanged();
}

void RaceController::loadRecordedRun(const QString &libraryPath, const QString &raceId)
{
    using Loaded = Expected<RaceViewBatch>;
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, raceId] {
        watcher->deleteLater();
        if (m_session && m_session->options().replayRaceId == raceId) // else another race started meanwhile
            emit recordedRunLoaded(raceId, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([libraryPath, raceId] { return loadRecordedOutputs(libraryPath, raceId); }));
}

void RaceController::stop()
{
    if (m_session)
        m_session->stop();
    emit raceStateChanged();
}

void RaceController::setPaused(bool paused)
{
    if (m_session)
        m_session->setReplayPaused(paused);
}

void RaceController::seek(qint64 raceMs)
{
    if (m_session)
        m_session->seekReplay(raceMs);
}

void RaceController::setSpeed(double speed)
{
    m_options.speed = speed;
    if (m_session)
        m_session->setSpeed(speed); // the running race changes pace at once
}

void RaceController::setStageEnabled(const QString &stage, bool enabled)
{
    m_options.disabledStages.removeAll(stage);
    if (!enabled)
        m_options.disabledStages << stage;
    if (m_session)
        m_session->setStageEnabled(stage, enabled);
}

void RaceController::runStagesInCloud(const QStringList &stages)
{
    // Flink now writes these stages' topics: the local copies step aside (and come back).
    for (const auto &stage : std::as_const(m_cloudStages))
        if (!stages.contains(stage))
            setStageEnabled(stage, true);
    for (const auto &stage : stages)
        setStageEnabled(stage, false);
    m_cloudStages = stages;
}

void RaceController::ask(const QString &question, bool thisRaceOnly, AskDone done)
{
    if (!m_kafka.isReady())
        return done(Error{QStringLiteral("Kafka is not ready yet")});
    const CommentaryQuery query{question, {}, thisRaceOnly && m_session ? m_session->raceId() : QString()};
    const bool raceAnswers = isRaceRunning();
    std::shared_ptr<AiServices> ai = m_session ? m_session->ai() : m_options.ai;
    if (!ai)
        ai = AiServices::offline();
    const KafkaConfig config = m_kafka.endpoint()->clientConfig();
    using Answer = Expected<CommentaryQueryResult>;
    auto *watcher = new QFutureWatcher<Answer>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [watcher, done = std::move(done)] {
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([config, ai, query, raceAnswers]() -> Answer {
        return raceAnswers ? askThroughKafka(config, query, 20000) : askWithOwnStages(config, ai, query, 20000);
    }));
}

void RaceController::applySetup(const KafkaSelection &kafka)
{
    // A running race keeps the connections it started with (its session holds them).
    const bool raceRunning = isRaceRunning();
    if (raceRunning)
        m_kafkaAfterRace = kafka;
    else
        connectKafka(kafka);
    if (!m_aiFactory)
        return; // the AI services stay as given
    // The new models and stores start off this thread (a vector store connects and pings).
    using Started = Expected<std::shared_ptr<AiServices>>;
    auto *watcher = new QFutureWatcher<Started>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, raceRunning] {
        watcher->deleteLater();
        auto started = watcher->result();
        if (!started) {
            emit setupFailed(started.error().message, raceRunning);
            return;
        }
        setAiServices(started.value());
        emit setupApplied(started.value(), raceRunning);
    });
    watcher->setFuture(QtConcurrent::run([factory = m_aiFactory] { return factory(); }));
}

} // namespace pitwall
