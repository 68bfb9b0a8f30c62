#include "McpServer.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QPointer>
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

HttpResponse jsonResponse(const QJsonObject &body, int status = 200)
{
    return {status, QByteArrayLiteral("application/json"), QJsonDocument(body).toJson(QJsonDocument::Compact), {}};
}

// "Bearer <token>", the scheme in any case (RFC 6750 §2.1, RFC 9110 §11.1).
QByteArray bearerToken(const QByteArray &authorization)
{
    const QByteArray scheme = authorization.left(7);
    if (scheme.size() != 7 || scheme.left(6).compare("Bearer", Qt::CaseInsensitive) != 0 || scheme[6] != ' ')
        return {};
    return authorization.mid(7).trimmed();
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
    : McpServer(std::move(tools), std::move(token), McpServerLimits{}, parent)
{
}

McpServer::McpServer(std::shared_ptr<McpTools> tools, QString token, McpServerLimits limits, QObject *parent)
    : QObject(parent)
    , m_tools(std::move(tools))
    , m_token(std::move(token))
    , m_limits(limits)
    , m_http(std::make_unique<BoundedHttpServer>([this](const HttpRequest &head) { return gate(head); },
                                                 [this](const HttpRequest &request, BoundedHttpServer::Reply reply) {
                                                     handle(request, std::move(reply));
                                                 },
                                                 limits.http))
    , m_mailbox(new QObject, [](QObject *mailbox) { mailbox->deleteLater(); })
{
    m_clock.start();
}

McpServer::~McpServer() = default;

quint16 McpServer::listen(quint16 port, const QHostAddress &address)
{
    m_port = m_http->listen(address, port);
    return m_port;
}

const HttpRefusals &McpServer::refusals() const
{
    return m_http->refusals();
}

QString McpServer::generateToken()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// Everything decided on the head, before the body is read.
std::optional<HttpResponse> McpServer::gate(const HttpRequest &head)
{
    if (head.path != "/mcp")
        return HttpResponse{404, {}, {}, {}};
    // No server-initiated stream is offered: GET answers 405, as the transport allows.
    if (head.method == "GET")
        return HttpResponse{405, {}, {}, {{"Allow", "POST, DELETE"}}};
    if (head.method != "POST" && head.method != "DELETE")
        return HttpResponse{405, {}, {}, {{"Allow", "POST, DELETE"}}};
    // A web page may not reach a local server through the browser (DNS rebinding).
    if (!isLocalOrigin(head.value("Origin")))
        return jsonResponse(rpcError(QJsonValue(), kInvalidRequest, QStringLiteral("origin not allowed")), 403);
    if (!sameSecret(bearerToken(head.value("Authorization")), m_token.toUtf8()) || m_token.isEmpty()) {
        HttpResponse response = jsonResponse(rpcError(QJsonValue(), kInvalidRequest, QStringLiteral("missing or wrong bearer token")), 401);
        response.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
        return response;
    }
    const QByteArray version = head.value("MCP-Protocol-Version");
    if (!version.isEmpty() && !supportedProtocolVersions().contains(QString::fromLatin1(version)))
        return jsonResponse(rpcError(QJsonValue(), kInvalidRequest,
                                     QStringLiteral("unsupported MCP-Protocol-Version %1").arg(QString::fromLatin1(version.left(40)))),
                            400);
    const QByteArray session = head.value("Mcp-Session-Id");
    if (!session.isEmpty() && !touchSession(QString::fromLatin1(session)))
        return jsonResponse(rpcError(QJsonValue(), kInvalidRequest, QStringLiteral("unknown or ended session")), 404);
    if (head.method == "DELETE" && session.isEmpty())
        return jsonResponse(rpcError(QJsonValue(), kInvalidRequest, QStringLiteral("Mcp-Session-Id required")), 400);
    return std::nullopt;
}

void McpServer::handle(const HttpRequest &request, BoundedHttpServer::Reply reply)
{
    if (request.method == "DELETE") {
        m_sessions.remove(QString::fromLatin1(request.value("Mcp-Session-Id")));
        return reply(HttpResponse{204, {}, {}, {}});
    }
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return reply(jsonResponse(rpcError(QJsonValue(), kParseError, QStringLiteral("not JSON: %1").arg(parseError.errorString())), 400));
    handleMessage(document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array()),
                  [reply = std::move(reply)](const QJsonObject &response, const QString &sessionId) {
                      if (response.isEmpty()) // a notification or a client's response: accepted, nothing to say
                          return reply(HttpResponse{202, {}, {}, {}});
                      HttpResponse http = jsonResponse(response);
                      if (!sessionId.isEmpty())
                          http.headers.append({QByteArrayLiteral("Mcp-Session-Id"), sessionId.toLatin1()});
                      reply(std::move(http));
                  });
}

QString McpServer::openSession()
{
    expireSessions();
    while (!m_sessions.isEmpty() && m_sessions.size() >= m_limits.maxSessions) {
        auto oldest = m_sessions.begin();
        for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it)
            if (it.value().order < oldest.value().order)
                oldest = it;
        m_sessions.erase(oldest);
        ++m_sessionsExpired;
    }
    const QString session = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_sessions.insert(session, {m_clock.elapsed(), ++m_sessionUses});
    return session;
}

bool McpServer::touchSession(const QString &id)
{
    expireSessions();
    const auto found = m_sessions.find(id);
    if (found == m_sessions.end())
        return false;
    found.value() = {m_clock.elapsed(), ++m_sessionUses};
    return true;
}

void McpServer::expireSessions()
{
    const qint64 now = m_clock.elapsed();
    const auto before = m_sessions.size();
    m_sessions.removeIf([&](const auto &session) { return now - session.value().lastUsedMs > m_limits.sessionIdleMs; });
    m_sessionsExpired += quint64(before - m_sessions.size());
}

namespace {

QJsonObject toolAnswer(const QJsonValue &id, const McpTools::Result &result)
{
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

} // namespace

QJsonObject McpServer::handleMessage(const QJsonValue &message, QString *sessionId)
{
    QJsonObject answer;
    respond(
        message,
        [&](const QJsonObject &response, const QString &session) {
            answer = response;
            if (sessionId)
                *sessionId = session;
        },
        true);
    return answer;
}

void McpServer::handleMessage(const QJsonValue &message, Answer done)
{
    respond(message, std::move(done), false);
}

void McpServer::respond(const QJsonValue &message, Answer done, bool blockingTools)
{
    const auto answer = [&done](const QJsonObject &response) { done(response, QString()); };
    if (message.isArray())
        return answer(rpcError(QJsonValue(), kInvalidRequest, QStringLiteral("batches are not supported")));
    const QJsonObject object = message.toObject();
    const QJsonValue id = object.value(QLatin1String("id"));
    const bool hasId = object.contains(QLatin1String("id"));
    if (object.value(QLatin1String("jsonrpc")).toString() != QLatin1String("2.0") || (hasId && !id.isString() && !id.isDouble()))
        return answer(rpcError(hasId && (id.isString() || id.isDouble()) ? id : QJsonValue(), kInvalidRequest,
                               QStringLiteral("not a JSON-RPC 2.0 request")));
    if (!object.contains(QLatin1String("method"))) // a response to us, or nothing useful
        return answer(object.contains(QLatin1String("result")) || object.contains(QLatin1String("error"))
                          ? QJsonObject()
                          : rpcError(id, kInvalidRequest, QStringLiteral("no method")));
    const QString method = object.value(QLatin1String("method")).toString();
    const QJsonObject params = object.value(QLatin1String("params")).toObject();
    if (!hasId) // notifications (notifications/initialized, cancelled): nothing to answer
        return answer({});

    if (method == QLatin1String("initialize")) {
        const QString requested = params.value(QLatin1String("protocolVersion")).toString();
        const QString version = supportedProtocolVersions().contains(requested) ? requested : supportedProtocolVersions().first();
        const QString session = openSession();
        return done(rpcResult(id, {{"protocolVersion", version},
                                   {"capabilities", QJsonObject{{"tools", QJsonObject{{"listChanged", false}}}}},
                                   {"serverInfo", QJsonObject{{"name", "pitwall"},
                                                              {"title", "Pit Wall live race"},
                                                              {"version", QStringLiteral(PITWALL_VERSION)}}},
                                   {"instructions", "Live Formula 1 race data from Pit Wall: leaderboard, drivers, gaps, anomalies, "
                                                    "race events and a search over the commentary."}}),
                    session);
    }
    if (method == QLatin1String("ping"))
        return answer(rpcResult(id, {}));
    if (method == QLatin1String("tools/list"))
        return answer(rpcResult(id, {{"tools", m_tools->definitions()}}));
    if (method == QLatin1String("tools/call")) {
        const QJsonValue name = params.value(QLatin1String("name"));
        const QJsonValue arguments = params.value(QLatin1String("arguments"));
        if (!name.isString())
            return answer(rpcError(id, kInvalidParams, QStringLiteral("params.name must be the tool's name")));
        if (!arguments.isUndefined() && !arguments.isNull() && !arguments.isObject())
            return answer(rpcError(id, kInvalidParams, QStringLiteral("params.arguments must be an object")));
        if (blockingTools)
            return answer(toolAnswer(id, m_tools->call(name.toString(), arguments.toObject())));
        // The tool may answer on another thread: its answer comes back to this one through
        // the mailbox, or to nothing if this server is gone by then.
        std::weak_ptr<QObject> mailbox = m_mailbox;
        m_tools->callAsync(name.toString(), arguments.toObject(), [mailbox, id, done = std::move(done)](McpTools::Result result) {
            const auto alive = mailbox.lock();
            if (!alive)
                return;
            QMetaObject::invokeMethod(
                alive.get(), [done, response = toolAnswer(id, result)] { done(response, QString()); }, Qt::QueuedConnection);
        });
        return;
    }
    return answer(rpcError(id, kMethodNotFound, QStringLiteral("method '%1' not found").arg(method)));
}

} // namespace pitwall
