// Benchmark: MCP tools/call latency (HTTP round trip on loopback, client and server in
// this process) while a race runs at max speed through the whole pipeline, against the
// same calls on the idle server (after the race) in the same run. Figures printed last.
//
//   build/tests/bench/bench_mcp [--laps 10] [--calls 2000]
// Target: p99 <= 10 ms during the race.

#include "context/RaceContext.h"
#include "core/Grid.h"
#include "mcp/McpServer.h"
#include "aiservices/AiServices.h"
#include "pipeline/RaceSession.h"
#include "stream/KafkaEndpoint.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <algorithm>
#include <cstdio>

using namespace pitwall;

namespace {

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p / 100.0 * double(values.size())))];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int laps = 10, calls = 2000;
    const auto args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--laps"))
            laps = std::max(1, args[i + 1].toInt());
        if (args[i] == QLatin1String("--calls"))
            calls = std::max(10, args[i + 1].toInt());
    }
    auto endpoint = KafkaEndpoint::prepare(std::nullopt);
    if (!endpoint)
        return 1;
    auto ai = AiServices::offline();
    auto context = std::make_shared<RaceContext>();
    const QString token = McpServer::generateToken();
    McpServer server(std::make_shared<McpTools>(context, McpTools::commentarySearch(ai, context, 5000)), token);
    if (!server.listen(0))
        return 1;

    QNetworkAccessManager network;
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/mcp").arg(server.port()));
    const QJsonObject tools[] = {
        {{"name", "get_leaderboard"}, {"arguments", QJsonObject{}}},
        {{"name", "get_driver"}, {"arguments", QJsonObject{{"driver", "Norris"}}}},
        {{"name", "get_gap"}, {"arguments", QJsonObject{{"driver_a", "Norris"}, {"driver_b", "Piastri"}}}},
        {{"name", "list_anomalies"}, {"arguments", QJsonObject{{"limit", 20}}}},
        {{"name", "get_race_events"}, {"arguments", QJsonObject{{"limit", 20}}}},
        {{"name", "search_commentary"}, {"arguments", QJsonObject{{"query", "overtake for the lead"}}}},
    };
    int id = 0;
    int failures = 0;
    auto callOnce = [&](int toolIndex) {
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        const QJsonObject message{{"jsonrpc", "2.0"}, {"id", ++id}, {"method", "tools/call"}, {"params", tools[toolIndex]}};
        QElapsedTimer clock;
        clock.start();
        QNetworkReply *reply = network.post(request, QJsonDocument(message).toJson(QJsonDocument::Compact));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        const auto body = QJsonDocument::fromJson(reply->readAll()).object();
        failures += !body.contains(QLatin1String("result"));
        reply->deleteLater();
        return ms;
    };

    SessionOptions options;
    options.race.circuitId = QStringLiteral("monza");
    options.race.laps = laps;
    options.race.seed = 5;
    options.speed = 0;
    options.ai = ai;
    options.context = context;
    RaceSession session(endpoint.value(), Grid::builtIn(), options);
    bool stopped = false;
    QObject::connect(&session, &RaceSession::stopped, [&] { stopped = true; });
    session.start();
    QEventLoop wait;
    QObject::connect(&session, &RaceSession::started, &wait, &QEventLoop::quit);
    wait.exec();
    // Warm up: the leaderboard fills.
    while (context->leaderboard().size() < 20 && !stopped)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);

    std::vector<double> during;
    while (!stopped && int(during.size()) < calls)
        during.push_back(callOnce(int(during.size() % std::size(tools))));
    const bool raceStillRunning = !stopped;
    session.stop();
    while (!stopped)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    std::vector<double> idle;
    for (int i = 0; i < int(during.size()); ++i)
        idle.push_back(callOnce(i % int(std::size(tools))));

    std::printf("\n== MCP tools/call latency (loopback HTTP round trip, six tools in turn) ==\n");
    std::printf("during a %d-lap race at max speed: %zu calls%s, %d failed\n", laps, during.size(),
                raceStillRunning ? "" : " (the race ended first)", failures);
    std::printf("idle server (baseline, same calls after the race): p50 %.2f ms  p99 %.2f ms\n", percentile(idle, 50),
                percentile(idle, 99));
    std::printf("during the race:                                 p50 %.2f ms  p99 %.2f ms  (target p99 <= 10 ms: %s; p50 %.2fx idle)\n",
                percentile(during, 50), percentile(during, 99), percentile(during, 99) <= 10.0 ? "met" : "NOT met",
                percentile(during, 50) / std::max(0.001, percentile(idle, 50)));
    return 0;
}
