// The MCP server during a simulated race, through a plain HTTP client speaking the
// protocol: the handshake, every tool, and the errors (token, JSON, methods, tools,
// arguments, sessions, origin).
#include "context/RaceContext.h"
#include "core/Grid.h"
#include "mcp/McpServer.h"
#include "aiservices/AiServices.h"
#include "pipeline/RaceSession.h"
#include "stream/KafkaEndpoint.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace pitwall;

namespace {

const QString kToken = QStringLiteral("test-token-0123456789abcdef");

struct HttpAnswer {
    int status = 0;
    QJsonObject body;
    QByteArray sessionId;
};

} // namespace

class TestMcp : public QObject {
    Q_OBJECT

    QNetworkAccessManager m_network;
    std::shared_ptr<KafkaEndpoint> m_endpoint;
    std::shared_ptr<AiServices> m_ai;
    std::shared_ptr<RaceContext> m_context;
    std::unique_ptr<McpServer> m_server;
    std::unique_ptr<RaceSession> m_session;
    QByteArray m_sessionId;
    int m_nextId = 1;

    HttpAnswer send(const QByteArray &method, const QByteArray &body, const QByteArray &token,
                    QList<QPair<QByteArray, QByteArray>> headers = {})
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(m_server->port())));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Accept", "application/json, text/event-stream");
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(10000);
        HttpAnswer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = QJsonDocument::fromJson(reply->readAll()).object();
        answer.sessionId = reply->rawHeader("Mcp-Session-Id");
        reply->deleteLater();
        return answer;
    }

    HttpAnswer rpc(const QString &method, const QJsonObject &params = {})
    {
        const QJsonObject message{{"jsonrpc", "2.0"}, {"id", m_nextId++}, {"method", method}, {"params", params}};
        return send("POST", QJsonDocument(message).toJson(QJsonDocument::Compact), kToken.toUtf8(),
                    {{"Mcp-Session-Id", m_sessionId}, {"MCP-Protocol-Version", "2025-06-18"}});
    }

    // A tools/call's structured result (fails the test when the call did not succeed).
    QJsonObject call(const QString &tool, const QJsonObject &arguments = {})
    {
        const auto answer = rpc(QStringLiteral("tools/call"), {{"name", tool}, {"arguments", arguments}});
        const auto result = answer.body.value("result").toObject();
        if (answer.status != 200 || result.value("isError").toBool() || !result.contains("structuredContent"))
            qWarning() << tool << answer.status << answer.body;
        // The text content carries the same JSON, for clients that read only text.
        const auto text = result.value("content").toArray().first().toObject().value("text").toString();
        if (QJsonDocument::fromJson(text.toUtf8()).object() != result.value("structuredContent").toObject())
            qWarning() << tool << "text and structured content differ";
        return result.value("structuredContent").toObject();
    }

private slots:
    void initTestCase()
    {
        auto endpoint = KafkaEndpoint::prepare(std::nullopt);
        QVERIFY(endpoint.hasValue());
        m_endpoint = endpoint.value();
        m_ai = AiServices::offline();
        m_context = std::make_shared<RaceContext>();
        m_server = std::make_unique<McpServer>(std::make_shared<McpTools>(m_context, McpTools::commentarySearch(m_ai, m_context, 5000)),
                                               kToken);
        QVERIFY(m_server->listen(0) > 0);

        SessionOptions options;
        options.race.circuitId = QStringLiteral("red-bull-ring");
        options.race.laps = 6;
        options.race.seed = 21;
        options.race.faultsPerCarHour = 30;
        options.speed = 15;
        options.ai = m_ai;
        options.context = m_context;
        m_session = std::make_unique<RaceSession>(m_endpoint, Grid::builtIn(), options);
        QSignalSpy started(m_session.get(), &RaceSession::started);
        m_session->start();
        QVERIFY(started.wait(20000));
    }

    void cleanupTestCase()
    {
        if (m_session) {
            QSignalSpy stopped(m_session.get(), &RaceSession::stopped);
            m_session->stop();
            stopped.wait(30000);
        }
    }

    void handshake()
    {
        const QJsonObject initialize{{"jsonrpc", "2.0"},
                                     {"id", 0},
                                     {"method", "initialize"},
                                     {"params", QJsonObject{{"protocolVersion", "2025-06-18"},
                                                            {"capabilities", QJsonObject{}},
                                                            {"clientInfo", QJsonObject{{"name", "tst_mcp"}, {"version", "1"}}}}}};
        const auto answer = send("POST", QJsonDocument(initialize).toJson(), kToken.toUtf8());
        QCOMPARE(answer.status, 200);
        QVERIFY(!answer.sessionId.isEmpty());
        m_sessionId = answer.sessionId;
        const auto result = answer.body.value("result").toObject();
        QCOMPARE(answer.body.value("id").toInt(), 0);
        QCOMPARE(result.value("protocolVersion").toString(), QStringLiteral("2025-06-18"));
        QVERIFY(result.value("capabilities").toObject().contains("tools"));
        QCOMPARE(result.value("serverInfo").toObject().value("name").toString(), QStringLiteral("pitwall"));
        // An older client's version is honoured; an unknown one gets the newest.
        QJsonObject older = initialize;
        older.insert("params", QJsonObject{{"protocolVersion", "2024-11-05"}, {"capabilities", QJsonObject{}}});
        QCOMPARE(
            send("POST", QJsonDocument(older).toJson(), kToken.toUtf8()).body.value("result").toObject().value("protocolVersion").toString(),
            QStringLiteral("2024-11-05"));

        const QJsonObject initialized{{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}};
        QCOMPARE(send("POST", QJsonDocument(initialized).toJson(), kToken.toUtf8(), {{"Mcp-Session-Id", m_sessionId}}).status, 202);
        QCOMPARE(rpc(QStringLiteral("ping")).body.value("result").toObject(), QJsonObject());

        const auto tools = rpc(QStringLiteral("tools/list")).body.value("result").toObject().value("tools").toArray();
        QStringList names;
        for (const auto &tool : tools) {
            const auto object = tool.toObject();
            names << object.value("name").toString();
            QVERIFY(!object.value("description").toString().isEmpty());
            QCOMPARE(object.value("inputSchema").toObject().value("type").toString(), QStringLiteral("object"));
        }
        QCOMPARE(names,
                 (QStringList{"get_leaderboard", "get_driver", "get_gap", "list_anomalies", "search_commentary", "get_race_events"}));
    }

    void everyToolDuringTheRace()
    {
        // The leaderboard: every car, in order, with gaps.
        QTRY_COMPARE_WITH_TIMEOUT(call(QStringLiteral("get_leaderboard")).value("leaderboard").toArray().size(), 20, 15000);
        const auto board = call(QStringLiteral("get_leaderboard"));
        QCOMPARE(board.value("race_id").toString(), m_session->raceId());
        const auto rows = board.value("leaderboard").toArray();
        for (int i = 0; i < rows.size(); ++i)
            QCOMPARE(rows[i].toObject().value("position").toInt(), i + 1);
        const QString leader = rows[0].toObject().value("driver_name").toString();
        const QString second = rows[1].toObject().value("driver_name").toString();

        // A driver by surname or code: standing, telemetry, and (after a lap or two) lap times.
        QTRY_VERIFY_WITH_TIMEOUT(
            call(QStringLiteral("get_driver"), {{"driver", leader.section(' ', -1)}}).value("last_laps").toArray().size() >= 2, 30000);
        const auto driver = call(QStringLiteral("get_driver"), {{"driver", leader.section(' ', -1).toUpper()}, {"laps", 2}});
        QCOMPARE(driver.value("driver_name").toString(), leader);
        QCOMPARE(driver.value("last_laps").toArray().size(), 2);
        QVERIFY(driver.value("telemetry").toObject().value("speed_kph").toDouble() >= 0);
        QVERIFY(driver.value("telemetry").toObject().value("engine_temperature").toDouble() > 50);
        QVERIFY(driver.value("last_laps").toArray().first().toObject().value("lap_time_s").toDouble() > 60);

        // The gap between the first two: the second is behind, and lap averages compare.
        const auto gap = call(QStringLiteral("get_gap"), {{"driver_a", leader}, {"driver_b", second}});
        QCOMPARE(gap.value("driver_a").toString(), leader);
        QVERIFY(gap.value("position_a").toInt() < gap.value("position_b").toInt() || gap.value("gap_s").toDouble() >= 0);
        QVERIFY(gap.value("average_lap_a_s").toDouble() > 60);
        QVERIFY(gap.value("faster_recently").toString() == leader || gap.value("faster_recently").toString() == second);

        // Anomalies from the detector (faults are frequent in this race), newest first.
        QTRY_VERIFY_WITH_TIMEOUT(!call(QStringLiteral("list_anomalies")).value("anomalies").toArray().isEmpty(), 60000);
        const auto anomalies = call(QStringLiteral("list_anomalies"), {{"limit", 5}}).value("anomalies").toArray();
        QVERIFY(anomalies.size() <= 5);
        const auto first = anomalies.first().toObject();
        QVERIFY(!first.value("metric").toString().isEmpty());
        QVERIFY(first.value("lower_bound").toDouble() <= first.value("upper_bound").toDouble());
        // `since` keeps what happened at or after it. The race goes on between two calls, so
        // newer anomalies may arrive: every one returned must be at or after the bound, and
        // from the oldest of the five on, those five come back too.
        const double newest = first.value("timestamp").toDouble();
        for (const auto &later : call(QStringLiteral("list_anomalies"), {{"since", newest + 1}}).value("anomalies").toArray())
            QVERIFY(later.toObject().value("timestamp").toDouble() >= newest + 1);
        const double oldest = anomalies.last().toObject().value("timestamp").toDouble();
        const auto sinceOldest = call(QStringLiteral("list_anomalies"), {{"since", oldest}, {"limit", 500}}).value("anomalies").toArray();
        QVERIFY(sinceOldest.size() >= anomalies.size());
        for (const auto &anomaly : sinceOldest)
            QVERIFY(anomaly.toObject().value("timestamp").toDouble() >= oldest);

        // Race events, filtered by kind.
        const auto starts = call(QStringLiteral("get_race_events"), {{"kinds", QJsonArray{"race_started"}}}).value("events").toArray();
        QCOMPARE(starts.size(), 1);
        QCOMPARE(starts.first().toObject().value("details").toObject().value("laps").toInt(), 6);

        // The commentary search: the start was told and stored.
        QTRY_VERIFY_WITH_TIMEOUT(!call(QStringLiteral("search_commentary"), {{"query", "lights out"}}).value("results").toArray().isEmpty(),
                                 15000);
        const auto found = call(QStringLiteral("search_commentary"), {{"query", "lights out"}, {"k", 3}}).value("results").toArray();
        QVERIFY(found.size() <= 3);
        QVERIFY(found.first().toObject().value("message").toString().contains(QLatin1String("Lights out")));
    }

    void errorsAreTheProtocolsErrors()
    {
        const QByteArray list = R"({"jsonrpc":"2.0","id":9,"method":"tools/list"})";
        QCOMPARE(send("POST", list, {}).status, 401);
        const auto wrong = send("POST", list, "not-the-token");
        QCOMPARE(wrong.status, 401);
        QCOMPARE(send("POST", list, kToken.toUtf8(), {{"Origin", "http://evil.example"}}).status, 403);
        QCOMPARE(send("POST", list, kToken.toUtf8(), {{"Origin", "http://localhost:3000"}}).status, 200);
        QCOMPARE(send("POST", list, kToken.toUtf8(), {{"Mcp-Session-Id", "no-such-session"}}).status, 404);
        QCOMPARE(send("POST", list, kToken.toUtf8(), {{"MCP-Protocol-Version", "1999-01-01"}}).status, 400);
        QCOMPARE(send("GET", {}, kToken.toUtf8()).status, 405);

        const auto notJson = send("POST", "{\"jsonrpc\":", kToken.toUtf8());
        QCOMPARE(notJson.body.value("error").toObject().value("code").toInt(), -32700);
        QVERIFY(notJson.body.value("id").isNull());
        QCOMPARE(send("POST", R"({"id":1,"method":"ping"})", kToken.toUtf8()).body.value("error").toObject().value("code").toInt(),
                 -32600);
        QCOMPARE(send("POST", R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])", kToken.toUtf8())
                     .body.value("error")
                     .toObject()
                     .value("code")
                     .toInt(),
                 -32600);
        QCOMPARE(rpc(QStringLiteral("resources/list")).body.value("error").toObject().value("code").toInt(), -32601);

        auto toolError = [this](const QString &tool, const QJsonObject &arguments) {
            return rpc(QStringLiteral("tools/call"), {{"name", tool}, {"arguments", arguments}}).body;
        };
        QCOMPARE(toolError(QStringLiteral("get_weather"), {}).value("error").toObject().value("code").toInt(), -32602);
        QCOMPARE(toolError(QStringLiteral("get_driver"), {}).value("error").toObject().value("code").toInt(), -32602);
        QCOMPARE(toolError(QStringLiteral("get_driver"), {{"driver", 44}}).value("error").toObject().value("code").toInt(), -32602);
        QCOMPARE(toolError(QStringLiteral("get_driver"), {{"driver", "Norris"}, {"laps", "two"}})
                     .value("error")
                     .toObject()
                     .value("code")
                     .toInt(),
                 -32602);
        QCOMPARE(
            toolError(QStringLiteral("get_driver"), {{"driver", "Norris"}, {"laps", 0}}).value("error").toObject().value("code").toInt(),
            -32602);
        QCOMPARE(toolError(QStringLiteral("get_leaderboard"), {{"verbose", true}}).value("error").toObject().value("code").toInt(),
                 -32602);
        QVERIFY(
            toolError(QStringLiteral("get_driver"), {{"driver", "Senna"}}).value("error").toObject().value("message").toString().contains("unknown tool") ==
            false);
        // A driver not in the race: the tool ran and says so, as a tool error the model reads.
        const auto notRacing = toolError(QStringLiteral("get_driver"), {{"driver", "Senna"}}).value("result").toObject();
        QVERIFY(notRacing.value("isError").toBool());
        QVERIFY(notRacing.value("content").toArray().first().toObject().value("text").toString().contains(QLatin1String("Senna")));

        // Ending the session: its id is no longer accepted.
        QCOMPARE(send("DELETE", {}, kToken.toUtf8(), {{"Mcp-Session-Id", m_sessionId}}).status, 204);
        QCOMPARE(rpc(QStringLiteral("ping")).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestMcp)
#include "tst_mcp.moc"
