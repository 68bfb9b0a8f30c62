// Benchmark: WebSocket fan-out. The same max-speed race through the whole pipeline, with
// the live feed serving no clients (baseline) and 50 clients on loopback at 10 updates a
// second; the race's throughput (messages produced per wall-clock second) is compared in
// the same run, alternating the two, two rounds each. The clients run in a child process
// (this program with --clients), reading and parsing every update as an overlay would.
//
//   build/tests/bench/bench_livefeed [--laps 10] [--clients 50] [--rounds 2]
// Target: the race's throughput unchanged with 50 clients (ratio ~1.0, within noise).

#include "context/RaceContext.h"
#include "core/Grid.h"
#include "live/LiveFeedServer.h"
#include "aiservices/AiServices.h"
#include "pipeline/RaceSession.h"
#include "stream/KafkaEndpoint.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSocketNotifier>
#include <QTimer>
#include <QWebSocket>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <unistd.h>
#include <vector>

using namespace pitwall;

namespace {

// Child: N clients read the feed until a line arrives on stdin, then print their counts.
int runClients(quint16 port, int count)
{
    std::vector<std::unique_ptr<QWebSocket>> clients;
    std::vector<quint64> updates(size_t(count), 0);
    quint64 bytes = 0, parseErrors = 0;
    int connected = 0;
    for (int i = 0; i < count; ++i) {
        auto socket = std::make_unique<QWebSocket>();
        QObject::connect(socket.get(), &QWebSocket::connected, [&connected] { ++connected; });
        QObject::connect(socket.get(), &QWebSocket::textMessageReceived, [&, i](const QString &text) {
            ++updates[size_t(i)];
            bytes += quint64(text.size());
            const auto update = QJsonDocument::fromJson(text.toUtf8()).object();
            parseErrors += update.value(QLatin1String("type")).toString() != QLatin1String("update");
        });
        socket->open(QUrl(QStringLiteral("ws://127.0.0.1:%1/live").arg(port)));
        clients.push_back(std::move(socket));
    }
    QSocketNotifier stdinNotifier(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&stdinNotifier, &QSocketNotifier::activated, [] { QCoreApplication::quit(); });
    QTimer ready;
    QObject::connect(&ready, &QTimer::timeout, [&] {
        if (connected == count) {
            std::printf("connected\n");
            std::fflush(stdout);
            ready.stop();
        }
    });
    ready.start(20);
    QCoreApplication::exec();
    const auto [least, most] = std::minmax_element(updates.begin(), updates.end());
    quint64 total = 0;
    for (auto n : updates)
        total += n;
    std::printf("{\"connected\":%d,\"updates\":%llu,\"least\":%llu,\"most\":%llu,\"bytes\":%llu,\"parse_errors\":%llu}\n",
                connected, total, *least, *most, bytes, parseErrors);
    std::fflush(stdout);
    return 0;
}

struct RaceRun {
    double seconds = 0;
    quint64 produced = 0;
    double perSecond() const { return seconds > 0 ? double(produced) / seconds : 0; }
};

RaceRun runRace(const std::shared_ptr<KafkaEndpoint> &endpoint, const std::shared_ptr<RaceContext> &context, int laps)
{
    SessionOptions options;
    options.race.circuitId = QStringLiteral("monza");
    options.race.laps = laps;
    options.race.seed = 5;
    options.speed = 0;
    options.ai = AiServices::offline();
    options.context = context;
    RaceSession session(endpoint, Grid::builtIn(), options);
    QEventLoop loop;
    QObject::connect(&session, &RaceSession::stopped, &loop, &QEventLoop::quit);
    QElapsedTimer clock;
    clock.start();
    session.start();
    loop.exec();
    return {double(clock.elapsed()) / 1000.0, session.stats().producedAllTopics};
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const auto args = app.arguments();
    int laps = 10, clients = 50, rounds = 2;
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--laps"))
            laps = std::max(1, args[i + 1].toInt());
        if (args[i] == QLatin1String("--rounds"))
            rounds = std::max(1, args[i + 1].toInt());
        if (args[i] == QLatin1String("--clients"))
            clients = std::max(1, args[i + 1].toInt());
        if (args[i] == QLatin1String("--serve-clients") && i + 2 < args.size())
            return runClients(quint16(args[i + 1].toUInt()), args[i + 2].toInt());
    }
    auto endpoint = KafkaEndpoint::prepare(std::nullopt);
    if (!endpoint)
        return 1;
    auto context = std::make_shared<RaceContext>();
    LiveFeedServer feed(context, 10);
    if (!feed.listen(0))
        return 1;

    std::vector<double> alone, withClients;
    QByteArray clientReport;
    double sentPerClientSecond = 0;
    runRace(endpoint.value(), context, 2); // warm-up: caches, broker topics
    for (int round = 0; round < rounds; ++round) {
        const auto baseline = runRace(endpoint.value(), context, laps);
        alone.push_back(baseline.perSecond());
        std::printf("round %d: no clients   %.2f s, %llu messages, %.0f msg/s\n", round + 1, baseline.seconds, baseline.produced,
                    baseline.perSecond());

        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--serve-clients"), QString::number(feed.port()), QString::number(clients)});
        // The feed serves from this thread: wait with the event loop running, not blocked.
        QElapsedTimer connecting;
        connecting.start();
        while (!child.canReadLine() && connecting.elapsed() < 30000 && child.state() != QProcess::NotRunning)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
        if (!child.readLine().startsWith("connected")) {
            std::printf("the client process did not connect its %d clients\n", clients);
            return 1;
        }
        while (feed.clientCount() < clients)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
        const quint64 sentBefore = feed.updatesSent();
        const auto loaded = runRace(endpoint.value(), context, laps);
        withClients.push_back(loaded.perSecond());
        sentPerClientSecond = double(feed.updatesSent() - sentBefore) / clients / loaded.seconds;
        child.write("stop\n");
        while (child.state() != QProcess::NotRunning)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
        clientReport = child.readAllStandardOutput().trimmed();
        while (feed.clientCount() > 0)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
        std::printf("round %d: %d clients  %.2f s, %llu messages, %.0f msg/s; clients: %s\n", round + 1, clients, loaded.seconds,
                    loaded.produced, loaded.perSecond(), clientReport.constData());
    }
    const auto report = QJsonDocument::fromJson(clientReport).object();
    const double ratio = median(withClients) / std::max(1.0, median(alone));
    std::printf("\n== WebSocket fan-out: %d clients on loopback at 10 updates/s, %d-lap race at max speed ==\n", clients, laps);
    std::printf("race throughput, no clients (baseline): %.0f msg/s (median of %d)\n", median(alone), rounds);
    std::printf("race throughput, %d clients:            %.0f msg/s (median of %d)\n", clients, median(withClients), rounds);
    std::printf("ratio with/without clients: %.2f (target: unchanged, ~1.0 within this 2-core machine's noise)\n", ratio);
    std::printf("updates per client per second: %.1f (target 10); last round: %lld connected, least/most per client %lld/%lld, "
                "parse errors %lld, dropped %llu\n",
                sentPerClientSecond, qint64(report.value("connected").toDouble()), qint64(report.value("least").toDouble()),
                qint64(report.value("most").toDouble()), qint64(report.value("parse_errors").toDouble()), feed.clientsDropped());
    return 0;
}
