#pragma once
// The live race over WebSocket, for overlays and other apps (off by default, --ws-port):
// ws://127.0.0.1:PORT/live streams JSON updates ten times a second — the leaderboard and
// what is new in the commentary, anomalies and race events — and GET /overlay serves an
// example overlay page. A client that does not keep up gets fewer, coalesced updates
// (its backlog is bounded), and one that stays behind is dropped: the race never waits for it.

#include "context/RaceContext.h"

#include <QHostAddress>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <memory>
#include <vector>

class QHttpServer;
class QWebSocket;

namespace pitwall {

// How far behind (bytes not yet written to its socket) a feed client may fall.
struct FeedBacklogLimits {
    qint64 skipAboveBytes = 256 * 1024; // this far behind, it misses updates (they coalesce)
    qint64 dropAfterMs = 10'000;        // behind that long without a break, it is closed
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

private:
    struct Client {
        std::unique_ptr<QWebSocket> socket;
        RaceContext::Cursors seen; // what it has been sent
        qint64 behindSinceMs = -1;  // when it started missing updates; -1: keeping up
    };
    void accept();
    void publish();

    std::shared_ptr<RaceContext> m_context;
    FeedBacklogLimits m_limits;
    std::unique_ptr<QHttpServer> m_http;
    std::vector<std::unique_ptr<Client>> m_clients;
    QTimer m_timer;
    QElapsedTimer m_clock;
    quint16 m_port = 0;
    quint64 m_sent = 0, m_skipped = 0, m_dropped = 0;
};

} // namespace pitwall
