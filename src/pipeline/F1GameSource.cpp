#include "F1GameSource.h"

#include "core/JsonCodec.h"
#include "realrace/GameRaceAssembler.h"
#include "realrace/TrackOutline.h"
#include "sources/f1game/CaptureWriter.h"
#include "sources/f1game/GameNames.h"
#include "sources/f1game/PacketDecoder.h"
#include "stream/KafkaProducer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QUdpSocket>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>
#include <deque>
#include <map>
#include <set>

namespace pitwall {

namespace f1game = sources::f1game;

namespace {

// The game sends each periodic packet once per frame: one seen again is a duplicate, one
// older than the newest of its kind is stale (reordered on the network) and its news is
// already superseded. Events are not periodic: only exact repeats are dropped, from a
// bounded memory.
class PacketFilter {
public:
    enum class Verdict { Fresh, Duplicate, Stale };

    Verdict check(const f1game::PacketHeader &header, QByteArrayView datagram)
    {
        if (header.sessionUID != m_session) {
            m_session = header.sessionUID;
            m_newest.clear();
            m_events.clear();
            m_eventOrder.clear();
        }
        if (header.packetId == quint8(f1game::PacketId::Event)) {
            const auto key = std::pair{header.overallFrameIdentifier, qHash(datagram)};
            if (m_events.count(key))
                return Verdict::Duplicate;
            m_events.insert(key);
            m_eventOrder.push_back(key);
            if (m_eventOrder.size() > kEventMemory) {
                m_events.erase(m_eventOrder.front());
                m_eventOrder.pop_front();
            }
            return Verdict::Fresh;
        }
        const auto found = m_newest.find(header.packetId);
        if (found != m_newest.end()) {
            if (header.overallFrameIdentifier == found->second)
                return Verdict::Duplicate;
            if (header.overallFrameIdentifier < found->second)
                return Verdict::Stale;
        }
        m_newest[header.packetId] = header.overallFrameIdentifier;
        return Verdict::Fresh;
    }

private:
    static constexpr size_t kEventMemory = 4096;
    quint64 m_session = 0;
    std::map<quint8, quint32> m_newest;
    std::set<std::pair<quint32, size_t>> m_events;
    std::deque<std::pair<quint32, size_t>> m_eventOrder;
};

} // namespace

struct F1GameSource::Receiver {
    PacketFilter filter;
    std::unique_ptr<realrace::GameRaceAssembler> assembler;
    std::unique_ptr<f1game::CaptureWriter> capture;
    qint64 datagrams = 0, decoded = 0, notDecoded = 0, refused = 0, oversize = 0, duplicates = 0, stale = 0;
    std::array<qint64, f1game::kRefusalReasonCount> refusedBy{};
    QString lastRefusal;
    int format = 0;
    std::deque<qint64> arrivals; // ms, the last second's, for packets/s
    QMap<QString, int> events;
    // The player's way round, for the circuit's outline in the library's record.
    QVector<QPointF> playerPath;
    QVector<QPointF> outline;
    qint64 outlineTriedMs = -1;
    GameSessionDescription described;
    QByteArray newSessionDatagram; // the first of the game's next session
};

namespace {
// An hour of the player's positions at 10 Hz: enough to close a lap on any circuit.
constexpr qsizetype kMaxPlayerPath = 36000;
} // namespace

GameHandover::GameHandover(int socketFd, QByteArray datagram)
    : firstDatagram(std::move(datagram))
    , m_socketFd(socketFd)
{
}

GameHandover::~GameHandover()
{
    if (const int fd = takeSocket(); fd >= 0)
        ::close(fd);
}

int GameHandover::takeSocket()
{
    return m_socketFd.exchange(-1);
}

F1GameSource::F1GameSource(GameSourceOptions options, QString raceId, qint64 startEpochMs, KafkaProducer &producer,
                           Backlog backlog, StepClock onStep, Describe describe)
    : RaceSource(0.0, std::move(backlog), std::move(onStep))
    , m_options(std::move(options))
    , m_raceId(std::move(raceId))
    , m_startEpochMs(startEpochMs)
    , m_producer(producer)
    , m_describe(std::move(describe))
    , m_receiver(std::make_unique<Receiver>())
{
    m_receiver->assembler = std::make_unique<realrace::GameRaceAssembler>(m_raceId);
    m_status = QJsonObject{{"state", "waiting"}, {"port", m_options.port}, {"bind", m_options.bind.toString()}};
}

F1GameSource::~F1GameSource()
{
    stop();
}

quint64 F1GameSource::producedTo(const char *topic) const
{
    return m_produced.of(topic);
}

RaceSummary F1GameSource::summary() const
{
    QMutexLocker lock(&m_mutex);
    return m_summary;
}

QJsonObject F1GameSource::receiverStatus() const
{
    QMutexLocker lock(&m_mutex);
    return m_status;
}

QString F1GameSource::lastError() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastError;
}

std::shared_ptr<GameHandover> F1GameSource::handover() const
{
    QMutexLocker lock(&m_mutex);
    return m_handover;
}

bool F1GameSource::run(const std::stop_token &stop)
{
    // The socket lives on this thread: waitForReadyRead needs no event loop.
    QUdpSocket socket;
    const int handedOver = m_options.handover ? m_options.handover->takeSocket() : -1;
    const bool ready = handedOver >= 0 ? socket.setSocketDescriptor(handedOver, QAbstractSocket::BoundState, QIODevice::ReadOnly)
                                       : socket.bind(m_options.bind, m_options.port, QAbstractSocket::ShareAddress);
    if (!ready) {
        if (handedOver >= 0)
            ::close(handedOver);
        QMutexLocker lock(&m_mutex);
        m_lastError = QStringLiteral("cannot listen for the F1 game on %1 port %2: %3")
                          .arg(m_options.bind.toString())
                          .arg(m_options.port)
                          .arg(socket.errorString());
        m_status.insert(QStringLiteral("state"), QStringLiteral("failed"));
        m_status.insert(QStringLiteral("error"), m_lastError);
        return false;
    }
    // The game sends a frame's packets in a burst: room for a few seconds of them, so a
    // moment's hold-up of this thread loses nothing.
    socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4 << 20);
    Receiver &r = *m_receiver;
    if (!m_options.captureFile.isEmpty()) {
        r.capture = std::make_unique<f1game::CaptureWriter>();
        if (!r.capture->open(m_options.captureFile)) {
            QMutexLocker lock(&m_mutex);
            m_lastError = QStringLiteral("cannot write the capture %1: %2").arg(m_options.captureFile, r.capture->error());
            r.capture.reset();
        }
    }
    QElapsedTimer clock;
    clock.start();
    QByteArray datagram(int(kMaxDatagramBytes), Qt::Uninitialized);
    qint64 lastStatusMs = -1000;
    Handled outcome = Handled::Continue;
    // The previous race's last packet opened this session: it is this race's first.
    if (m_options.handover && !m_options.handover->firstDatagram.isEmpty())
        outcome = handleDatagram(m_options.handover->firstDatagram, 0);
    while (!stop.stop_requested() && outcome == Handled::Continue) {
        if (!socket.hasPendingDatagrams() && !socket.waitForReadyRead(50)) {
            if (clock.elapsed() - lastStatusMs < 1000)
                continue;
        }
        while (socket.hasPendingDatagrams() && !stop.stop_requested() && outcome == Handled::Continue) {
            const qint64 size = socket.pendingDatagramSize();
            if (size < 0 || size > kMaxDatagramBytes) {
                socket.readDatagram(nullptr, 0); // discarded unread
                ++r.datagrams;
                ++r.oversize;
                continue;
            }
            const qint64 read = socket.readDatagram(datagram.data(), kMaxDatagramBytes);
            if (read >= 0)
                outcome = handleDatagram(QByteArrayView(datagram.constData(), read), clock.elapsed());
        }
        // The window's status line, the summary and the record's description, once a second.
        const qint64 nowMs = clock.elapsed();
        if (nowMs - lastStatusMs < 1000)
            continue;
        lastStatusMs = nowMs;
        publishStatus(nowMs, false);
    }
    publishStatus(clock.elapsed(), outcome == Handled::RaceFinished); // as the race ends
    if (outcome == Handled::NewSession) {
        // The socket stays open (a duplicate of it), with what the game sent meanwhile queued.
        const int fd = ::fcntl(int(socket.socketDescriptor()), F_DUPFD_CLOEXEC, 0);
        QMutexLocker lock(&m_mutex);
        m_handover = std::make_shared<GameHandover>(fd, r.newSessionDatagram);
        m_status.insert(QStringLiteral("state"), QStringLiteral("new session"));
    }
    if (r.capture)
        r.capture->close();
    return outcome != Handled::Continue;
}

F1GameSource::Handled F1GameSource::handleDatagram(QByteArrayView bytes, qint64 nowMs)
{
    Receiver &r = *m_receiver;
    ++r.datagrams;
    r.arrivals.push_back(nowMs);
    const auto result = f1game::decodePacket(bytes);
    if (result.isRefused()) {
        if (r.capture)
            r.capture->append(float(double(nowMs) / 1000.0), bytes);
        ++r.refused;
        ++r.refusedBy[size_t(result.refusal()->reason)];
        r.lastRefusal = result.refusal()->message;
        return Handled::Continue;
    }
    if (result.isDecoded() && r.assembler->startsNewSession(*result.packet())) {
        // This race ends here; the packet is the next race's (it goes into its capture).
        --r.datagrams;
        r.arrivals.pop_back();
        r.newSessionDatagram = bytes.toByteArray();
        realrace::GameRaceAssembler::Output out;
        r.assembler->flush(out);
        produce(out);
        return Handled::NewSession;
    }
    if (r.capture)
        r.capture->append(float(double(nowMs) / 1000.0), bytes);
    const auto &header = *result.header();
    r.format = header.packetFormat;
    if (const auto verdict = r.filter.check(header, bytes); verdict != PacketFilter::Verdict::Fresh) {
        ++(verdict == PacketFilter::Verdict::Duplicate ? r.duplicates : r.stale);
        return Handled::Continue;
    }
    if (!result.isDecoded()) {
        ++r.notDecoded;
        return Handled::Continue;
    }
    ++r.decoded;
    realrace::GameRaceAssembler::Output out;
    r.assembler->add(*result.packet(), out);
    announce(double(r.assembler->raceMs()) / 1000.0);
    produce(out);
    m_raceTimeS = double(r.assembler->raceMs()) / 1000.0;
    m_leaderLap = r.assembler->leaderLap();
    return r.assembler->finished() ? Handled::RaceFinished : Handled::Continue;
}

void F1GameSource::produce(realrace::GameRaceAssembler::Output &out)
{
    Receiver &r = *m_receiver;
    const QByteArray raceKey = m_raceId.toUtf8();
    auto send = [&](const char *topic, const QByteArray &key, const QByteArray &value) {
        m_producer.produce(topic, key, value);
        m_produced.add(topic);
    };
    // The assembler stamps the game's session clock; records carry wall-clock time.
    for (auto &update : out.positions) {
        update.timestampMs += m_startEpochMs;
        send(topics::kDriverPositions, raceKey, codec::encode(update));
    }
    for (auto &metrics : out.teamMetrics) {
        metrics.timestampMs += m_startEpochMs;
        send(topics::kCarMetrics, raceKey, codec::encode(metrics));
    }
    for (auto &event : out.events) {
        event.timestampMs += m_startEpochMs;
        send(topics::kRaceEvents, raceKey, codec::encode(event));
        ++r.events[event.kind];
    }
    const QString player = r.outline.isEmpty() ? r.assembler->playerDriver() : QString();
    for (auto &sample : out.telemetry) {
        if (!player.isEmpty() && sample.driverName == player && r.playerPath.size() < kMaxPlayerPath)
            r.playerPath.push_back(QPointF(sample.x, sample.y));
        sample.timestampMs += m_startEpochMs;
        send(topics::kCarTelemetry, sample.driverName.toUtf8(), codec::encode(sample));
    }
}

void F1GameSource::publishStatus(qint64 nowMs, bool finished)
{
    Receiver &r = *m_receiver;
    while (!r.arrivals.empty() && r.arrivals.front() < nowMs - 1000)
        r.arrivals.pop_front();
    QJsonObject refusedBy;
    for (int i = 0; i < f1game::kRefusalReasonCount; ++i) {
        if (r.refusedBy[size_t(i)] > 0)
            refusedBy.insert(f1game::refusalReasonName(f1game::RefusalReason(i)), r.refusedBy[size_t(i)]);
    }
    QJsonObject status{{"state", r.datagrams == 0 ? "waiting"
                                 : finished       ? "session ended"
                                                  : "receiving"},
                       {"port", m_options.port},
                       {"bind", m_options.bind.toString()},
                       {"packets", r.datagrams},
                       {"packets_per_s", qint64(r.arrivals.size())},
                       {"decoded", r.decoded},
                       {"not_decoded", r.notDecoded},
                       {"refused", r.refused},
                       {"refused_by", refusedBy},
                       {"oversize", r.oversize},
                       {"duplicates", r.duplicates},
                       {"stale", r.stale},
                       {"format", r.format},
                       {"session_type", r.assembler->sessionType()},
                       {"track", r.assembler->trackName()},
                       {"laps", r.assembler->totalLaps()}};
    if (!r.lastRefusal.isEmpty())
        status.insert(QStringLiteral("last_refusal"), r.lastRefusal);
    // What receiving costs: this thread's CPU time (receive, decode, assemble, produce).
    timespec cpu{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
    status.insert(QStringLiteral("cpu_ms"), qint64(cpu.tv_sec) * 1000 + cpu.tv_nsec / 1000000);
    // The window shows the game's own drivers and follows the player's car.
    status.insert(QStringLiteral("player"), r.assembler->playerDriver());
    status.insert(QStringLiteral("grid"), r.assembler->gridJson());
    RaceSummary summary;
    summary.circuitId = r.assembler->trackName();
    summary.laps = r.assembler->totalLaps();
    summary.leaderLap = r.assembler->leaderLap();
    summary.finished = finished;
    summary.raceTimeS = double(r.assembler->raceMs()) / 1000.0;
    summary.classification = r.assembler->classification();
    summary.events = r.events;
    {
        QMutexLocker lock(&m_mutex);
        m_status = status;
        m_summary = summary;
    }
    describeSession();
}

void F1GameSource::describeSession()
{
    Receiver &r = *m_receiver;
    // A closed lap of the player's path, looked for every two race-seconds until found.
    if (r.outline.isEmpty() && r.assembler->raceMs() - r.outlineTriedMs >= 2000) {
        r.outlineTriedMs = r.assembler->raceMs();
        if (const auto outline = realrace::TrackOutline::fromPathInPlace(r.playerPath)) {
            r.outline = outline->points();
            r.playerPath = {};
        }
    }
    GameSessionDescription now;
    now.track = r.assembler->trackName();
    now.sessionType = r.assembler->sessionType();
    now.laps = r.assembler->totalLaps();
    now.player = r.assembler->playerDriver();
    now.grid = r.assembler->gridJson();
    now.trackOutline = r.outline;
    for (const auto &team : now.grid.value(QStringLiteral("teams")).toArray()) {
        for (const auto &driver : team.toObject().value(QStringLiteral("drivers")).toArray())
            now.drivers << driver.toObject().value(QStringLiteral("name")).toString();
    }
    if (!m_describe || now == r.described)
        return;
    r.described = now;
    m_describe(now);
}

} // namespace pitwall
