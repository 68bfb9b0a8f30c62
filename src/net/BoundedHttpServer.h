#pragma once
// A small HTTP/1.1 server whose every door is bounded before anything is buffered: the
// request head is read with limits (its size, its header count), a gate decides on the head
// alone (who sends it, from where, how big its body says it is) before one byte of the body
// is read, a declared Content-Length over the limit is refused at once, a chunked body is cut
// off when it passes the limit, and idle or slow connections are closed after a timeout.
// Qt 6.4's QHttpServer reads whole bodies before any handler sees the request, so the MCP
// server stands on this instead. Answers may come later (the handler gets a reply function).

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>

class QTcpServer;
class QTcpSocket;

namespace pitwall {

struct HttpLimits {
    int maxHeadBytes = 16 * 1024; // request line and headers together
    int maxHeaders = 64;
    qint64 maxBodyBytes = 1024 * 1024; // declared or chunked
    int requestTimeoutMs = 10'000;     // from a request's first byte to its last
    int idleTimeoutMs = 30'000;        // a kept-alive connection with nothing to say
    int maxConnections = 64;
};

struct HttpRequest {
    QByteArray method;
    QByteArray path;    // without the query
    QByteArray version; // "HTTP/1.1"
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    // The first header of that name (case-insensitive), or empty.
    QByteArray value(QByteArrayView name) const;
};

struct HttpResponse {
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
};

// What the server refused and why, for the status and the tests.
struct HttpRefusals {
    quint64 byGate = 0;    // the gate said no on the head (token, origin, ...)
    quint64 tooLarge = 0;  // a body over the limit (declared or chunked)
    quint64 malformed = 0; // not HTTP, a head over its limits, a bad chunk
    quint64 timedOut = 0;  // idle or slow connections closed
    quint64 tooManyConnections = 0;
};

// The Origin rule of the live servers: none (not a browser: browsers send it on every
// cross-site request) or a page of this machine's (DNS rebinding and other sites refused).
bool isLocalOrigin(const QByteArray &origin);

class BoundedHttpServer : public QObject {
    Q_OBJECT
public:
    // Called on the head (body still unread): a response refuses the request, nothing lets it in.
    using Gate = std::function<std::optional<HttpResponse>(const HttpRequest &head)>;
    // The whole request; `reply` answers it, now or later, on this server's thread, once.
    using Reply = std::function<void(HttpResponse)>;
    using Handler = std::function<void(const HttpRequest &request, Reply reply)>;

    // An upgrade request (WebSocket) the gate let through: its socket, the head still unread
    // in it, is the callee's from now on.
    using Upgrade = std::function<void(const HttpRequest &head, QTcpSocket *socket)>;

    BoundedHttpServer(Gate gate, Handler handler, HttpLimits limits = {}, QObject *parent = nullptr);
    ~BoundedHttpServer() override;
    void setUpgradeHandler(Upgrade upgrade) { m_upgrade = std::move(upgrade); }
    QTcpServer *tcpServer() const { return m_server.get(); }

    quint16 listen(const QHostAddress &address, quint16 port);
    const HttpRefusals &refusals() const { return m_refusals; }
    int connectionCount() const { return int(m_connections.size()); }
    const HttpLimits &limits() const { return m_limits; }

    // The bytes of a response on the wire (exposed for the tests).
    static QByteArray serialise(const HttpResponse &response, bool close);

private:
    class Connection;
    friend class Connection;
    void accept();
    void forget(quint64 id);

    Gate m_gate;
    Handler m_handler;
    Upgrade m_upgrade;
    HttpLimits m_limits;
    std::unique_ptr<QTcpServer> m_server;
    std::unordered_map<quint64, Connection *> m_connections;
    quint64 m_nextId = 1;
    HttpRefusals m_refusals;
};

} // namespace pitwall
