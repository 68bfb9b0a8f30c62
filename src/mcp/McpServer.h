#pragma once
// An MCP server (Model Context Protocol, Streamable HTTP transport) at /mcp on loopback:
// JSON-RPC 2.0 over POST, initialize / tools/list / tools/call / ping, protected by a
// bearer token. Off unless enabled (--mcp-port, or the setting).

#include "McpTools.h"

#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponse;

namespace pitwall {

class McpServer : public QObject {
    Q_OBJECT
public:
    static const QStringList &supportedProtocolVersions(); // newest first

    McpServer(std::shared_ptr<McpTools> tools, QString token, QObject *parent = nullptr);
    ~McpServer() override;

    // Loopback by default; returns the port (0 on failure: in use, not allowed).
    quint16 listen(quint16 port, const QHostAddress &address = QHostAddress::LocalHost);
    quint16 port() const { return m_port; }

    // One JSON-RPC message in, its response out (empty for a notification): the protocol
    // without the transport, for the tests. `sessionId` is set by initialize.
    QJsonObject handleMessage(const QJsonValue &message, QString *sessionId = nullptr);

    // A random token for headless runs that were given none.
    static QString generateToken();

private:
    QHttpServerResponse handlePost(const QHttpServerRequest &request);
    std::optional<QHttpServerResponse> refuse(const QHttpServerRequest &request, bool needSession);

    std::shared_ptr<McpTools> m_tools;
    QString m_token;
    std::unique_ptr<QHttpServer> m_http;
    quint16 m_port = 0;
    QSet<QString> m_sessions;
};

} // namespace pitwall
