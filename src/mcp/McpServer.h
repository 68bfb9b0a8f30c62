#pragma once
// An MCP server (Model Context Protocol, Streamable HTTP transport) at /mcp on loopback:
// JSON-RPC 2.0 over POST, initialize / tools/list / tools/call / ping, protected by a
// bearer token. Off unless enabled (--mcp-port, or the setting). The token, the Origin and
// the body's size are checked on the request's head, before its body is read (the HTTP
// front is bounded: see BoundedHttpServer); a tool that waits (the commentary search)
// answers later, so the thread this server runs on never waits on the network.

#include "net/BoundedHttpServer.h"
#include "McpTools.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <functional>
#include <memory>

namespace pitwall {

struct McpServerLimits {
    HttpLimits http;
    int maxSessions = 256;                 // past it, the least recently used session ends
    qint64 sessionIdleMs = 30 * 60 * 1000; // a session unused this long ends
};

class McpServer : public QObject {
    Q_OBJECT
public:
    static const QStringList &supportedProtocolVersions(); // newest first

    McpServer(std::shared_ptr<McpTools> tools, QString token, QObject *parent = nullptr);
    McpServer(std::shared_ptr<McpTools> tools, QString token, McpServerLimits limits, QObject *parent = nullptr);
    ~McpServer() override;

    // Loopback by default; returns the port (0 on failure: in use, not allowed).
    quint16 listen(quint16 port, const QHostAddress &address = QHostAddress::LocalHost);
    quint16 port() const { return m_port; }
    // Calls from now on use these tools (a search already asked finishes with the old ones).
    void setTools(std::shared_ptr<McpTools> tools) { m_tools = std::move(tools); }

    // One JSON-RPC message in, its response out (empty for a notification): the protocol
    // without the transport, for the tests. `sessionId` is set by initialize. Blocks while
    // a tool waits (the search): the HTTP side uses the asynchronous form.
    QJsonObject handleMessage(const QJsonValue &message, QString *sessionId = nullptr);
    // The same, answering through `done` on this object's thread, now or when the tool has answered.
    using Answer = std::function<void(const QJsonObject &response, const QString &sessionId)>;
    void handleMessage(const QJsonValue &message, Answer done);

    // Sessions open now (each ends on DELETE, after sessionIdleMs unused, or when the cap evicts it).
    int sessionCount() const { return int(m_sessions.size()); }
    quint64 sessionsExpired() const { return m_sessionsExpired; }
    const HttpRefusals &refusals() const;

    // A random token for headless runs that were given none.
    static QString generateToken();

private:
    std::optional<HttpResponse> gate(const HttpRequest &head);
    void handle(const HttpRequest &request, BoundedHttpServer::Reply reply);
    void respond(const QJsonValue &message, Answer done, bool blockingTools);
    QString openSession();
    bool touchSession(const QString &id); // false: unknown or expired (then forgotten)
    void expireSessions();

    std::shared_ptr<McpTools> m_tools;
    QString m_token;
    McpServerLimits m_limits;
    std::unique_ptr<BoundedHttpServer> m_http;
    quint16 m_port = 0;
    struct SessionUse {
        qint64 lastUsedMs = 0; // m_clock, for the idle expiry
        quint64 order = 0;     // the use's place in sequence: LRU even within one millisecond
    };
    QHash<QString, SessionUse> m_sessions;
    quint64 m_sessionUses = 0;
    QElapsedTimer m_clock;
    quint64 m_sessionsExpired = 0;
    // Answers from other threads come back through this; it outlives a deleted server's
    // pending answers so they find nothing instead of a dead object.
    std::shared_ptr<QObject> m_mailbox;
};

} // namespace pitwall
