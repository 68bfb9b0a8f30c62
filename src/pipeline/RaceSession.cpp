#include "RaceSession.h"

#include "core/HeapTrim.h"

#include <QLoggingCategory>

#include "aiservices/AiServices.h"
#include "context/RaceContext.h"

#include "PipelineEngine.h"
#include "RaceRunner.h"
#include "ReplayRunner.h"
#include "core/Topics.h"
#include "stream/KafkaConsumer.h"
#include "stream/KafkaProducer.h"
#include "sim/Circuit.h"
#include "storage/RaceLibrary.h"
#include "storage/RaceRecorder.h"
#include "realrace/RealRaceBuilder.h"

#include <QDateTime>
#include <QJsonArray>
#include <limits>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QRandomGenerator>
#include <QThread>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>

Q_LOGGING_CATEGORY(lcSession, "pitwall.session", QtWarningMsg)

namespace pitwall {

namespace {

// A consumer of `topics` from their end that hands each batch to `handler`, returned once
// it fetches: the session's readers are all in place before the race produces anything.
// `beforeStart` runs once the consumer exists and before it reads (nothing is touched
// when the consumer cannot be made).
Expected<std::unique_ptr<KafkaConsumer>> fetchingConsumer(const KafkaEndpoint &endpoint, const QStringList &topics,
                                                          int fetchWaitMs, KafkaConsumer::BatchHandler handler,
                                                          const std::function<void()> &beforeStart = {})
{
    auto consumer = KafkaConsumer::create(endpoint.clientConfig(), topics, KafkaConsumer::StartAt::End,
                                          KafkaEndpoint::kDefaultTimeoutMs, fetchWaitMs);
    if (!consumer)
        return consumer.error();
    if (beforeStart)
        beforeStart();
    consumer.value()->start(std::move(handler));
    if (!consumer.value()->waitUntilFetching(KafkaEndpoint::kDefaultTimeoutMs))
        return Error{QStringLiteral("Kafka at %1 does not answer fetches").arg(endpoint.bootstrap())};
    return std::move(consumer).value();
}

// A race from the F1 game: what it will be is known as the packets come (the grid and
// track are in the recording's race_started event and result).
RaceRecord gameRecordFor(const SimOptions &race, const SessionOptions &options)
{
    RaceRecord record;
    record.id = race.raceId;
    record.name = QStringLiteral("F1 game %1").arg(QDateTime::fromMSecsSinceEpoch(race.startEpochMs).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    record.circuit = QStringLiteral("f1-game");
    record.startedAtMs = race.startEpochMs;
    record.options = QJsonObject{{"source", "F1 game"}, {"udp_port", options.game.port}};
    return record;
}

// The game says which track, session and drivers only as it runs: the library's record
// of the race learns them as they come.
F1GameSource::Describe describeGameRecord(RaceRecorder *recorder, qint64 startEpochMs)
{
    if (!recorder)
        return {};
    return [recorder, startEpochMs](const GameSessionDescription &session) {
        recorder->amend([session, startEpochMs](RaceRecord &record) {
            const QString when = QDateTime::fromMSecsSinceEpoch(startEpochMs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
            QStringList what;
            for (const auto &part : {session.track, session.sessionType}) {
                if (!part.isEmpty())
                    what << part;
            }
            record.name = what.isEmpty() ? QStringLiteral("F1 game %1").arg(when)
                                         : QStringLiteral("F1 game: %1, %2").arg(what.join(QLatin1Char(' ')), when);
            if (!session.track.isEmpty())
                record.circuit = session.track;
            record.laps = session.laps;
            record.drivers = session.drivers;
            record.followedDriver = session.player;
            if (!session.grid.isEmpty())
                record.options.insert(QLatin1String(realrace::kGridOption), session.grid);
            if (!session.trackOutline.isEmpty()) {
                QJsonArray outline;
                for (const auto &point : session.trackOutline)
                    outline.append(QJsonArray{point.x(), point.y()});
                record.options.insert(QLatin1String(realrace::kOutlineOption), outline);
            }
            record.options.insert(QStringLiteral("session_type"), session.sessionType);
        });
    };
}

RaceRecord raceRecordFor(const SimOptions &race, const Grid &grid, const RaceSimulator &simulator, const SessionOptions &options)
{
    RaceRecord record;
    record.id = race.raceId;
    const auto circuit = Circuit::builtIn(race.circuitId);
    record.name = QStringLiteral("%1 %2").arg(circuit ? circuit->grandPrix : race.circuitId,
                                              QDateTime::fromMSecsSinceEpoch(race.startEpochMs).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    record.circuit = race.circuitId;
    record.startedAtMs = race.startEpochMs;
    record.laps = simulator.totalLaps();
    record.seed = race.seed;
    record.followedDriver = race.heroDriver;
    for (const auto &driver : grid.drivers())
        record.drivers << driver.name;
    record.options = QJsonObject{{"speed", options.speed},
                                 {"telemetry_hz", race.telemetryHz},
                                 {"faults_per_car_hour", race.faultsPerCarHour},
                                 {"hero", race.heroDriver},
                                 {"start_epoch_ms", race.startEpochMs}};
    return record;
}

// How the recording of a race ends.
QString recordingStateFor(const RaceSummary &summary)
{
    return summary.finished ? QStringLiteral("finished") : QStringLiteral("stopped");
}

QJsonObject raceResultJson(const RaceSummary &summary)
{
    QJsonObject events;
    for (auto it = summary.events.cbegin(); it != summary.events.cend(); ++it)
        events.insert(it.key(), it.value());
    return QJsonObject{{"finished", summary.finished},
                       {"leader_lap", summary.leaderLap},
                       {"race_time_s", summary.raceTimeS},
                       {"classification", QJsonArray::fromStringList(summary.classification)},
                       {"events", events}};
}

} // namespace

// Everything a running race owns; shared with the worker that stops it.
struct RaceSession::Clients {
    std::unique_ptr<RaceRecorder> recorder; // first: outlives the producer that feeds it
    std::unique_ptr<KafkaProducer> producer;
    std::unique_ptr<KafkaConsumer> consumer;
    std::unique_ptr<LeaderboardFeed> feed;
    std::unique_ptr<KafkaConsumer> viewConsumer; // with SessionOptions::viewFeed
    std::unique_ptr<RaceViewFeed> view;
    std::unique_ptr<KafkaConsumer> contextConsumer; // with SessionOptions::context
    qint64 startEpochMs = 0;
    std::unique_ptr<PipelineEngine> pipeline; // after the producer: stops before it
    std::unique_ptr<RaceSource> runner;       // declared last: stops first, while the producer lives
    ReplayRunner *replay = nullptr;           // the runner, when it is a replay
    F1GameSource *game = nullptr;             // the runner, when the F1 game is the source

    // A race destroyed while running (its window closed): the readers' threads stop before
    // the feeds they write into are destroyed (members go in reverse order: a feed first).
    ~Clients()
    {
        runner.reset();
        pipeline.reset();
        for (auto *reader : {viewConsumer.get(), contextConsumer.get(), consumer.get()}) {
            if (reader)
                reader->stop();
        }
    }
};

RaceSession::RaceSession(std::shared_ptr<KafkaEndpoint> endpoint, const Grid &grid, SessionOptions options, QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_grid(grid)
    , m_options(std::move(options))
{
    qRegisterMetaType<pitwall::SessionStats>();
    qRegisterMetaType<QVector<pitwall::PositionUpdate>>();
    qRegisterMetaType<pitwall::RaceViewBatch>();
    if (!m_options.replayRaceId.isEmpty())
        m_options.race.raceId = m_options.replayRaceId; // the recorded messages carry it
    if (m_options.race.raceId.isEmpty())
        m_options.race.raceId = QStringLiteral("race-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces).left(8));
    if (m_options.race.seed == 0)
        m_options.race.seed = QRandomGenerator::global()->generate64() >> 1;
    if (!m_options.ai)
        m_options.ai = AiServices::offline();
    m_displayTimer.setInterval(m_options.displayIntervalMs);
    connect(&m_displayTimer, &QTimer::timeout, this, &RaceSession::publish);
}

RaceSession::~RaceSession()
{
    m_displayTimer.stop();
    // Destroying the clients stops the race, flushes the producer and joins the consumer.
}

void RaceSession::start()
{
    if (m_state != State::Idle)
        return;
    m_state = State::Connecting;
    auto *watcher = new QFutureWatcher<Expected<std::shared_ptr<Clients>>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        auto result = watcher->result();
        if (!result) {
            m_state = State::Failed;
            emit failed(result.error().message);
            return;
        }
        onConnected(std::move(result).value());
    });
    watcher->setFuture(QtConcurrent::run([endpoint = m_endpoint, options = m_options, &grid = m_grid]() -> Expected<std::shared_ptr<Clients>> {
        auto race = options.race;
        race.startEpochMs = QDateTime::currentMSecsSinceEpoch();
        const bool replaying = !options.replayRaceId.isEmpty();
        std::unique_ptr<RaceSimulator> simulator;
        RaceRecord replayed;
        if (replaying) {
            auto library = RaceLibrary::open(options.libraryPath);
            if (!library)
                return library.error();
            auto found = library.value()->find(options.replayRaceId);
            if (!found)
                return found.error();
            if (!found.value())
                return Error{QStringLiteral("no race %1 in the library %2").arg(options.replayRaceId, options.libraryPath)};
            replayed = *found.value();
        } else if (!options.game.enabled) {
            auto created = RaceSimulator::create(grid, race);
            if (!created)
                return created.error();
            simulator = std::move(created).value();
        }
        auto clients = std::make_shared<Clients>();
        // The consumer is positioned before anything is produced, so it sees the whole race.
        clients->feed = std::make_unique<LeaderboardFeed>(options.race.raceId);
        auto consumer = fetchingConsumer(*endpoint, {QString::fromLatin1(topics::kDriverPositions)}, options.fetchWaitMs,
                                         [feed = clients->feed.get()](std::vector<KafkaRecord> &&batch) { feed->ingest(batch); });
        if (!consumer)
            return consumer.error();
        clients->consumer = std::move(consumer).value();
        clients->startEpochMs = replaying ? replayed.startedAtMs : race.startEpochMs;
        if (options.viewFeed) {
            clients->view = std::make_unique<RaceViewFeed>(options.race.raceId);
            auto viewConsumer = fetchingConsumer(*endpoint, RaceViewFeed::topics(), options.fetchWaitMs,
                                                 [view = clients->view.get()](std::vector<KafkaRecord> &&batch) {
                                                     view->ingest(batch);
                                                 });
            if (!viewConsumer)
                return viewConsumer.error();
            clients->viewConsumer = std::move(viewConsumer).value();
        }
        if (options.context) {
            // Read on its own: agents' questions never hold the race back. The last race's
            // context is cleared only once the new one's reader exists, before it reads.
            auto contextConsumer = fetchingConsumer(
                *endpoint, RaceContext::topics(), 20,
                [context = options.context](std::vector<KafkaRecord> &&batch) { context->ingest(batch); },
                [context = options.context] { context->reset(); });
            if (!contextConsumer)
                return contextConsumer.error();
            clients->contextConsumer = std::move(contextConsumer).value();
        }
        auto producer = KafkaProducer::create(endpoint->clientConfig());
        if (!producer)
            return producer.error();
        clients->producer = std::move(producer).value();
        if (!options.libraryPath.isEmpty() && !replaying) {
            // Every message, the race's and the stages', as it is produced: not read back.
            auto recorder = RaceRecorder::start(options.libraryPath, simulator ? raceRecordFor(race, grid, *simulator, options)
                                                                               : gameRecordFor(race, options));
            if (!recorder)
                return recorder.error();
            clients->recorder = std::move(recorder).value();
            clients->producer->setTap([recorder = clients->recorder.get()](const char *topic, QByteArrayView key, QByteArrayView value) {
                recorder->record(topic, key, value);
            });
        }
        // The pipeline's stages are positioned before the race too: they see all of it.
        clients->pipeline = std::make_unique<PipelineEngine>(endpoint->clientConfig(), *clients->producer,
                                                             pipelineDefinition(options.ai));
        if (auto started = clients->pipeline->start(KafkaEndpoint::kDefaultTimeoutMs); !started)
            return started.error();
        // Replaying what was recorded plays the stages' outputs too: the stages stay off. An
        // imported real race has no outputs recorded: the pipeline always runs on it.
        const bool rerun = options.replayRerun || replayed.options.value(QStringLiteral("real")).toBool();
        const QStringList off = replaying && !rerun ? clients->pipeline->stageNames() : options.disabledStages;
        for (const auto &stage : off) {
            if (auto switched = clients->pipeline->setEnabled(stage, false, KafkaEndpoint::kDefaultTimeoutMs); !switched)
                return switched.error();
        }
        RaceSource::Backlog backlog = [feed = clients->feed.get(), consumer = clients->consumer.get(),
                                       pipeline = clients->pipeline.get(), recorder = clients->recorder.get(),
                                       view = clients->view.get(), viewConsumer = clients->viewConsumer.get(),
                                       producer = clients->producer.get()](const RaceSource &runner) {
            // Produced minus handled, per topic the race writes; the largest counts.
            const auto positions = feed->counts();
            qint64 backlog = qint64(runner.producedTo(topics::kDriverPositions)) -
                             qint64(positions.accepted + positions.rejected + positions.otherRaces + consumer->skipped());
            // Every stage, on all it reads: the race's topics and the ones another stage
            // writes (the commentary's input, say), where a slow reader would otherwise
            // fall out of the broker's window unseen.
            backlog = std::max(backlog, pipeline->backlog([&runner, producer](const QString &topic) {
                const QByteArray name = topic.toLatin1();
                return std::max(runner.producedTo(name.constData()), producer->enqueuedTo(name.constData()));
            }));
            // The window's reader keeps up too, so it shows every car's telemetry.
            if (view) {
                auto seen = [&](const char *topic) {
                    const QString name = QString::fromLatin1(topic);
                    return qint64(view->handledFrom(name) + viewConsumer->skippedFrom(name));
                };
                for (const char *topic : {topics::kRaceEvents, topics::kCarTelemetry})
                    backlog = std::max(backlog, qint64(runner.producedTo(topic)) - seen(topic));
                // The stages' outputs too: forecasts alone outnumber the telemetry.
                for (const char *topic :
                     {topics::kForecasts, topics::kTelemetryAnomalies, topics::kCarMetricsAnomalies, topics::kCommentary})
                    backlog = std::max(backlog, qint64(producer->deliveredTo(topic)) - seen(topic));
            }
            // The recorder keeps up too (at "max" speed it can be the slowest reader).
            return recorder ? std::max(backlog, recorder->pending()) : backlog;
        };
        RaceSource::StepClock clock = [recorder = clients->recorder.get()](qint64 raceMs) {
            if (recorder)
                recorder->setRaceMs(raceMs);
        };
        if (replaying) {
            auto replay = std::make_unique<ReplayRunner>(options.libraryPath, replayed,
                                                         rerun ? ReplayRunner::Mode::Rerun : ReplayRunner::Mode::Recorded,
                                                         *clients->producer, options.speed, std::move(backlog), std::move(clock));
            clients->replay = replay.get();
            clients->runner = std::move(replay);
        } else if (options.game.enabled) {
            auto game = std::make_unique<F1GameSource>(options.game, race.raceId, race.startEpochMs, *clients->producer,
                                                       std::move(backlog), std::move(clock),
                                                       describeGameRecord(clients->recorder.get(), race.startEpochMs));
            clients->game = game.get();
            clients->runner = std::move(game);
        } else
            clients->runner = std::make_unique<RaceRunner>(std::move(simulator), *clients->producer, options.speed,
                                                           std::move(backlog), std::move(clock));
        return clients;
    }));
}

void RaceSession::onConnected(std::shared_ptr<Clients> clients)
{
    m_clients = std::move(clients);
    m_state = State::Running;
    emit started();
    const bool endIsTheFlag = m_clients->runner->endIsTheFlag();
    m_clients->runner->start([this, endIsTheFlag] {
        // Runner thread: hand the news to this object's thread.
        QMetaObject::invokeMethod(
            this,
            [this, endIsTheFlag] {
                if (gameHandover())
                    emit gameSessionChanged(); // not a chequered flag: the game went on to another session
                else if (endIsTheFlag)
                    emit raceFinished();
                else
                    emit sourceEnded();
                stop();
            },
            Qt::QueuedConnection);
    });
    m_displayTimer.start();
    if (m_stopWhenConnected)
        stop();
}

void RaceSession::publish()
{
    if (!m_clients)
        return;
    if (auto standing = m_clients->feed->takeIfChanged())
        emit standingChanged(*standing);
    if (m_clients->view) {
        if (auto batch = m_clients->view->take(); !batch.isEmpty())
            emit viewBatch(batch);
    }
    // The counters (metrics of every stage) need no more than ten updates a second.
    if (m_statsClock.isValid() && m_statsClock.elapsed() < 100)
        return;
    m_statsClock.start();
    emit statsChanged(stats());
}

void RaceSession::stop()
{
    if (m_state == State::Connecting) {
        m_stopWhenConnected = true; // the clients are being made in a worker: stop once they exist
        return;
    }
    if (m_state != State::Running)
        return;
    m_state = State::Stopping;
    auto *watcher = new QFutureWatcher<void>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        onStopped();
    });
    watcher->setFuture(QtConcurrent::run([clients = m_clients, timeoutMs = m_options.stopTimeoutMs] {
        clients->runner->stop();
        QElapsedTimer clock;
        clock.start();
        clients->producer->flush(timeoutMs);
        // Let the consumer read back every position the broker acknowledged.
        const QString positions = QString::fromLatin1(topics::kDriverPositions);
        while (clock.elapsed() < timeoutMs) {
            const auto produced = clients->producer->stats();
            const auto delivered = produced.deliveredByTopic.count(positions) ? produced.deliveredByTopic.at(positions) : 0;
            const auto consumed = clients->consumer->stats();
            if (clients->feed->counts().accepted + consumed.skipped >= delivered &&
                produced.enqueued == produced.delivered + produced.failed)
                break;
            QThread::msleep(20);
        }
        // Let the stages finish what the race left on their topics, then deliver their output.
        clients->pipeline->drain(std::max<qint64>(1000, timeoutMs - clock.elapsed()));
        clients->pipeline->stop();
        clients->producer->flush(std::max<qint64>(1000, timeoutMs - clock.elapsed()));
        clients->consumer->stop();
        if (clients->viewConsumer)
            clients->viewConsumer->stop();
        if (clients->contextConsumer)
            clients->contextConsumer->stop(); // the context keeps the race as it ended
        if (clients->recorder) {
            const auto summary = clients->runner->summary();
            const auto finished = clients->recorder->finish(recordingStateFor(summary), raceResultJson(summary));
            Q_UNUSED(finished); // its error stays in recorder->lastError() for the summary
        }
    }));
}

void RaceSession::setStageEnabled(const QString &stage, bool enabled)
{
    m_options.disabledStages.removeAll(stage);
    if (!enabled)
        m_options.disabledStages << stage;
    if (m_state != State::Running || !m_clients)
        return;
    // The choice is recorded now, in the order of the clicks; the workers apply the latest
    // one, one at a time, however fast the switch is toggled.
    m_clients->pipeline->want(stage, enabled);
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, stage, enabled] {
        watcher->deleteLater();
        emit stageSwitched(stage, enabled, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([clients = m_clients, stage]() -> QString {
        quint64 producedSoFar = 0;
        for (const auto &topic : clients->pipeline->inputTopics(stage)) { // as the race's backlog counts them
            const QByteArray name = topic.toLatin1();
            producedSoFar += std::max(clients->runner->producedTo(name.constData()), clients->producer->enqueuedTo(name.constData()));
        }
        const auto switched = clients->pipeline->applyWanted(stage, KafkaEndpoint::kDefaultTimeoutMs, producedSoFar);
        return switched ? QString() : switched.error().message;
    }));
}

void RaceSession::seekReplay(qint64 raceMs)
{
    if (m_clients && m_clients->replay && m_state == State::Running) {
        m_clients->replay->seekTo(raceMs);
        m_clients->feed->forgetStanding();
        emit replaySeeked(raceMs);
    }
}

void RaceSession::setSpeed(double speed)
{
    m_options.speed = speed;
    if (m_clients && m_state == State::Running)
        m_clients->runner->setSpeed(speed);
}

qint64 RaceSession::raceStartEpochMs() const
{
    return m_clients ? m_clients->startEpochMs : 0;
}

void RaceSession::setReplayPaused(bool paused)
{
    if (m_clients && m_clients->replay)
        m_clients->replay->setPaused(paused);
}

qint64 RaceSession::replayDurationMs() const
{
    return m_clients && m_clients->replay ? m_clients->replay->durationMs() : 0;
}

void RaceSession::onStopped()
{
    publish();
    m_displayTimer.stop();
    m_state = State::Stopped;
    emit stopped(stats());
    // The race's threads are done: what they freed goes back to the system, not kept for
    // a reuse that may never come.
    const long long returned = returnFreedHeapToSystem();
    qCInfo(lcSession, "race stopped: %lld MB of freed heap returned to the system", returned / (1024 * 1024));
}

SessionStats RaceSession::stats() const
{
    SessionStats stats;
    if (!m_clients)
        return stats;
    const auto produced = m_clients->producer->stats();
    const auto consumed = m_clients->consumer->stats();
    const auto feed = m_clients->feed->counts();
    const auto positions = produced.deliveredByTopic.find(QString::fromLatin1(topics::kDriverPositions));
    stats.produced = positions == produced.deliveredByTopic.end() ? 0 : positions->second;
    stats.producedAllTopics = produced.delivered;
    stats.producedByTopic = produced.deliveredByTopic;
    stats.enqueued = produced.enqueued;
    stats.consumed = feed.accepted;
    stats.skipped = consumed.skipped;
    stats.rejected = feed.rejected;
    stats.otherRaces = feed.otherRaces;
    stats.errors = produced.failed + consumed.errors + feed.rejected;
    if (m_clients->view) {
        const auto view = m_clients->view->counts();
        const auto viewConsumed = m_clients->viewConsumer->stats();
        stats.errors += view.rejected + viewConsumed.errors;
        stats.skipped += viewConsumed.skipped;
        stats.viewDropped = view.dropped;
        if (!view.lastRejection.isEmpty())
            stats.lastError = view.lastRejection;
    }
    stats.lag = consumed.lag;
    stats.raceTimeS = m_clients->runner->raceTimeS();
    stats.stages = m_clients->pipeline->metricsJson();
    // Every reader's losses count: the stages' and the live context's too, not only the window's.
    stats.skipped += m_clients->pipeline->skipped();
    if (m_clients->contextConsumer)
        stats.skipped += m_clients->contextConsumer->stats().skipped;
    stats.leaderLap = m_clients->runner->leaderLap();
    if (m_endpoint) {
        const auto door = m_endpoint->frontDoorCounts();
        stats.brokerRefused = door.refusedProduceRequests + door.refusedConnections + door.closedForOversize + door.closedForGarbage;
    }
    for (const auto *error : {&produced.lastError, &consumed.lastError, &feed.lastRejection}) {
        if (!error->isEmpty())
            stats.lastError = *error;
    }
    return stats;
}

std::shared_ptr<GameHandover> RaceSession::gameHandover() const
{
    return m_clients && m_clients->game ? m_clients->game->handover() : nullptr;
}

QJsonObject RaceSession::gameStatus() const
{
    return m_clients && m_clients->game ? m_clients->game->receiverStatus() : QJsonObject();
}

RaceSummary RaceSession::summary() const
{
    RaceSummary summary;
    summary.circuitId = m_options.race.circuitId;
    if (!m_clients || m_state != State::Stopped)
        return summary; // the source is only read once its thread has ended
    summary = m_clients->runner->summary();
    if (m_clients->recorder) {
        summary.libraryPath = m_options.libraryPath;
        summary.recordingState = recordingStateFor(summary);
        summary.recordedMessages = m_clients->recorder->recorded();
        summary.recordingError = m_clients->recorder->lastError();
    }
    return summary;
}

} // namespace pitwall
