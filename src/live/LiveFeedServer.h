#pragma once
// The live race over WebSocket, for overlays and other apps (off by default, --ws-port):
// ws://127.0.0.1:PORT/live streams JSON updates ten times a second — the leaderboard and
// what is new in the commentary, anomalies and race events — and GET /overlay serves an
// example overlay page. A client that does not keep up gets fewer, coalesced updates
// (its backlog is bounded), and one that stays behind is dropped: the race never waits for it.
// Its doors are bounded like the MCP server's: a web page from another site may not connect
// (Origin), the clients are capped, and anything a client sends past a small size closes it
// (the feed only sends); each refusal is counted.

#include "net/BoundedHttpServer.h"
#include "context/RaceContext.h"

#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QTcpSocket>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <memory>
#include <vector>

class QWebSocket;
class QWebSocketServer;

namespace pitwall {

// How far behind (bytes not yet written to its socket) a feed client may fall.
struct FeedBacklogLimits {
    qint64 skipAboveBytes = 256 * 1024; // this far behind, it misses updates (they coalesce)
    qint64 dropAfterMs = 10'000;        // behind that long without a break, it is closed
    int maxClients = 32;                // more are refused (503)
    quint64 maxIncomingBytes = 4096;    // a client's message (or frame) past this closes it
};

// Why clients were refused or closed (the status the server reports).
struct FeedRefusals {
    quint64 origin = 0;   // a web page from another site
    quint64 tooMany = 0;  // over maxClients
    quint64 tooLarge = 0; // sent more than maxIncomingBytes at once
    quint64 http = 0;     // malformed, oversized or slow HTTP
    quint64 total() const { return origin + tooMany + tooLarge + http; }
};

class LiveFeedServer : public QObject {
    Q_OBJECT
public:
    explicit LiveFeedServer(std::shared_ptr<RaceContext> context, int updatesPerSecond = 10, FeedBacklogLimits limits = {},
                            QObject *parent = nullptr);
    ~LiveFeedServer() override;

    quint16 listen(quint16 port, const QHostAddress &address = QHostAddress::LocalHost);
    quint16 port() const { return m_port; }
    int clientCount() const { return int(m_clients.size()); }
    quint64 updatesSent() const { return m_sent; }
    quint64 updatesSkipped() const { return m_skipped; }
    quint64 clientsDropped() const { return m_dropped; }
    FeedRefusals refusals() const;

private:
    struct Client {
        std::unique_ptr<QWebSocket> socket;
        RaceContext::Cursors seen; // what it has been sent
        qint64 behindSinceMs = -1; // when it started missing updates; -1: keeping up
    };
    std::optional<HttpResponse> gate(const HttpRequest &head);
    void accept();
    void publish();

    std::shared_ptr<RaceContext> m_context;
    FeedBacklogLimits m_limits;
    std::unique_ptr<BoundedHttpServer> m_http;
    std::unique_ptr<QWebSocketServer> m_websockets;
    QHash<quint16, QPointer<QTcpSocket>> m_handshakes; // peer port -> handed to the WebSocket server, not yet accepted
    FeedRefusals m_refusals;
    std::vector<std::unique_ptr<Client>> m_clients;
    QTimer m_timer;
    QElapsedTimer m_clock;
    quint16 m_port = 0;
    quint64 m_sent = 0, m_skipped = 0, m_dropped = 0;
};

} // namespace pitwall
