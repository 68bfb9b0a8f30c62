#include "McpServer.h"

#include <QCryptographicHash>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUrl>
#include <QUuid>

namespace pitwall {

namespace {

constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;

QJsonObject rpcError(const QJsonValue &id, int code, const QString &message)
{
    return {{"jsonrpc", "2.0"}, {"id", id}, {"error", QJsonObject{{"code", code}, {"message", message}}}};
}

QJsonObject rpcResult(const QJsonValue &id, const QJsonObject &result)
{
    return {{"jsonrpc", "2.0"}, {"id", id}, {"result", result}};
}

QHttpServerResponse jsonResponse(const QJsonObject &body, QHttpServerResponder::StatusCode status = QHttpServerResponder::StatusCode::Ok)
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"), QJsonDocument(body).toJson(QJsonDocument::Compact), status);
}

// Compares without leaking, through timing, how much of the token was right.
bool sameSecret(const QByteArray &given, const QByteArray &expected)
{
    const QByteArray a = QCryptographicHash::hash(given, QCryptographicHash::Sha256);
    const QByteArray b = QCryptographicHash::hash(expected, QCryptographicHash::Sha256);
    unsigned char difference = 0;
    for (int i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

} // namespace

const QStringList &McpServer::supportedProtocolVersions()
{
    static const QStringList versions{QStringLiteral("2025-06-18"), QStringLiteral("2025-03-26"), QStringLiteral("2024-11-05")};
    return versions;
}

McpServer::McpServer(std::shared_ptr<McpTools> tools, QString token, QObject *parent)
    : QObject(parent)
    , m_tools(std::move(tools))
    , m_token(std::move(token))
    , m_http(std::make_unique<QHttpServer>())
{
    m_http->route(QStringLiteral("/mcp"), QHttpServerRequest::Method::Post,
                  [this](const QHttpServerRequest &request) { return handlePost(request); });
    m_http->route(QStringLiteral("/mcp"), QHttpServerRequest::Method::Delete, [this](const QHttpServerRequest &request) {
        if (auto refused = refuse(request, true))
            return std::move(*refused);
        m_sessions.remove(QString::fromLatin1(request.value("Mcp-Session-Id")));
        return QHttpServerResponse(QHttpServerResponder::StatusCode::NoContent);
    });
    // No server-initiated stream is offered: GET answers 405, as the transport allows.
    m_http->route(QStringLiteral("/mcp"), QHttpServerRequest::Method::Get, [](const QHttpServerRequest &) {
        return QHttpServerResponse(QHttpServerResponder::StatusCode::MethodNotAllowed);
    });
}

McpServer::~McpServer() = default;

quint16 McpServer::listen(quint16 port, const QHostAddress &address)
{
    m_port = m_http->listen(address, port);
    return m_port;
}

QString McpServer::generateToken()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<QHttpServerResponse> McpServer::refuse(const QHttpServerRequest &request, bool needSession)
{
    // A web page may not reach a local server through the browser (DNS rebinding).
    const QByteArray origin = request.value("Origin");
    if (!origin.isEmpty()) {
        const QString host = QUrl(QString::fromLatin1(origin)).host();
        if (host != QLatin1String("localhost") && host != QLatin1String("127.0.0.1") && host != QLatin1String("::1"))
            return jsonResponse(rpcError(QJsonValue(), kInvalidRequest, QStringLiteral("origin not allowed")),
                                QHttpServerResponder::StatusCode::Forbidden);
    }
    const QByteArray authorization = request.value("Authorization");
    if (!authorization.startsWith("Bearer ") || !sameSecret(authorization.mid(7).trimmed(), m_token.toUtf8())) {
        QHttpServerResponse response = jsonResponse(rpcError(QJsonValue(), kInvalidRequest, QStringLiteral("missing or wrong bearer token")),
                                                    QHttpServerResponder::StatusCode::Unauthorized);
        response.addHeader(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer"));
        return response;
    }
    const QByteArray version = request.value("MCP-Protocol-Version");
    if (!version.isEmpty() && !supportedProtocolVersions().contains(QString::fromLatin1(version)))
        return jsonResponse(rpcError(QJsonValue(), kInvalidRequest, QStringLiteral("unsupported MCP-Protocol-Version %1").arg(QString::fromLatin1(version))),
                            QHttpServerResponder::StatusCode::BadRequest);
    const QByteArray session = request.value("Mcp-Session-Id");
    if (!session.isEmpty() && !m_sessions.contains(QString::fromLatin1(session)))
        return jsonResponse(rpcError(QJsonValue(), kInvalidRequest, QStringLiteral("unknown or ended session")),
                            QHttpServerResponder::StatusCode::NotFound);
    if (needSession && session.isEmpty())
        return jsonResponse(rpcError(QJsonValue(), kInvalidRequest, QStringLiteral("Mcp-Session-Id required")),
                            QHttpServerResponder::StatusCode::BadRequest);
    return std::nullopt;
}

QHttpServerResponse McpServer::handlePost(const QHttpServerRequest &request)
{
    if (auto refused = refuse(request, false))
        return std::move(*refused);
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(request.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return jsonResponse(rpcError(QJsonValue(), kParseError, QStringLiteral("not JSON: %1").arg(parseError.errorString())),
                            QHttpServerResponder::StatusCode::BadRequest);
    QString sessionId;
    const QJsonObject response = handleMessage(document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array()), &sessionId);
    if (response.isEmpty()) // a notification or a client's response: accepted, nothing to say
        return QHttpServerResponse(QHttpServerResponder::StatusCode::Accepted);
    QHttpServerResponse http = jsonResponse(response);
    if (!sessionId.isEmpty())
        http.addHeader(QByteArrayLiteral("Mcp-Session-Id"), sessionId.toLatin1());
    return http;
}

QJsonObject McpServer::handleMessage(const QJsonValue &message, QString *sessionId)
{
    if (message.isArray())
        return rpcError(QJsonValue(), kInvalidRequest, QStringLiteral("batches are not supported"));
    const QJsonObject object = message.toObject();
    const QJsonValue id = object.value(QLatin1String("id"));
    const bool hasId = object.contains(QLatin1String("id"));
    if (object.value(QLatin1String("jsonrpc")).toString() != QLatin1String("2.0") ||
        (hasId && !id.isString() && !id.isDouble()))
        return rpcError(hasId && (id.isString() || id.isDouble()) ? id : QJsonValue(), kInvalidRequest,
                        QStringLiteral("not a JSON-RPC 2.0 request"));
    if (!object.contains(QLatin1String("method"))) // a response to us, or nothing useful
        return object.contains(QLatin1String("result")) || object.contains(QLatin1String("error"))
                   ? QJsonObject()
                   : rpcError(id, kInvalidRequest, QStringLiteral("no method"));
    const QString method = object.value(QLatin1String("method")).toString();
    const QJsonObject params = object.value(QLatin1String("params")).toObject();
    if (!hasId) // notifications (notifications/initialized, cancelled): nothing to answer
        return {};

    if (method == QLatin1String("initialize")) {
        const QString requested = params.value(QLatin1String("protocolVersion")).toString();
        const QString version = supportedProtocolVersions().contains(requested) ? requested : supportedProtocolVersions().first();
        const QString session = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_sessions.insert(session);
        if (sessionId)
            *sessionId = session;
        return rpcResult(id, {{"protocolVersion", version},
                              {"capabilities", QJsonObject{{"tools", QJsonObject{{"listChanged", false}}}}},
                              {"serverInfo", QJsonObject{{"name", "pitwall"}, {"title", "Pit Wall live race"},
                                                         {"version", QStringLiteral(PITWALL_VERSION)}}},
                              {"instructions", "Live Formula 1 race data from Pit Wall: leaderboard, drivers, gaps, anomalies, "
                                               "race events and a search over the commentary."}});
    }
    if (method == QLatin1String("ping"))
        return rpcResult(id, {});
    if (method == QLatin1String("tools/list"))
        return rpcResult(id, {{"tools", m_tools->definitions()}});
    if (method == QLatin1String("tools/call")) {
        const QJsonValue name = params.value(QLatin1String("name"));
        const QJsonValue arguments = params.value(QLatin1String("arguments"));
        if (!name.isString())
            return rpcError(id, kInvalidParams, QStringLiteral("params.name must be the tool's name"));
        if (!arguments.isUndefined() && !arguments.isNull() && !arguments.isObject())
            return rpcError(id, kInvalidParams, QStringLiteral("params.arguments must be an object"));
        const auto result = m_tools->call(name.toString(), arguments.toObject());
        if (!result) {
            const auto &failure = result.error();
            if (failure.kind != McpTools::Failure::Kind::ToolError)
                return rpcError(id, kInvalidParams, failure.message);
            // A tool that ran and failed: a result the model can read, marked as an error.
            return rpcResult(id, {{"content", QJsonArray{QJsonObject{{"type", "text"}, {"text", failure.message}}}}, {"isError", true}});
        }
        const QString text = QString::fromUtf8(QJsonDocument(result.value()).toJson(QJsonDocument::Compact));
        return rpcResult(id, {{"content", QJsonArray{QJsonObject{{"type", "text"}, {"text", text}}}},
                              {"structuredContent", result.value()},
                              {"isError", false}});
    }
    return rpcError(id, kMethodNotFound, QStringLiteral("method '%1' not found").arg(method));
}

} // namespace pitwall
