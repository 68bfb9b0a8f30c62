#include "RaceSession.h"

#include "core/JsonCodec.h"
#include "core/Topics.h"
#include "sim/PlaceholderRace.h"
#include "stream/KafkaConsumer.h"
#include "stream/KafkaProducer.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QThread>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>

namespace pitwall {

struct RaceSession::Clients {
    std::unique_ptr<KafkaProducer> producer;
    std::unique_ptr<KafkaConsumer> consumer;
    std::unique_ptr<LeaderboardFeed> feed;
};

namespace {

// Blocking: metadata and watermark queries. The consumer is positioned before the
// first message is produced, so it sees every message of the race.
Expected<std::unique_ptr<KafkaConsumer>> positionsConsumer(const KafkaEndpoint &endpoint)
{
    return KafkaConsumer::create(endpoint.clientConfig(), {QString::fromLatin1(topics::kDriverPositions)},
                                 KafkaConsumer::StartAt::End, KafkaEndpoint::kDefaultTimeoutMs);
}

} // namespace

RaceSession::RaceSession(std::shared_ptr<KafkaEndpoint> endpoint, const Grid &grid, SessionOptions options,
                         QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_grid(grid)
    , m_options(options)
    , m_raceId(QStringLiteral("race-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces).left(8)))
{
    qRegisterMetaType<pitwall::SessionStats>();
    qRegisterMetaType<QVector<pitwall::PositionUpdate>>();
    m_tickTimer.setTimerType(Qt::PreciseTimer); // race time must not drift by the coarse timer's 5%
    m_tickTimer.setInterval(m_options.tickIntervalMs);
    m_displayTimer.setInterval(m_options.displayIntervalMs);
    connect(&m_tickTimer, &QTimer::timeout, this, &RaceSession::produceTick);
    connect(&m_displayTimer, &QTimer::timeout, this, &RaceSession::publish);
}

RaceSession::~RaceSession()
{
    m_tickTimer.stop();
    m_displayTimer.stop();
    // Destroying the clients flushes the producer and joins the consumer thread.
}

void RaceSession::start()
{
    if (m_state != State::Idle)
        return;
    setState(State::Connecting);
    auto *watcher = new QFutureWatcher<Expected<std::shared_ptr<Clients>>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        auto result = watcher->result();
        if (!result) {
            setState(State::Failed);
            emit failed(result.error().message);
            return;
        }
        onConnected(std::move(result).value());
    });
    watcher->setFuture(QtConcurrent::run([endpoint = m_endpoint]() -> Expected<std::shared_ptr<Clients>> {
        auto clients = std::make_shared<Clients>();
        auto consumer = positionsConsumer(*endpoint);
        if (!consumer)
            return consumer.error();
        clients->consumer = std::move(consumer).value();
        auto producer = KafkaProducer::create(endpoint->clientConfig());
        if (!producer)
            return producer.error();
        clients->producer = std::move(producer).value();
        return clients;
    }));
}

void RaceSession::onConnected(std::shared_ptr<Clients> clients)
{
    m_clients = std::move(clients);
    m_clients->feed = std::make_unique<LeaderboardFeed>(m_raceId);
    m_clients->consumer->start([feed = m_clients->feed.get()](std::vector<KafkaRecord> &&batch) { feed->ingest(batch); });
    const quint64 seed = m_options.seed ? m_options.seed : QRandomGenerator::global()->generate64();
    m_race = std::make_unique<PlaceholderRace>(m_grid, m_raceId, seed);
    setState(State::Running);
    emit started();
    produceTick();
    m_tickTimer.start();
    m_displayTimer.start();
}

void RaceSession::produceTick()
{
    const QByteArray key = m_raceId.toUtf8(); // the demo keys positions by race id
    for (const auto &update : m_race->tick(QDateTime::currentMSecsSinceEpoch()))
        m_clients->producer->produce(topics::kDriverPositions, key, codec::encode(update));
}

void RaceSession::publish()
{
    if (!m_clients)
        return;
    if (auto standing = m_clients->feed->takeIfChanged())
        emit standingChanged(*standing);
    emit statsChanged(stats());
}

void RaceSession::stop()
{
    if (m_state != State::Running)
        return;
    setState(State::Stopping);
    m_tickTimer.stop();
    auto *watcher = new QFutureWatcher<void>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        onStopped();
    });
    watcher->setFuture(QtConcurrent::run([clients = m_clients, timeoutMs = m_options.stopTimeoutMs] {
        QElapsedTimer clock;
        clock.start();
        clients->producer->flush(timeoutMs);
        // Let the consumer read back everything the broker acknowledged.
        while (clock.elapsed() < timeoutMs) {
            const auto produced = clients->producer->stats();
            const auto counts = clients->feed->counts();
            if (counts.accepted >= produced.delivered && produced.enqueued == produced.delivered + produced.failed)
                break;
            QThread::msleep(20);
        }
        clients->consumer->stop();
    }));
}

void RaceSession::onStopped()
{
    publish();
    m_displayTimer.stop();
    setState(State::Stopped);
    emit stopped(stats());
}

SessionStats RaceSession::stats() const
{
    SessionStats stats;
    if (!m_clients)
        return stats;
    const auto produced = m_clients->producer->stats();
    const auto consumed = m_clients->consumer->stats();
    const auto feed = m_clients->feed->counts();
    stats.produced = produced.delivered;
    stats.enqueued = produced.enqueued;
    stats.consumed = feed.accepted;
    stats.skipped = consumed.skipped;
    stats.rejected = feed.rejected;
    stats.otherRaces = feed.otherRaces;
    stats.errors = produced.failed + consumed.errors + feed.rejected;
    stats.lag = consumed.lag;
    for (const auto *error : {&produced.lastError, &consumed.lastError, &feed.lastRejection}) {
        if (!error->isEmpty())
            stats.lastError = *error;
    }
    return stats;
}

} // namespace pitwall
