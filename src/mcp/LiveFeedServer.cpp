#include "LiveFeedServer.h"

#include "context/RaceContext.h"

#include <QFile>
#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QWebSocket>

#include <sys/socket.h>

namespace pitwall {

namespace {

constexpr int kKernelSendBufferBytes = 64 * 1024;

QByteArray overlayPage()
{
    QFile file(QStringLiteral(":/overlay/overlay.html"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

LiveFeedServer::LiveFeedServer(std::shared_ptr<RaceContext> context, int updatesPerSecond, FeedBacklogLimits limits, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_limits(limits)
    , m_http(std::make_unique<QHttpServer>())
{
    for (const char *path : {"/", "/overlay"}) {
        m_http->route(QString::fromLatin1(path), QHttpServerRequest::Method::Get, [] {
            return QHttpServerResponse(QByteArrayLiteral("text/html; charset=utf-8"), overlayPage());
        });
    }
    // Qt upgrades a request to WebSocket only when a route takes it: this one answers a
    // plain GET with 426 and leaves an upgrade alone (the WebSocket server completes it).
    m_http->route(QStringLiteral("/live"), QHttpServerRequest::Method::Get,
                  [](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                      if (request.value("Upgrade").compare("websocket", Qt::CaseInsensitive) != 0)
                          responder.write(QHttpServerResponder::StatusCode::UpgradeRequired);
                  });
    connect(m_http.get(), &QHttpServer::newWebSocketConnection, this, &LiveFeedServer::accept);
    m_timer.setInterval(1000 / std::clamp(updatesPerSecond, 1, 60));
    connect(&m_timer, &QTimer::timeout, this, &LiveFeedServer::publish);
}

LiveFeedServer::~LiveFeedServer()
{
    // Closing sockets emit disconnected(): not into a half-destroyed server.
    for (auto &client : m_clients)
        if (client->socket)
            client->socket->disconnect(this);
    m_clients.clear();
}

quint16 LiveFeedServer::listen(quint16 port, const QHostAddress &address)
{
    m_port = m_http->listen(address, port);
    if (!m_port)
        return 0;
    // A small kernel send buffer per client, so one that falls behind shows in
    // bytesToWrite() within a few updates rather than after megabytes of stale ones
    // (Linux lets a socket buffer up to 4 MB). Accepted sockets inherit it from the
    // listening socket.
    int sendBuffer = kKernelSendBufferBytes;
    if (const auto servers = m_http->servers(); !servers.isEmpty())
        ::setsockopt(int(servers.last()->socketDescriptor()), SOL_SOCKET, SO_SNDBUF, &sendBuffer, sizeof sendBuffer);
    m_clock.start();
    m_timer.start();
    return m_port;
}

void LiveFeedServer::accept()
{
    while (m_http->hasPendingWebSocketConnections()) {
        auto socket = m_http->nextPendingWebSocketConnection();
        if (!socket)
            continue;
        if (socket->requestUrl().path() != QLatin1String("/live")) {
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("the feed is at /live"));
            continue;
        }
        auto client = std::make_unique<Client>();
        client->socket = std::move(socket);
        QWebSocket *raw = client->socket.get();
        connect(raw, &QWebSocket::disconnected, this, [this, raw] {
            for (auto &c : m_clients)
                if (c && c->socket.get() == raw)
                    c->socket.release()->deleteLater(); // its own signal is still on the stack
            std::erase_if(m_clients, [](const auto &c) { return !c->socket; });
        });
        m_clients.push_back(std::move(client));
    }
}

void LiveFeedServer::publish()
{
    if (m_clients.empty())
        return;
    const QJsonArray leaderboard = m_context->leaderboard();
    const QString raceId = m_context->raceId();
    std::vector<QWebSocket *> tooSlow;
    for (auto &client : m_clients) {
        QWebSocket *socket = client->socket.get();
        if (!socket)
            continue;
        if (socket->bytesToWrite() > m_limits.skipAboveBytes) {
            if (client->behindSinceMs < 0)
                client->behindSinceMs = m_clock.elapsed();
            if (m_clock.elapsed() - client->behindSinceMs > m_limits.dropAfterMs) {
                tooSlow.push_back(socket);
                continue;
            }
            ++m_skipped; // what it missed comes with its next update (its cursors did not move)
            continue;
        }
        client->behindSinceMs = -1;
        // What this client has not had yet (a client that missed updates gets them now).
        QJsonObject update = m_context->newSince(client->seen, 100);
        update.insert(QStringLiteral("type"), QStringLiteral("update"));
        update.insert(QStringLiteral("race_id"), raceId);
        update.insert(QStringLiteral("leaderboard"), leaderboard);
        socket->sendTextMessage(QString::fromUtf8(QJsonDocument(update).toJson(QJsonDocument::Compact)));
        ++m_sent;
    }
    // Closed after the loop: a closing socket's disconnected() removes it from m_clients.
    for (QWebSocket *socket : tooSlow) {
        ++m_dropped;
        socket->abort();
    }
}

} // namespace pitwall
