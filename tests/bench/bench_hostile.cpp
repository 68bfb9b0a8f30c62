// Issue 22's "done means": a headless race with MCP and the WebSocket feed on, run twice
// in the same session — once left alone (the baseline), once under every flood of items
// 1, 2 and 5 at once: unauthorised 50 MB and 3 x 150 MB held MCP bodies, a 200 MB
// WebSocket frame, more feed clients than allowed and a foreign Origin, and 60 records of
// 900 KB from an outside Kafka producer. Compares the pitwall process's peak resident
// memory (target: within 50 MB of the baseline) and the skipped count (target: 0).
//   bench_hostile [--laps 4] [--speed 16]
// Figures last.
#include "core/Topics.h"
#include "stream/KafkaConfig.h"
#include "stream/KafkaProducer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <arpa/inet.h>
#include <atomic>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace pitwall;

namespace {

quint16 freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &size);
    ::close(fd);
    return ntohs(address.sin_port);
}

qint64 residentKb(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

int connectTo(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    timeval timeout{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    return fd;
}

// Sends `head`, then `bodyBytes` of filler until the server stops taking it (a send
// blocked for 1 s) or all is sent; holds the connection `holdMs`. Returns bytes accepted.
qint64 pour(quint16 port, const QByteArray &head, qint64 bodyBytes, int holdMs)
{
    const int fd = connectTo(port);
    if (fd < 0)
        return -1;
    ::send(fd, head.constData(), size_t(head.size()), MSG_NOSIGNAL);
    const QByteArray chunk(256 * 1024, 'x');
    qint64 sent = 0;
    while (sent < bodyBytes) {
        const ssize_t n = ::send(fd, chunk.constData(), size_t(std::min<qint64>(chunk.size(), bodyBytes - sent)), MSG_NOSIGNAL);
        if (n <= 0)
            break;
        sent += n;
    }
    ::usleep(useconds_t(holdMs) * 1000);
    ::close(fd);
    return sent;
}

QByteArray mcpPost(qint64 bodyBytes)
{
    return "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(bodyBytes) + "\r\n\r\n";
}

QByteArray wsUpgrade(const QByteArray &origin)
{
    QByteArray head = "GET /live HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
    if (!origin.isEmpty())
        head += "Origin: " + origin + "\r\n";
    return head + "\r\n";
}

// A masked binary frame header declaring `payload` bytes (64-bit length form).
QByteArray wsFrameHead(qint64 payload)
{
    QByteArray head("\x82\xff", 2);
    for (int shift = 56; shift >= 0; shift -= 8)
        head.append(char((payload >> shift) & 0xff));
    return head + QByteArray("\x01\x02\x03\x04", 4);
}

struct Run {
    qint64 peakKb = 0;
    QJsonObject summary;
    QString bootstrap;
    quint64 floodRefused = 0; // outside producer's failed deliveries
    qint64 mcpBytesTaken = 0; // of the unauthorised bodies, what the server's socket took
    qint64 wsBytesTaken = 0;  // of the 200 MB frame
};

Run race(const QString &binary, int laps, int speed, bool attacked)
{
    QTemporaryDir home;
    const quint16 mcpPort = freePort(), wsPort = freePort();
    QProcess pitwall;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.path() + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path() + QStringLiteral("/config"));
    env.insert(QStringLiteral("PITWALL_MCP_TOKEN"), QStringLiteral("bench-token-not-sent-by-the-attacker"));
    pitwall.setProcessEnvironment(env);
    pitwall.start(binary, {QStringLiteral("--headless"), QStringLiteral("--track"), QStringLiteral("monza"),
                           QStringLiteral("--laps"), QString::number(laps), QStringLiteral("--speed"), QString::number(speed),
                           QStringLiteral("--seed"), QStringLiteral("7"), QStringLiteral("--mcp-port"), QString::number(mcpPort),
                           QStringLiteral("--ws-port"), QString::number(wsPort)});
    Run run;
    if (!pitwall.waitForStarted(10000))
        qFatal("cannot start %s", qPrintable(binary));
    const qint64 pid = pitwall.processId();
    QString stderrText;
    std::vector<std::thread> attackers;
    std::atomic<quint64> floodFailed{0};
    std::atomic<qint64> mcpTaken{0}, wsTaken{0};
    bool launched = false;
    while (pitwall.state() != QProcess::NotRunning) {
        pitwall.waitForReadyRead(100);
        stderrText += QString::fromUtf8(pitwall.readAllStandardError());
        run.peakKb = std::max(run.peakKb, residentKb(pid));
        if (run.bootstrap.isEmpty()) {
            const auto match = QRegularExpression(QStringLiteral("Kafka bootstrap (\\S+)")).match(stderrText);
            if (match.hasMatch())
                run.bootstrap = match.captured(1);
        }
        // Attack once the race runs (the servers are listening by then).
        if (attacked && !launched && stderrText.contains(QLatin1String("MCP server at")) && !run.bootstrap.isEmpty()) {
            launched = true;
            attackers.emplace_back([=, &mcpTaken] { mcpTaken += pour(mcpPort, mcpPost(50LL << 20), 50LL << 20, 0); });
            for (int i = 0; i < 3; ++i)
                attackers.emplace_back([=, &mcpTaken] { mcpTaken += pour(mcpPort, mcpPost(150LL << 20), 150LL << 20, 8000); });
            attackers.emplace_back([=] { pour(wsPort, wsUpgrade({}), 0, 0); });
            attackers.emplace_back([=, &wsTaken] {
                // Upgrade, then a 200 MB frame.
                wsTaken += pour(wsPort, wsUpgrade({}) + wsFrameHead(200LL << 20), 200LL << 20, 0);
            });
            attackers.emplace_back([=] { pour(wsPort, wsUpgrade("https://evil.example"), 0, 0); });
            for (int i = 0; i < 40; ++i)
                attackers.emplace_back([=] { pour(wsPort, wsUpgrade({}), 0, 8000); });
            const QString bootstrap = run.bootstrap;
            attackers.emplace_back([bootstrap, &floodFailed] {
                KafkaConfig outside;
                outside.setBootstrap(bootstrap);
                auto producer = KafkaProducer::create(outside);
                if (!producer)
                    return;
                const QByteArray large(900 * 1024, 'x');
                for (int i = 0; i < 60; ++i)
                    producer.value()->produce(topics::kCarTelemetry, "flood", large);
                producer.value()->flush(20000);
                floodFailed = producer.value()->stats().failed;
            });
        }
    }
    for (auto &attacker : attackers)
        attacker.join();
    run.floodRefused = floodFailed;
    run.mcpBytesTaken = mcpTaken;
    run.wsBytesTaken = wsTaken;
    const QByteArray out = pitwall.readAllStandardOutput();
    const QList<QByteArray> lines = out.trimmed().split('\n');
    run.summary = QJsonDocument::fromJson(lines.isEmpty() ? QByteArray() : lines.last()).object();
    if (run.summary.isEmpty())
        qWarning("no summary; stderr:\n%s", qPrintable(stderrText.right(2000)));
    return run;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("laps"), QStringLiteral("laps per race"), QStringLiteral("N"), QStringLiteral("4")});
    parser.addOption({QStringLiteral("speed"), QStringLiteral("race speed"), QStringLiteral("X"), QStringLiteral("16")});
    parser.process(app);
    const int laps = parser.value(QStringLiteral("laps")).toInt();
    const int speed = parser.value(QStringLiteral("speed")).toInt();
    const QString binary = QStringLiteral(PITWALL_BINARY);

    const Run clean = race(binary, laps, speed, false);
    const Run attacked = race(binary, laps, speed, true);

    const double cleanMb = clean.peakKb / 1024.0, attackedMb = attacked.peakKb / 1024.0;
    std::printf("\nbench_hostile: monza, %d laps at %dx, MCP + WebSocket feed on, embedded broker\n", laps, speed);
    std::printf("  %-22s %12s %12s\n", "", "left alone", "attacked");
    std::printf("  %-22s %12.1f %12.1f\n", "peak resident, MB", cleanMb, attackedMb);
    for (const char *key : {"produced", "consumed", "skipped", "errors", "broker_refused"})
        std::printf("  %-22s %12lld %12lld\n", key, qint64(clean.summary.value(QLatin1String(key)).toDouble()),
                    qint64(attacked.summary.value(QLatin1String(key)).toDouble()));
    std::printf("  %-22s %12s %12llu of 60\n", "900 KB records refused", "-", (unsigned long long)attacked.floodRefused);
    std::printf("  %-22s %12s %12.1f of 500 MB sent\n", "MCP bodies taken, MB", "-", attacked.mcpBytesTaken / 1048576.0);
    std::printf("  %-22s %12s %12.1f of 200 MB sent\n", "WS frame taken, MB", "-", attacked.wsBytesTaken / 1048576.0);
    std::printf("peak resident difference: %+.1f MB (target within 50 MB); skipped under attack: %lld (target 0)\n",
                attackedMb - cleanMb, qint64(attacked.summary.value(QLatin1String("skipped")).toDouble()));
    return attacked.summary.isEmpty() || clean.summary.isEmpty() ? 1 : 0;
}
