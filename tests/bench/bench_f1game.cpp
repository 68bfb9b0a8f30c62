// Benchmark: the F1 game as a race source.
//  1. Decoding: every packet kind of the F1 24 format (the real packets in
//     ../shared/data/f1/game_udp/packets, read where they lie) decoded in a loop: packets/s,
//     against a baseline in the same run that only hashes the same bytes (reads each once).
//  2. A synthetic 22-car race session at the game's 60 Hz, with every packet kind at the
//     game's own rates (motion, lap data, telemetry, status and extended motion every frame;
//     session and damage twice a second; setups, history and tyre sets in turn; participants
//     every 5 s; events; lobby, time trial and the final classification once), sent over
//     loopback to a whole race session (embedded Kafka broker, every pipeline stage,
//     recording to a library). Figures: the receiving thread's CPU time (receive, decode,
//     assemble, produce) as a share of one core, against a baseline thread in the same run
//     that receives the same datagrams and does nothing with them; packets lost.
// Targets: receiving and decoding ≤ 10 % of one core; 0 packets lost.
//
//   build/tests/bench/bench_f1game [seconds of race, default 30]

#include "core/Grid.h"
#include "aiservices/AiServices.h"
#include "pipeline/RaceSession.h"
#include "sources/f1game/PacketDecoder.h"
#include "stream/KafkaEndpoint.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTimer>
#include <QUdpSocket>
#include <QtEndian>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <thread>

using namespace pitwall;
namespace f1game = pitwall::sources::f1game;

namespace {

const QString kPackets = QStringLiteral(PITWALL_SHARED_DATA_DIR "/f1/game_udp/packets");
constexpr int kCars = 22;
constexpr int kHz = 60;
constexpr quint64 kSessionUid = 0x50495457414C4C31ull;

QByteArray packet(const QString &name)
{
    QFile file(kPackets + QLatin1Char('/') + name);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "bench_f1game: cannot read %s (the shared F1 game data)\n", qPrintable(file.fileName()));
        std::exit(2);
    }
    return file.readAll();
}

template <typename T>
void put(QByteArray &bytes, int offset, T value)
{
    qToLittleEndian(value, bytes.data() + offset);
}

double threadCpuMs()
{
    timespec cpu{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
    return double(cpu.tv_sec) * 1000.0 + double(cpu.tv_nsec) / 1e6;
}

// The F1 24 header: format (0), year, versions, id (6), sessionUID (7), sessionTime (15),
// frameIdentifier (19), overallFrameIdentifier (23), player (27), second player (28).
void stamp(QByteArray &bytes, double sessionTime, quint32 frame)
{
    put<quint64>(bytes, 7, kSessionUid);
    put<float>(bytes, 15, float(sessionTime));
    put<quint32>(bytes, 19, frame);
    put<quint32>(bytes, 23, frame);
    put<quint8>(bytes, 27, 0);
}

struct Templates {
    QByteArray motion = packet("2024-00.bin"), session = packet("2024-01.bin"), lapData = packet("2024-02.bin"),
               participants = packet("2024-04.bin"), setups = packet("2024-05.bin"), telemetry = packet("2024-06.bin"),
               status = packet("2024-07.bin"), classification = packet("2024-08.bin"), lobby = packet("2024-09.bin"),
               damage = packet("2024-10.bin"), history = packet("2024-11.bin"), tyreSets = packet("2024-12.bin"),
               motionEx = packet("2024-13.bin"), timeTrial = packet("2024-14.bin");
    std::vector<QByteArray> events = {packet("2024-03-SSTA.bin"), packet("2024-03-LGOT.bin"), packet("2024-03-BUTN.bin"),
                                      packet("2024-03-SPTP.bin"), packet("2024-03-OVTK.bin"), packet("2024-03-CHQF.bin")};
};

// The session's datagrams in the order the game sends them: `seconds` of race at 60 Hz.
std::vector<std::pair<double, QByteArray>> syntheticSession(const Templates &t, int seconds)
{
    std::vector<std::pair<double, QByteArray>> out;
    auto add = [&](QByteArray bytes, double time, quint32 frame) {
        stamp(bytes, time, frame);
        out.emplace_back(time, std::move(bytes));
    };
    QByteArray session = t.session;
    put<quint8>(session, 32, 5);  // totalLaps
    put<quint8>(session, 35, 15); // sessionType: Race (F1 24)
    QByteArray participants = t.participants;
    put<quint8>(participants, 29, kCars); // numActiveCars
    const int frames = seconds * kHz;
    for (int frame = 0; frame < frames; ++frame) {
        const double time = double(frame) / kHz;
        if (frame == 0) {
            add(t.events[0], time, frame); // session started
            add(t.lobby, time, frame);
            add(t.timeTrial, time, frame);
        }
        if (frame % (5 * kHz) == 0)
            add(participants, time, frame);
        if (frame % (kHz / 2) == 0) {
            add(session, time, frame);
            add(t.damage, time, frame);
        }
        // Every car drives round a 5 km circle, spread over the lap.
        QByteArray motion = t.motion;
        for (int car = 0; car < kCars; ++car) {
            const double angle = 2 * M_PI * (time * 70.0 / 5000.0 + double(car) / kCars);
            const int at = 29 + car * 60; // CarMotionData: 60 bytes, world position x (0), y (4), z (8)
            put<float>(motion, at, float(800.0 * std::cos(angle)));
            put<float>(motion, at + 8, float(800.0 * std::sin(angle)));
        }
        add(motion, time, frame);
        add(t.lapData, time, frame);
        add(t.telemetry, time, frame);
        add(t.status, time, frame);
        add(t.motionEx, time, frame);
        // Setups, lap history and tyre sets: one car a frame, in turn, as the game spreads them.
        QByteArray history = t.history, tyres = t.tyreSets;
        put<quint8>(history, 29, quint8(frame % kCars)); // carIdx
        put<quint8>(tyres, 29, quint8(frame % kCars));
        if (frame % 3 == 0)
            add(history, time, frame);
        if (frame % 3 == 1)
            add(tyres, time, frame);
        if (frame % 3 == 2 && frame % (kHz / 2) == 2)
            add(t.setups, time, frame);
        if (frame % (7 * kHz) == kHz) // now and then: a light, a button, a speed trap, an overtake
            add(t.events[size_t(1 + (frame / (7 * kHz)) % 4)], time, frame);
    }
    const double end = double(frames) / kHz;
    add(t.events[5], end, quint32(frames));          // chequered flag
    add(t.classification, end, quint32(frames + 1)); // the result
    return out;
}

// Receives the same datagrams on its own port and does nothing with them: the cost of
// receiving alone, on this machine, in this run.
class BaselineReceiver {
public:
    explicit BaselineReceiver(quint16 &port)
    {
        std::atomic<quint16> bound = 0;
        m_thread = std::jthread([this, &bound](std::stop_token stop) {
            QUdpSocket socket;
            socket.setReadBufferSize(8 << 20);
            socket.bind(QHostAddress::LocalHost, 0);
            bound = socket.localPort();
            QByteArray buffer(2048, Qt::Uninitialized);
            while (!stop.stop_requested()) {
                if (!socket.hasPendingDatagrams() && !socket.waitForReadyRead(50))
                    continue;
                while (socket.hasPendingDatagrams()) {
                    if (socket.readDatagram(buffer.data(), buffer.size()) >= 0)
                        ++m_received;
                }
                m_cpuMs = threadCpuMs();
            }
        });
        while (bound == 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        port = bound;
    }
    qint64 received() const { return m_received; }
    double cpuMs() const { return m_cpuMs; }
    void stop()
    {
        m_thread.request_stop();
        m_thread.join();
    }

private:
    std::atomic<qint64> m_received = 0;
    std::atomic<double> m_cpuMs = 0;
    std::jthread m_thread;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int seconds = argc > 1 ? std::max(5, QString::fromLocal8Bit(argv[1]).toInt()) : 30;
    const Templates templates;

    // 1. Decoding alone.
    std::vector<QByteArray> kinds = {templates.motion,   templates.session,   templates.lapData, templates.participants,
                                     templates.setups,   templates.telemetry, templates.status,  templates.classification,
                                     templates.lobby,    templates.damage,    templates.history, templates.tyreSets,
                                     templates.motionEx, templates.timeTrial};
    kinds.insert(kinds.end(), templates.events.begin(), templates.events.end());
    // Kinds the decoder knows but does not read (nothing of a race is in them) are named.
    QStringList notRead;
    for (const auto &bytes : kinds) {
        if (!f1game::decodePacket(bytes).isDecoded())
            notRead << QString::number(quint8(bytes.at(6)));
    }
    qint64 decodedBytes = 0, decodeCount = 0, undecoded = 0;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 2000) {
        for (const auto &bytes : kinds) {
            const auto result = f1game::decodePacket(bytes);
            undecoded += result.isDecoded() ? 0 : 1;
            decodedBytes += bytes.size();
            ++decodeCount;
        }
    }
    const double decodeS = double(timer.nsecsElapsed()) / 1e9;
    size_t hashSum = 0;
    qint64 hashCount = 0;
    timer.restart();
    while (timer.elapsed() < 2000) {
        for (const auto &bytes : kinds) {
            hashSum += qHash(bytes);
            ++hashCount;
        }
    }
    const double hashS = double(timer.nsecsElapsed()) / 1e9;
    const double decodedPerS = double(decodeCount) / decodeS;
    const double hashedPerS = double(hashCount) / hashS;

    // 2. A synthetic race through the whole pipeline.
    const auto datagrams = syntheticSession(templates, seconds);
    QTemporaryDir dir;
    auto endpoint = KafkaEndpoint::prepare(std::nullopt);
    if (!endpoint) {
        std::fprintf(stderr, "bench_f1game: %s\n", qPrintable(endpoint.error().message));
        return 2;
    }
    quint16 gamePort = 0;
    {
        QUdpSocket probe;
        probe.bind(QHostAddress::LocalHost, 0);
        gamePort = probe.localPort();
    }
    SessionOptions options;
    options.game.enabled = true;
    options.game.port = gamePort;
    options.game.bind = QHostAddress::LocalHost;
    options.libraryPath = dir.filePath(QStringLiteral("library.sqlite"));
    const Grid grid = Grid::builtIn();
    RaceSession session(endpoint.value(), grid, options);
    QEventLoop loop;
    bool failed = false;
    QObject::connect(&session, &RaceSession::failed, [&](const QString &reason) {
        std::fprintf(stderr, "bench_f1game: the race could not start: %s\n", qPrintable(reason));
        failed = true;
        loop.quit();
    });
    QObject::connect(&session, &RaceSession::stopped, &loop, &QEventLoop::quit);
    quint16 baselinePort = 0;
    BaselineReceiver baseline(baselinePort);
    qint64 sent = 0;
    double sendS = 0;
    std::jthread sender;
    QObject::connect(&session, &RaceSession::started, [&] {
        sender = std::jthread([&] {
            QUdpSocket socket;
            QElapsedTimer clock;
            clock.start();
            for (const auto &[time, bytes] : datagrams) {
                const qint64 dueNs = qint64(time * 1e9);
                while (clock.nsecsElapsed() < dueNs)
                    std::this_thread::sleep_for(std::chrono::microseconds(200));
                socket.writeDatagram(bytes, QHostAddress::LocalHost, gamePort);
                socket.writeDatagram(bytes, QHostAddress::LocalHost, baselinePort);
                ++sent;
            }
            sendS = double(clock.nsecsElapsed()) / 1e9;
            // The race stops once everything sent has been taken in (the receiver says so
            // once a second), or after 15 s: what is still missing then was lost.
            QElapsedTimer drain;
            drain.start();
            while (drain.elapsed() < 15000 && session.gameStatus().value(QStringLiteral("packets")).toInteger() < sent)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            QMetaObject::invokeMethod(
                &session, [&session] { session.stop(); }, Qt::QueuedConnection);
        });
    });
    session.start();
    QTimer::singleShot((seconds + 120) * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    if (sender.joinable())
        sender.join();
    baseline.stop();
    if (failed)
        return 2;
    const auto status = session.gameStatus();
    const auto summary = session.summary();
    const qint64 received = status.value(QStringLiteral("packets")).toInteger();
    const qint64 accounted = status.value(QStringLiteral("decoded")).toInteger() +
                             status.value(QStringLiteral("not_decoded")).toInteger() +
                             status.value(QStringLiteral("duplicates")).toInteger() +
                             status.value(QStringLiteral("stale")).toInteger() + status.value(QStringLiteral("refused")).toInteger();
    const double sourceCpuMs = status.value(QStringLiteral("cpu_ms")).toDouble();
    const double wallMs = sendS * 1000.0;
    const auto stats = session.stats();

    std::printf("\nbench_f1game — the F1 game's UDP telemetry as a race source\n");
    std::printf("decoding, every F1 24 packet kind (%zu packets; ids not read, by design: %s; %lld such decodes):\n",
                kinds.size(), qPrintable(notRead.join(QStringLiteral(", "))), (long long)undecoded);
    std::printf("  decoded            %12.0f packets/s  (%.0f MB/s)\n", decodedPerS, double(decodedBytes) / decodeS / 1e6);
    std::printf("  baseline: hashed   %12.0f packets/s  decode/hash ratio %.2f  (hash sum %zu)\n", hashedPerS,
                decodedPerS / hashedPerS, hashSum % 10);
    std::printf("synthetic race: %d cars, %d Hz, %d s, every packet kind, whole pipeline, recorded:\n", kCars, kHz, seconds);
    std::printf("  sent               %12lld datagrams in %.1f s (%.0f/s)\n", (long long)sent, sendS, double(sent) / sendS);
    std::printf("  received by source %12lld  accounted (decoded+not decoded+duplicate+stale+refused) %lld\n",
                (long long)received, (long long)accounted);
    std::printf("  refused            %12lld  not decoded %lld\n", (long long)status.value(QStringLiteral("refused")).toInteger(),
                (long long)status.value(QStringLiteral("not_decoded")).toInteger());
    const auto telemetry = stats.producedByTopic.find(QStringLiteral("f1-car-telemetry"));
    std::printf("  race produced      %12lld positions, %lld telemetry samples, %lld messages in all; errors %lld\n",
                (long long)stats.produced, (long long)(telemetry == stats.producedByTopic.end() ? 0 : telemetry->second),
                (long long)stats.producedAllTopics, (long long)stats.errors);
    std::printf("  baseline receiver  %12lld received, CPU %.0f ms = %.2f %% of one core\n", (long long)baseline.received(),
                baseline.cpuMs(), 100.0 * baseline.cpuMs() / wallMs);
    std::printf("  source thread      CPU %.0f ms = %.2f %% of one core (target <= 10 %%), %.1fx the bare receiver\n",
                sourceCpuMs, 100.0 * sourceCpuMs / wallMs, sourceCpuMs / std::max(1.0, baseline.cpuMs()));
    std::printf("  race               %s at race time %.1f s, leader's lap %d\n",
                summary.finished ? "finished (chequered flag, classification)" : "stopped", summary.raceTimeS, summary.leaderLap);
    const qint64 lost = sent - received;
    std::printf("  packets lost       %12lld (target 0)\n", (long long)lost);
    return lost == 0 && accounted == received ? 0 : 1;
}
