#include "LiveFeedServer.h"

#include "context/RaceContext.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketServer>

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
    , m_http(
          std::make_unique<BoundedHttpServer>([this](const HttpRequest &head) { return gate(head); },
                                              [](const HttpRequest &, BoundedHttpServer::Reply reply) {
                                                  reply({200, QByteArrayLiteral("text/html; charset=utf-8"), overlayPage(), {}});
                                              }))
    , m_websockets(std::make_unique<QWebSocketServer>(QStringLiteral("pitwall"), QWebSocketServer::NonSecureMode))
{
    // The gate let this upgrade through (path, Origin, room): the WebSocket server does the handshake.
    m_http->setUpgradeHandler([this](const HttpRequest &, QTcpSocket *socket) {
        m_handshakes.insert(socket->peerPort(), socket); // until accepted, or gone (a failed handshake)
        m_websockets->handleConnection(socket);
        Q_EMIT socket->readyRead(); // its handshake is already waiting in it
    });
    connect(m_websockets.get(), &QWebSocketServer::newConnection, this, &LiveFeedServer::accept);
    m_timer.setInterval(1000 / std::clamp(updatesPerSecond, 1, 60));
    connect(&m_timer, &QTimer::timeout, this, &LiveFeedServer::publish);
}

std::optional<HttpResponse> LiveFeedServer::gate(const HttpRequest &head)
{
    const bool upgrade = head.value("Upgrade").compare("websocket", Qt::CaseInsensitive) == 0;
    if (head.method != "GET")
        return HttpResponse{405, {}, {}, {{"Allow", "GET"}}};
    if (head.path == "/" || head.path == "/overlay")
        return upgrade ? std::optional(HttpResponse{404, {}, {}, {}}) : std::nullopt;
    if (head.path != "/live")
        return HttpResponse{404, {}, {}, {}};
    if (!upgrade)
        return HttpResponse{426, {}, {}, {{"Upgrade", "websocket"}}};
    if (!isLocalOrigin(head.value("Origin"))) {
        ++m_refusals.origin;
        return HttpResponse{403, QByteArrayLiteral("text/plain"), QByteArrayLiteral("origin not allowed\n"), {}};
    }
    m_handshakes.removeIf([](const auto &handshake) { return handshake.value().isNull(); });
    if (clientCount() + int(m_handshakes.size()) >= m_limits.maxClients) {
        ++m_refusals.tooMany;
        return HttpResponse{503,
                            QByteArrayLiteral("text/plain"),
                            QByteArrayLiteral("the live feed has its %1 clients").replace("%1", QByteArray::number(m_limits.maxClients)) + '\n',
                            {}};
    }
    return std::nullopt;
}

FeedRefusals LiveFeedServer::refusals() const
{
    FeedRefusals refusals = m_refusals;
    const auto &http = m_http->refusals();
    refusals.http = http.malformed + http.tooLarge + http.timedOut + http.tooManyConnections;
    return refusals;
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
    ::setsockopt(int(m_http->tcpServer()->socketDescriptor()), SOL_SOCKET, SO_SNDBUF, &sendBuffer, sizeof sendBuffer);
    m_clock.start();
    m_timer.start();
    return m_port;
}

void LiveFeedServer::accept()
{
    while (m_websockets->hasPendingConnections()) {
        auto client = std::make_unique<Client>();
        client->socket.reset(m_websockets->nextPendingConnection());
        QWebSocket *raw = client->socket.get();
        if (!raw)
            continue;
        // The feed only sends: a client saying more than a few bytes at once is closed, its
        // frame refused from its header, never buffered.
        raw->setMaxAllowedIncomingFrameSize(m_limits.maxIncomingBytes);
        raw->setMaxAllowedIncomingMessageSize(m_limits.maxIncomingBytes);
        m_handshakes.remove(raw->peerPort());
        connect(raw, &QWebSocket::disconnected, this, [this, raw] {
            if (raw->closeCode() == QWebSocketProtocol::CloseCodeTooMuchData)
                ++m_refusals.tooLarge;
        });
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
