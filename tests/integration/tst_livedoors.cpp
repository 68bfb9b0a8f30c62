// The live servers' doors against hostile and careless clients (issue 22, items 1, 2, 3, 12
// and 16): MCP refuses on the head before reading a body, bounds chunked bodies and closes
// slow connections; the WebSocket feed checks Origin, caps clients and what they send; a
// slow embedder does not stop MCP ping nor the feed; sessions and per-name maps are bounded;
// the MCP token comes from a file or the environment and a generated one goes to a 0600 file.
#include "app/McpOptions.h"
#include "context/RaceContext.h"
#include "core/JsonCodec.h"
#include "core/Topics.h"
#include "live/LiveFeedServer.h"
#include "mcp/McpServer.h"
#include "ml/KeyedStreams.h"
#include "aiservices/AiServices.h"
#include "pipeline/AskStages.h"
#include "pipeline/LeaderboardFeed.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <sys/stat.h>

using namespace pitwall;

namespace {

const QString kToken = QStringLiteral("doors-token-0123456789abcdef");

qint64 residentBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong() * 1024;
    return -1;
}

// A client that speaks raw HTTP: it sends `head`, then up to `bodyBytes` of body in pieces
// (never more than 256 KB waiting in its own buffer), and stops at the server's first answer.
struct RawExchange {
    int status = 0;
    QByteArray answer;
    qint64 bodySent = 0;
    bool closedByServer = false;
};

RawExchange rawExchange(quint16 port, const QByteArray &head, qint64 bodyBytes, bool chunked = false, int waitMs = 8000)
{
    RawExchange result;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(3000))
        return result;
    QObject::connect(&socket, &QTcpSocket::disconnected, [&] { result.closedByServer = true; });
    socket.write(head);
    const QByteArray piece(64 * 1024, 'x');
    const QByteArray chunk = QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n";
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < waitMs) {
        if (socket.state() == QAbstractSocket::ConnectedState && result.bodySent < bodyBytes && socket.bytesToWrite() < 256 * 1024) {
            socket.write(chunked ? chunk : piece);
            result.bodySent += piece.size();
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        result.answer += socket.readAll();
        if (result.answer.contains("\r\n\r\n") || result.closedByServer)
            break;
    }
    result.answer += socket.readAll();
    if (result.answer.startsWith("HTTP/1.1 "))
        result.status = result.answer.mid(9, 3).toInt();
    return result;
}

QByteArray postHead(const QByteArray &extraHeaders)
{
    return "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + extraHeaders + "\r\n";
}

KafkaRecord record(const char *topic, const QByteArray &value)
{
    KafkaRecord r;
    r.topic = QString::fromLatin1(topic);
    r.value = value;
    return r;
}

PositionUpdate position(const QString &driver, int place)
{
    PositionUpdate update;
    update.driverName = driver;
    update.position = (place - 1) % 20 + 1; // the codec accepts 1-40
    update.timestampMs = 1000 + place;
    update.raceId = QStringLiteral("race-doors");
    return update;
}

} // namespace

class TestLiveDoors : public QObject {
    Q_OBJECT

    QNetworkAccessManager m_network;

    struct Answer {
        int status = 0;
        QJsonObject body;
        QByteArray sessionId;
        QNetworkReply *reply = nullptr;
    };

    QNetworkReply *post(quint16 port, const QJsonObject &message, const QByteArray &authorization, const QByteArray &session = {})
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(port)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
        if (!session.isEmpty())
            request.setRawHeader("Mcp-Session-Id", session);
        return m_network.post(request, QJsonDocument(message).toJson(QJsonDocument::Compact));
    }

    Answer finish(QNetworkReply *reply, int waitMs = 10000)
    {
        if (!reply->isFinished()) {
            QSignalSpy finished(reply, &QNetworkReply::finished);
            finished.wait(waitMs);
        }
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = QJsonDocument::fromJson(reply->readAll()).object();
        answer.sessionId = reply->rawHeader("Mcp-Session-Id");
        reply->deleteLater();
        return answer;
    }

    static QJsonObject rpc(int id, const QString &method, const QJsonObject &params = {})
    {
        return {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}};
    }

    std::unique_ptr<McpServer> mcpServer(McpServerLimits limits = {})
    {
        auto context = std::make_shared<RaceContext>();
        auto tools = std::make_shared<McpTools>(context,
                                                [](const QString &, int, McpTools::SearchDone done) { done(QJsonArray()); });
        auto server = std::make_unique<McpServer>(tools, kToken, limits);
        server->listen(0);
        return server;
    }

private slots:
    // Item 1: a 50 MB POST without a token is answered 401 from its head; its body is never
    // buffered (resident memory stays flat) and the answer comes before the body is sent.
    void unauthorisedBodyIsNeverRead()
    {
        auto server = mcpServer();
        QVERIFY(server->port() > 0);
        const qint64 before = residentBytes();
        const qint64 size = 50LL * 1024 * 1024;
        const auto exchange = rawExchange(server->port(), postHead("Content-Length: " + QByteArray::number(size) + "\r\n"), size);
        const qint64 grown = residentBytes() - before;
        qInfo("50 MB unauthorised POST: answer %d after %lld body bytes sent, resident memory grew %lld KB", exchange.status,
              exchange.bodySent, grown / 1024);
        QCOMPARE(exchange.status, 401);
        QVERIFY2(exchange.bodySent < 4 * 1024 * 1024, "the 401 must come from the head, not after the body");
        QVERIFY2(grown < 16 * 1024 * 1024, "the refused body must not be buffered");
        QVERIFY(exchange.answer.contains("WWW-Authenticate: Bearer"));
        QCOMPARE(server->refusals().byGate, quint64(1));
    }

    void declaredBodyOverTheLimitIsRefusedUnread()
    {
        auto server = mcpServer();
        const qint64 size = 50LL * 1024 * 1024;
        const auto exchange = rawExchange(server->port(),
                                          postHead("Authorization: Bearer " + kToken.toLatin1() +
                                                   "\r\nContent-Length: " + QByteArray::number(size) + "\r\n"),
                                          size);
        QCOMPARE(exchange.status, 413);
        QVERIFY(exchange.bodySent < 4 * 1024 * 1024);
        QCOMPARE(server->refusals().tooLarge, quint64(1));
    }

    // A chunked body has no declared size: reading stops once it passes 1 MB.
    void chunkedBodyIsCutOffAtTheLimit()
    {
        auto server = mcpServer();
        const qint64 before = residentBytes();
        const auto exchange = rawExchange(server->port(),
                                          postHead("Authorization: Bearer " + kToken.toLatin1() + "\r\nTransfer-Encoding: chunked\r\n"),
                                          40LL * 1024 * 1024, true);
        const qint64 grown = residentBytes() - before;
        qInfo("40 MB chunked POST: answer %d after %lld bytes sent, resident memory grew %lld KB", exchange.status,
              exchange.bodySent, grown / 1024);
        QCOMPARE(exchange.status, 413);
        QVERIFY(exchange.bodySent < 12 * 1024 * 1024);
        QVERIFY(grown < 16 * 1024 * 1024);
    }

    // Slow senders (a head that never ends) and idle connections are closed.
    void slowAndIdleConnectionsAreClosed()
    {
        McpServerLimits limits;
        limits.http.requestTimeoutMs = 300;
        limits.http.idleTimeoutMs = 300;
        auto server = mcpServer(limits);
        QTcpSocket slow, idle;
        slow.connectToHost(QHostAddress::LocalHost, server->port());
        idle.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(slow.waitForConnected(2000) && idle.waitForConnected(2000));
        slow.write("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        QSignalSpy slowClosed(&slow, &QTcpSocket::disconnected), idleClosed(&idle, &QTcpSocket::disconnected);
        QTRY_VERIFY_WITH_TIMEOUT(slowClosed.size() == 1 && idleClosed.size() == 1, 5000);
        QVERIFY(slow.readAll().startsWith("HTTP/1.1 408"));
        QCOMPARE(server->refusals().timedOut, quint64(2));
        QTRY_COMPARE_WITH_TIMEOUT(server->refusals().timedOut, quint64(2), 100);
    }

    // A well-formed request still works over the same connection twice (keep-alive), and
    // malformed heads are refused.
    void wellFormedRequestsStillPass()
    {
        auto server = mcpServer();
        const QByteArray body = QJsonDocument(rpc(1, QStringLiteral("ping"))).toJson(QJsonDocument::Compact);
        const QByteArray request = postHead("Authorization: Bearer " + kToken.toLatin1() +
                                            "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n") +
                                   body;
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(socket.waitForConnected(2000));
        socket.write(request + request); // pipelined
        QByteArray answers;
        QTRY_VERIFY_WITH_TIMEOUT((answers += socket.readAll()).count("HTTP/1.1 200 OK") == 2, 5000);
        QCOMPARE(answers.count("\"result\":{}"), 2);

        QCOMPARE(rawExchange(server->port(), "POST /mcp HTTP/1.1\r\nBad Header\r\n\r\n", 0).status, 400);
        QCOMPARE(rawExchange(server->port(), postHead("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n"), 0).status, 400);
        QCOMPARE(rawExchange(server->port(), "GET /mcp HTTP/1.1\r\n" + QByteArray(20000, 'a') + "\r\n\r\n", 0).status, 431);
    }

    // Item 16: "Bearer" in any case (RFC 6750 / RFC 9110 auth schemes are case-insensitive).
    void bearerSchemeIsCaseInsensitive()
    {
        auto server = mcpServer();
        for (const QByteArray scheme : {"Bearer ", "bearer ", "BEARER "})
            QCOMPARE(finish(post(server->port(), rpc(1, QStringLiteral("initialize")), scheme + kToken.toLatin1())).status, 200);
        QCOMPARE(finish(post(server->port(), rpc(1, QStringLiteral("initialize")), "Basic " + kToken.toLatin1())).status, 401);
        QCOMPARE(finish(post(server->port(), rpc(1, QStringLiteral("initialize")), "Bearer")).status, 401);
    }

    // Item 16: the token from a file or the environment; a generated one goes to a 0600 file.
    void tokenFromFileOrEnvironment()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("token"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kToken.toUtf8() + "\nsecond line ignored\n");
        file.close();
        QProcessEnvironment environment;
        QCOMPARE(resolveMcpToken({}, path, environment).value(), kToken);
        environment.insert(QStringLiteral("PITWALL_MCP_TOKEN"), QStringLiteral("environment-token-0123456789"));
        QCOMPARE(resolveMcpToken({}, {}, environment).value(), QStringLiteral("environment-token-0123456789"));
        QCOMPARE(resolveMcpToken({}, path, environment).value(), kToken); // the file before the environment
        QVERIFY(!resolveMcpToken({}, dir.filePath(QStringLiteral("missing")), environment));
        QVERIFY(!resolveMcpToken(QStringLiteral("short"), {}, environment));
        QVERIFY(resolveMcpToken({}, {}, QProcessEnvironment()).value().isEmpty()); // none given: a generated one

        const QString generated = McpServer::generateToken();
        const auto written = writeMcpTokenFile(generated, dir.filePath(QStringLiteral("run/mcp-token")));
        QVERIFY(written);
        struct stat info {};
        QCOMPARE(::stat(QFile::encodeName(written.value()).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));
        QFile readBack(written.value());
        QVERIFY(readBack.open(QIODevice::ReadOnly));
        QCOMPARE(readBack.readAll().trimmed(), generated.toUtf8());
        QVERIFY(!written.value().contains(generated));
    }

    // Item 12: sessions expire when idle and their number is capped (oldest evicted).
    void sessionsExpireAndAreCapped()
    {
        McpServerLimits limits;
        limits.maxSessions = 3;
        limits.sessionIdleMs = 5000; // long enough that a loaded machine evicts by count first
        auto server = mcpServer(limits);
        const auto ping = [&](const QByteArray &session) {
            return finish(post(server->port(), rpc(9, QStringLiteral("ping")), "Bearer " + kToken.toLatin1(), session)).status;
        };
        QList<QByteArray> sessions;
        const auto open = [&](int id) {
            sessions << finish(post(server->port(), rpc(id, QStringLiteral("initialize")), "Bearer " + kToken.toLatin1())).sessionId;
        };
        for (int i = 0; i < 3; ++i)
            open(i);
        QCOMPARE(ping(sessions[0]), 200); // now the most recently used, though the first opened
        open(3);
        open(4);
        // The least recently used go, in the order of use even within one millisecond.
        QCOMPARE(server->sessionCount(), 3);
        QCOMPARE(ping(sessions[1]), 404);
        QCOMPARE(ping(sessions[2]), 404);
        QCOMPARE(ping(sessions[0]), 200);
        QCOMPARE(ping(sessions[4]), 200);
        QTest::qWait(5500);
        QCOMPARE(ping(sessions[4]), 404);
        QCOMPARE(server->sessionCount(), 0);
        QCOMPARE(server->sessionsExpired(), quint64(5));
    }

    // Item 2: Origin checked like MCP, clients capped, big incoming messages close the client.
    void feedChecksOriginCapsClientsAndMessages()
    {
        FeedBacklogLimits limits;
        limits.maxClients = 2;
        limits.maxIncomingBytes = 4096;
        LiveFeedServer feed(std::make_shared<RaceContext>(), 10, limits);
        QVERIFY(feed.listen(0) > 0);
        const QUrl url(QStringLiteral("ws://127.0.0.1:%1/live").arg(feed.port()));

        QWebSocket evil(QStringLiteral("http://evil.example"));
        QSignalSpy evilError(&evil, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
        evil.open(url);
        QVERIFY(evilError.wait(5000));
        QVERIFY(evil.state() != QAbstractSocket::ConnectedState);
        QCOMPARE(feed.refusals().origin, quint64(1));

        QWebSocket first(QStringLiteral("http://localhost:3000")), second;
        QSignalSpy firstConnected(&first, &QWebSocket::connected), secondConnected(&second, &QWebSocket::connected);
        first.open(url);
        second.open(url);
        QVERIFY(firstConnected.wait(5000) || firstConnected.size() == 1);
        QTRY_COMPARE_WITH_TIMEOUT(secondConnected.size(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(feed.clientCount(), 2, 5000);
        QWebSocket third;
        QSignalSpy thirdError(&third, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
        third.open(url);
        QVERIFY(thirdError.wait(5000));
        QCOMPARE(feed.refusals().tooMany, quint64(1));

        // The feed only sends: a 1 MB message closes its sender, the other stays.
        QSignalSpy firstMessages(&first, &QWebSocket::textMessageReceived);
        QSignalSpy secondClosed(&second, &QWebSocket::disconnected);
        second.sendTextMessage(QString(1024 * 1024, QLatin1Char('x')));
        QVERIFY(secondClosed.wait(5000));
        QTRY_COMPARE_WITH_TIMEOUT(feed.refusals().tooLarge, quint64(1), 3000);
        QTRY_COMPARE_WITH_TIMEOUT(feed.clientCount(), 1, 3000);
        QVERIFY(firstMessages.wait(3000));
        QCOMPARE(first.state(), QAbstractSocket::ConnectedState);
        QVERIFY(feed.refusals().total() >= 3);
    }

    // Item 3: a slow embedder (a loopback server that never answers) does not stop MCP ping
    // nor the WebSocket feed: the search answers later, with its timeout.
    void slowEmbedderStopsNothing()
    {
        QTcpServer slowEmbedder;
        QVERIFY(slowEmbedder.listen(QHostAddress::LocalHost));
        QList<QTcpSocket *> held;
        connect(&slowEmbedder, &QTcpServer::newConnection, this, [&] {
            while (auto socket = slowEmbedder.nextPendingConnection())
                held << socket; // read, never answered
        });
        ai::AiSettings settings;
        settings.embedder = ai::EmbedderChoice::OpenAi;
        settings.openai.baseUrl = QStringLiteral("http://127.0.0.1:%1/v1").arg(slowEmbedder.serverPort());
        settings.openai.apiKey = QStringLiteral("test-key");
        auto started = AiServices::start(settings);
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto ai = started.value();
        auto context = std::make_shared<RaceContext>();
        McpServer server(std::make_shared<McpTools>(context, McpTools::commentarySearch(ai, context, 3000)), kToken);
        QVERIFY(server.listen(0) > 0);
        LiveFeedServer feed(context);
        QVERIFY(feed.listen(0) > 0);
        QWebSocket watcher;
        QSignalSpy updates(&watcher, &QWebSocket::textMessageReceived);
        watcher.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/live").arg(feed.port())));
        QVERIFY(updates.wait(5000));

        const QByteArray bearer = "Bearer " + kToken.toLatin1();
        QElapsedTimer clock;
        clock.start();
        QNetworkReply *search = post(server.port(),
                                     rpc(1, QStringLiteral("tools/call"),
                                         {{"name", "search_commentary"}, {"arguments", QJsonObject{{"query", "who pitted?"}}}}),
                                     bearer);
        QTRY_VERIFY_WITH_TIMEOUT(!held.isEmpty(), 3000); // the embedder has the question now
        const int updatesBefore = int(updates.size());
        QElapsedTimer pingClock;
        pingClock.start();
        const auto ping = finish(post(server.port(), rpc(2, QStringLiteral("ping")), bearer));
        const qint64 pingMs = pingClock.elapsed();
        QTest::qWait(1000);
        const int updatesDuring = int(updates.size()) - updatesBefore;
        qInfo("while the embedder is silent: ping %lld ms, %d feed updates in the next second", pingMs, updatesDuring);
        QCOMPARE(ping.status, 200);
        QVERIFY2(!search->isFinished(), "the search is still waiting on the embedder");
        QVERIFY2(pingMs < 1000, "ping must not wait for the embedder");
        QVERIFY2(updatesDuring >= 5, "the feed must keep publishing");

        const auto searched = finish(search, 10000);
        QCOMPARE(searched.status, 200);
        const auto result = searched.body.value("result").toObject();
        QVERIFY(result.value("isError").toBool());
        QVERIFY(result.value("content").toArray().first().toObject().value("text").toString().contains("longer than 3000 ms"));
        QVERIFY(clock.elapsed() >= 2500); // it waited for its timeout (a coarse timer may fire 5% early)
        qDeleteAll(held);
    }

    // Item 6: embedding calls go through the governor: its request budget holds back what is
    // over it, and what goes out is metered and costed.
    void embeddingsGoThroughTheGovernor()
    {
        int served = 0;
        BoundedHttpServer embeddings(
            [](const HttpRequest &) { return std::optional<HttpResponse>(); },
            [&served](const HttpRequest &request, BoundedHttpServer::Reply reply) {
                ++served;
                const QJsonValue input = QJsonDocument::fromJson(request.body).object().value("input");
                const qsizetype count = input.isArray() ? input.toArray().size() : 1;
                QJsonArray data;
                for (qsizetype i = 0; i < count; ++i)
                    data.append(QJsonObject{{"index", int(i)}, {"embedding", QJsonArray{0.1, 0.2, 0.3}}});
                reply({200, "application/json", QJsonDocument(QJsonObject{{"data", data}}).toJson(), {}});
            });
        const quint16 port = embeddings.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port > 0);
        ai::AiSettings settings;
        settings.embedder = ai::EmbedderChoice::OpenAi;
        settings.openai.baseUrl = QStringLiteral("http://127.0.0.1:%1/v1").arg(port);
        settings.openai.apiKey = QStringLiteral("test-key");
        settings.limits.requestsPerMinute = 5;
        auto started = AiServices::start(settings);
        QVERIFY(started);
        auto ai = started.value();
        std::atomic<int> embedded{0}, heldBack{0};
        for (int i = 0; i < 20; ++i) {
            AiServices *raw = ai.get();
            ai->post([raw, i, &embedded, &heldBack] {
                raw->embed({QStringLiteral("question %1 about the race").arg(i)},
                           [&embedded, &heldBack](Expected<std::vector<ai::Vector>, ai::LlmError> vectors) {
                               vectors ? ++embedded : ++heldBack;
                           });
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(embedded + heldBack, 20, 10000);
        const auto usage = ai->llmUsage();
        qInfo("20 embeddings asked with 5 requests a minute: %d served, %d held back, cost %.8f USD", served, int(heldBack), usage.costUsd);
        QCOMPARE(served, 5);
        QCOMPARE(int(embedded), 5);
        QCOMPARE(usage.embeddingCalls, quint64(5));
        QCOMPARE(usage.embeddingsRefused, quint64(15));
        QVERIFY(usage.embeddingTokens > 0);
        QVERIFY(usage.costUsd > 0);
        QCOMPARE(ai->summaryJson().value("embedding_calls").toInt(), 5);
    }

    // Item 6: the ask queue is bounded: questions past it are answered at once, not queued.
    void askQueueIsBounded()
    {
        QTcpServer silent; // an embedder that never answers: every question stays queued
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        QList<QTcpSocket *> held;
        connect(&silent, &QTcpServer::newConnection, this, [&] {
            while (auto socket = silent.nextPendingConnection())
                held << socket;
        });
        ai::AiSettings settings;
        settings.embedder = ai::EmbedderChoice::OpenAi;
        settings.openai.baseUrl = QStringLiteral("http://127.0.0.1:%1/v1").arg(silent.serverPort());
        settings.openai.apiKey = QStringLiteral("test-key");
        settings.limits.requestsPerMinute = 1000;
        auto ai = AiServices::start(settings).value();
        AskEmbedProcessor stage(ai);
        std::vector<StageOutput> out;
        const int asked = AiServices::kMaxQueuedQuestions + 36;
        for (int i = 0; i < asked; ++i) {
            const CommentaryQuery query{QStringLiteral("who leads? %1").arg(i), QStringLiteral("q%1").arg(i),
                                        QStringLiteral("race-doors")};
            QVERIFY(!stage.process(record(topics::kCommentaryQueries, codec::encode(query)), out));
        }
        QCOMPARE(int(out.size()), 36);
        QCOMPARE(ai->questionsRefused(), quint64(36));
        const auto refused = codec::decodeCommentaryQueryResult(out.front().value);
        QVERIFY(refused);
        QVERIFY(refused.value().error.contains(QStringLiteral("too many questions waiting")));
        qDeleteAll(held);
    }

    // Item 12: per-name maps keyed by what messages carry are bounded.
    void raceContextBoundsCarsAndPitStops()
    {
        RaceContext context;
        std::vector<KafkaRecord> batch;
        batch.push_back(record(topics::kDriverPositions, codec::encode(position(QStringLiteral("Lando Norris"), 1))));
        for (int i = 0; i < 500; ++i)
            batch.push_back(record(topics::kDriverPositions, codec::encode(position(QStringLiteral("Made Up %1").arg(i), i + 2))));
        for (int stop = 1; stop <= 60; ++stop) {
            RaceEvent event;
            event.raceId = QStringLiteral("race-doors");
            event.timestampMs = 2000 + stop;
            event.kind = QStringLiteral("pit_stop");
            event.lap = stop;
            event.driverName = QStringLiteral("Lando Norris");
            event.details = QJsonObject{{"stop", stop}};
            batch.push_back(record(topics::kRaceEvents, codec::encode(event)));
        }
        context.ingest(batch);
        QCOMPARE(context.leaderboard().size(), qsizetype(RaceContext::kMaxCars));
        QVERIFY(context.rejected() >= 500 - RaceContext::kMaxCars + 1);
        const auto norris = context.driver(QStringLiteral("Norris"));
        QVERIFY(norris);
        const auto stops = norris->value("pit_stop_details").toArray();
        QCOMPARE(stops.size(), qsizetype(RaceContext::kKeptPitStops));
        QCOMPARE(stops.last().toObject().value("stop").toInt(), 60);
    }

    void leaderboardFeedBoundsDrivers()
    {
        LeaderboardFeed feed(QStringLiteral("race-doors"));
        std::vector<KafkaRecord> batch;
        for (int i = 0; i < 300; ++i)
            batch.push_back(record(topics::kDriverPositions, codec::encode(position(QStringLiteral("Driver %1").arg(i), i + 1))));
        feed.ingest(batch);
        const auto standing = feed.takeIfChanged();
        QVERIFY(standing);
        QCOMPARE(standing->size(), qsizetype(LeaderboardFeed::kMaxDrivers));
        QVERIFY(std::any_of(standing->cbegin(), standing->cend(),
                            [](const auto &u) { return u.driverName == QStringLiteral("Driver 0"); }));
        QCOMPARE(feed.counts().rejected, quint64(300 - LeaderboardFeed::kMaxDrivers));
    }

    void keyedStreamsEvictTheLeastRecentlyUsed()
    {
        ml::KeyedStreams streams(ml::ArimaConfig{}, 4);
        for (int i = 0; i < 10; ++i) {
            streams[QStringLiteral("team-a")]; // kept in use: never the least recent
            streams[QStringLiteral("made-up-%1").arg(i)];
        }
        QCOMPARE(streams.size(), 4);
        QCOMPARE(streams.evicted(), quint64(7));
        ml::KeyedStreams defaults(ml::ArimaConfig{});
        for (int i = 0; i < 5000; ++i)
            defaults[QStringLiteral("key-%1").arg(i)];
        QCOMPARE(defaults.size(), ml::KeyedStreams::kDefaultMaxKeys);
    }
};

QTEST_MAIN(TestLiveDoors)
#include "tst_livedoors.moc"
