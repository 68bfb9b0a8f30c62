#include "LlmTypes.h"

#include "net/HttpExchange.h"

#include <QJsonDocument>

namespace pitwall::ai {

QString llmErrorKindName(LlmError::Kind kind)
{
    switch (kind) {
    case LlmError::Kind::NotConfigured: return QStringLiteral("not_configured");
    case LlmError::Kind::BadCredentials: return QStringLiteral("bad_credentials");
    case LlmError::Kind::ModelNotEnabled: return QStringLiteral("model_not_enabled");
    case LlmError::Kind::ModelNotFound: return QStringLiteral("model_not_found");
    case LlmError::Kind::BadRequest: return QStringLiteral("bad_request");
    case LlmError::Kind::Throttled: return QStringLiteral("throttled");
    case LlmError::Kind::QuotaExhausted: return QStringLiteral("quota");
    case LlmError::Kind::Timeout: return QStringLiteral("timeout");
    case LlmError::Kind::NetworkDown: return QStringLiteral("network");
    case LlmError::Kind::ServerError: return QStringLiteral("server_error");
    case LlmError::Kind::Malformed: return QStringLiteral("malformed_response");
    case LlmError::Kind::CircuitOpen: return QStringLiteral("circuit_open");
    case LlmError::Kind::OverBudget: return QStringLiteral("over_budget");
    }
    return QStringLiteral("unknown");
}

LlmError llmError(const net::TransportError &transport)
{
    switch (transport.kind) {
    case net::TransportError::Kind::Refused: return {LlmError::Kind::NotConfigured, transport.message};
    case net::TransportError::Kind::Timeout: return {LlmError::Kind::Timeout, transport.message};
    case net::TransportError::Kind::NetworkDown: return {LlmError::Kind::NetworkDown, transport.message};
    case net::TransportError::Kind::CutOff: return {LlmError::Kind::Malformed, transport.message};
    }
    return {LlmError::Kind::NetworkDown, transport.message};
}

Expected<QByteArray, LlmError> answerBody(const net::HttpResponse &response, const net::TransportError *transport,
                                          const std::function<LlmError(const net::HttpResponse &)> &refusal)
{
    if (transport)
        return llmError(*transport);
    if (response.status != 200)
        return refusal(response);
    return response.body;
}

Expected<QJsonObject, LlmError> answerObject(const QByteArray &body, const QString &what)
{
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return LlmError{LlmError::Kind::Malformed, QStringLiteral("%1 is not JSON (%2)").arg(what, parseError.errorString())};
    return document.object();
}

} // namespace pitwall::ai
