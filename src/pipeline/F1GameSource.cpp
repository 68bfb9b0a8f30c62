#include "F1GameSource.h"

#include "core/JsonCodec.h"
#include "realrace/GameRaceAssembler.h"
#include "sources/f1game/CaptureWriter.h"
#include "sources/f1game/GameNames.h"
#include "sources/f1game/PacketDecoder.h"
#include "stream/KafkaProducer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QUdpSocket>
#include <cstring>
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
    qint64 datagrams = 0, decoded = 0, notDecoded = 0, refused = 0, oversize = 0, duplicates = 0, stale = 0;
    std::array<qint64, f1game::kRefusalReasonCount> refusedBy{};
    QString lastRefusal;
    int format = 0;
    QElapsedTimer sinceLast;
    std::deque<qint64> arrivals; // ms, the last second's, for packets/s
};

F1GameSource::F1GameSource(GameSourceOptions options, QString raceId, qint64 startEpochMs, KafkaProducer &producer,
                           Backlog backlog, StepClock onStep)
    : RaceSource(0.0, std::move(backlog), std::move(onStep))
    , m_options(std::move(options))
    , m_raceId(std::move(raceId))
    , m_startEpochMs(startEpochMs)
    , m_producer(producer)
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
    const int index = topics::indexOf(topic);
    return index < 0 ? 0 : m_produced[size_t(index)].load();
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

bool F1GameSource::run(const std::stop_token &stop)
{
    // The socket lives on this thread: waitForReadyRead needs no event loop.
    QUdpSocket socket;
    if (!socket.bind(m_options.bind, m_options.port, QAbstractSocket::ShareAddress)) {
        QMutexLocker lock(&m_mutex);
        m_lastError = QStringLiteral("cannot listen for the F1 game on %1 port %2: %3")
                          .arg(m_options.bind.toString()).arg(m_options.port).arg(socket.errorString());
        m_status.insert(QStringLiteral("state"), QStringLiteral("failed"));
        m_status.insert(QStringLiteral("error"), m_lastError);
        return false;
    }
    std::unique_ptr<f1game::CaptureWriter> capture;
    if (!m_options.captureFile.isEmpty()) {
        capture = std::make_unique<f1game::CaptureWriter>();
        if (!capture->open(m_options.captureFile)) {
            QMutexLocker lock(&m_mutex);
            m_lastError = QStringLiteral("cannot write the capture %1: %2").arg(m_options.captureFile, capture->error());
            capture.reset();
        }
    }
    Receiver &r = *m_receiver;
    QElapsedTimer clock;
    clock.start();
    QByteArray datagram(int(kMaxDatagramBytes), Qt::Uninitialized);
    realrace::GameRaceAssembler::Output out;
    QMap<QString, int> events;
    qint64 lastStatusMs = -1000;
    bool finished = false;
    while (!stop.stop_requested() && !finished) {
        if (!socket.hasPendingDatagrams() && !socket.waitForReadyRead(50)) {
            if (clock.elapsed() - lastStatusMs < 1000)
                continue;
        }
        while (socket.hasPendingDatagrams() && !stop.stop_requested()) {
            const qint64 size = socket.pendingDatagramSize();
            if (size < 0 || size > kMaxDatagramBytes) {
                socket.readDatagram(nullptr, 0); // discarded unread
                ++r.datagrams;
                ++r.oversize;
                continue;
            }
            const qint64 read = socket.readDatagram(datagram.data(), kMaxDatagramBytes);
            if (read < 0)
                continue;
            ++r.datagrams;
            const qint64 nowMs = clock.elapsed();
            r.arrivals.push_back(nowMs);
            const QByteArrayView bytes(datagram.constData(), read);
            if (capture)
                capture->append(float(double(nowMs) / 1000.0), bytes);
            const auto result = f1game::decodePacket(bytes);
            if (result.isRefused()) {
                ++r.refused;
                ++r.refusedBy[size_t(result.refusal()->reason)];
                r.lastRefusal = result.refusal()->message;
                continue;
            }
            const auto &header = *result.header();
            r.format = header.packetFormat;
            if (const auto verdict = r.filter.check(header, bytes); verdict != PacketFilter::Verdict::Fresh) {
                ++(verdict == PacketFilter::Verdict::Duplicate ? r.duplicates : r.stale);
                continue;
            }
            if (!result.isDecoded()) {
                ++r.notDecoded;
                continue;
            }
            ++r.decoded;
            out = {};
            r.assembler->add(*result.packet(), out);
            const QByteArray raceKey = m_raceId.toUtf8();
            auto produce = [&](const char *topic, const QByteArray &key, const QByteArray &value) {
                m_producer.produce(topic, key, value);
                if (const int index = topics::indexOf(topic); index >= 0)
                    ++m_produced[size_t(index)];
            };
            announce(double(r.assembler->raceMs()) / 1000.0);
            // The assembler stamps the game's session clock; records carry wall-clock time.
            for (auto &update : out.positions) {
                update.timestampMs += m_startEpochMs;
                produce(topics::kDriverPositions, raceKey, codec::encode(update));
            }
            for (auto &metrics : out.teamMetrics) {
                metrics.timestampMs += m_startEpochMs;
                produce(topics::kCarMetrics, raceKey, codec::encode(metrics));
            }
            for (auto &event : out.events) {
                event.timestampMs += m_startEpochMs;
                produce(topics::kRaceEvents, raceKey, codec::encode(event));
                ++events[event.kind];
            }
            for (auto &sample : out.telemetry) {
                sample.timestampMs += m_startEpochMs;
                produce(topics::kCarTelemetry, sample.driverName.toUtf8(), codec::encode(sample));
            }
            m_raceTimeS = double(r.assembler->raceMs()) / 1000.0;
            m_leaderLap = r.assembler->leaderLap();
            finished = r.assembler->finished();
        }
        // The window's status line and the summary, once a second.
        const qint64 nowMs = clock.elapsed();
        if (nowMs - lastStatusMs < 1000 && !finished)
            continue;
        lastStatusMs = nowMs;
        while (!r.arrivals.empty() && r.arrivals.front() < nowMs - 1000)
            r.arrivals.pop_front();
        QJsonObject refusedBy;
        for (int i = 0; i < f1game::kRefusalReasonCount; ++i) {
            if (r.refusedBy[size_t(i)] > 0)
                refusedBy.insert(f1game::refusalReasonName(f1game::RefusalReason(i)), r.refusedBy[size_t(i)]);
        }
        QJsonObject status{{"state", r.datagrams == 0 ? "waiting" : finished ? "session ended" : "receiving"},
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
        summary.events = events;
        QMutexLocker lock(&m_mutex);
        m_status = status;
        m_summary = summary;
    }
    if (capture)
        capture->close();
    return finished;
}

} // namespace pitwall
