#include "BedrockProvider.h"

#include "net/CredentialUrl.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace pitwall::ai {

namespace {

// Provider text can be long; a message shows the start of it.
QString shortened(const QString &text)
{
    return text.size() > 240 ? text.left(240) + QStringLiteral("…") : text;
}

} // namespace

QString BedrockSettings::effectiveEndpoint() const
{
    return endpoint.isEmpty() ? QStringLiteral("https://bedrock-runtime.%1.amazonaws.com").arg(region) : endpoint;
}

BedrockProvider::BedrockProvider(BedrockSettings settings, QObject *parent)
    : HttpLlmProvider(parent)
    , m_settings(std::move(settings))
{
}

namespace {

QJsonArray converseContent(const LlmMessage &message)
{
    QJsonArray content;
    if (!message.text.isEmpty())
        content.append(QJsonObject{{QStringLiteral("text"), message.text}});
    for (const auto &call : message.toolCalls)
        content.append(QJsonObject{{QStringLiteral("toolUse"), QJsonObject{{QStringLiteral("toolUseId"), call.id},
                                                                           {QStringLiteral("name"), call.name},
                                                                           {QStringLiteral("input"), call.input}}}});
    for (const auto &result : message.toolResults)
        content.append(QJsonObject{
            {QStringLiteral("toolResult"),
             QJsonObject{{QStringLiteral("toolUseId"), result.callId},
                         {QStringLiteral("content"), QJsonArray{QJsonObject{{QStringLiteral("json"), result.content}}}},
                         {QStringLiteral("status"), result.isError ? QStringLiteral("error") : QStringLiteral("success")}}}});
    return content;
}

} // namespace

QByteArray converseRequestBody(const LlmRequest &request)
{
    QJsonArray messages;
    for (const auto &message : conversationOf(request))
        messages.append(QJsonObject{{QStringLiteral("role"), message.role == LlmMessage::Role::User ? QStringLiteral("user")
                                                                                                    : QStringLiteral("assistant")},
                                    {QStringLiteral("content"), converseContent(message)}});
    QJsonObject body{{QStringLiteral("messages"), messages},
                     {QStringLiteral("inferenceConfig"), QJsonObject{{QStringLiteral("maxTokens"), request.maxTokens},
                                                                     {QStringLiteral("temperature"), request.temperature}}}};
    if (!request.system.isEmpty())
        body.insert(QStringLiteral("system"), QJsonArray{QJsonObject{{QStringLiteral("text"), request.system}}});
    if (!request.tools.isEmpty()) {
        QJsonArray tools;
        for (const auto &tool : request.tools)
            tools.append(
                QJsonObject{{QStringLiteral("toolSpec"),
                             QJsonObject{{QStringLiteral("name"), tool.name},
                                         {QStringLiteral("description"), tool.description},
                                         {QStringLiteral("inputSchema"), QJsonObject{{QStringLiteral("json"), tool.inputSchema}}}}}});
        body.insert(QStringLiteral("toolConfig"), QJsonObject{{QStringLiteral("tools"), tools}});
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

Expected<LlmReply, LlmError> parseConverseResponse(const QByteArray &body)
{
    const auto answer = answerObject(body, QStringLiteral("Bedrock's answer"));
    if (!answer)
        return answer.error();
    const auto &root = answer.value();
    const auto content =
        root.value(QLatin1String("output")).toObject().value(QLatin1String("message")).toObject().value(QLatin1String("content"));
    if (!content.isArray())
        return LlmError{LlmError::Kind::Malformed, QStringLiteral("Bedrock's answer has no output.message.content")};
    LlmReply reply;
    for (const auto &value : content.toArray()) {
        const auto block = value.toObject();
        reply.text += block.value(QLatin1String("text")).toString();
        const auto toolUse = block.value(QLatin1String("toolUse")).toObject();
        if (toolUse.isEmpty())
            continue;
        LlmToolCall call{toolUse.value(QLatin1String("toolUseId")).toString(),
                         toolUse.value(QLatin1String("name")).toString(),
                         toolUse.value(QLatin1String("input")).toObject(),
                         {}};
        if (call.id.isEmpty() || call.name.isEmpty())
            return LlmError{LlmError::Kind::Malformed, QStringLiteral("Bedrock asked for a tool without a toolUseId or name")};
        if (!toolUse.value(QLatin1String("input")).isObject())
            call.inputError = QStringLiteral("the tool's input must be a JSON object");
        reply.toolCalls.append(call);
    }
    const auto usage = root.value(QLatin1String("usage")).toObject();
    reply.inputTokens = usage.value(QLatin1String("inputTokens")).toInt();
    reply.outputTokens = usage.value(QLatin1String("outputTokens")).toInt();
    if (reply.text.isEmpty() && reply.toolCalls.isEmpty())
        return LlmError{LlmError::Kind::Malformed, QStringLiteral("Bedrock's answer has no text (stop reason: %1)")
                                                       .arg(root.value(QLatin1String("stopReason")).toString())};
    return reply;
}

LlmError bedrockError(const net::HttpResponse &response)
{
    // The type is in x-amzn-ErrorType, possibly with a ":namespace" suffix.
    QString type = QString::fromLatin1(response.header("x-amzn-ErrorType")).section(QLatin1Char(':'), 0, 0);
    const auto object = QJsonDocument::fromJson(response.body).object();
    QString detail = object.value(QLatin1String("message")).toString();
    if (detail.isEmpty())
        detail = object.value(QLatin1String("Message")).toString();
    if (type.isEmpty())
        type = object.value(QLatin1String("__type")).toString().section(QLatin1Char('#'), -1);
    const QString said = detail.isEmpty() ? QString() : QStringLiteral(" Bedrock said: %1").arg(shortened(detail));
    const int status = response.status;
    LlmError error{LlmError::Kind::ServerError, {}, status, net::retryAfterMs(response.header("Retry-After"))};

    static const QStringList credentialTypes{QStringLiteral("UnrecognizedClientException"),
                                             QStringLiteral("InvalidSignatureException"),
                                             QStringLiteral("IncompleteSignature"),
                                             QStringLiteral("ExpiredTokenException"),
                                             QStringLiteral("MissingAuthenticationTokenException"),
                                             QStringLiteral("InvalidClientTokenId"),
                                             QStringLiteral("RequestExpired")};
    if (credentialTypes.contains(type)) {
        error.kind = LlmError::Kind::BadCredentials;
        error.message = QStringLiteral("AWS rejected the credentials (%1): check the access key ID, the secret and, for "
                                       "temporary credentials, the session token; check the computer's clock.%2")
                            .arg(type, said);
    } else if (type == QLatin1String("AccessDeniedException") || (type.isEmpty() && status == 403)) {
        error.kind = LlmError::Kind::ModelNotEnabled;
        error.message = QStringLiteral("access to the model was denied: enable it under Model access in the Bedrock "
                                       "console for this region, and allow bedrock:InvokeModel in the IAM policy.%1")
                            .arg(said);
    } else if (type == QLatin1String("ResourceNotFoundException") || (type.isEmpty() && status == 404)) {
        error.kind = LlmError::Kind::ModelNotFound;
        error.message = QStringLiteral("no such model in this region: check the model ID, or use a cross-region "
                                       "inference profile such as us.anthropic.claude-3-5-sonnet-20240620-v1:0.%1")
                            .arg(said);
    } else if (type == QLatin1String("ThrottlingException") || type == QLatin1String("ModelNotReadyException") ||
               (type.isEmpty() && status == 429)) {
        error.kind = LlmError::Kind::Throttled;
        error.message = QStringLiteral("Bedrock is throttling the requests (%1): Pit Wall slows down; raise the quota "
                                       "in Service Quotas or lower the governor's limits.%2")
                            .arg(type.isEmpty() ? QStringLiteral("429") : type, said);
    } else if (type == QLatin1String("ServiceQuotaExceededException")) {
        error.kind = LlmError::Kind::QuotaExhausted;
        error.message = QStringLiteral("a Bedrock quota is used up: request more in Service Quotas.%1").arg(said);
    } else if (type == QLatin1String("ModelTimeoutException") || status == 408) {
        error.kind = LlmError::Kind::Timeout;
        error.message = QStringLiteral("the model took too long to answer.%1").arg(said);
    } else if (type == QLatin1String("ValidationException") || (type.isEmpty() && status == 400)) {
        error.kind = LlmError::Kind::BadRequest;
        error.message = QStringLiteral("Bedrock refused the request.%1").arg(said);
    } else if (status >= 500 || type == QLatin1String("ModelErrorException") ||
               type == QLatin1String("InternalServerException") || type == QLatin1String("ServiceUnavailableException")) {
        error.kind = LlmError::Kind::ServerError;
        error.message = QStringLiteral("Bedrock had an error on its side (%1).%2").arg(type.isEmpty() ? QString::number(status) : type, said);
    } else {
        error.kind = LlmError::Kind::BadRequest;
        error.message = QStringLiteral("Bedrock answered HTTP %1 %2.%3").arg(status).arg(type, said);
    }
    return error;
}

void BedrockProvider::complete(const LlmRequest &request, Done done)
{
    if (!m_settings.credentials.isComplete() || m_settings.region.isEmpty() || m_settings.model.isEmpty()) {
        done(LlmError{LlmError::Kind::NotConfigured, QStringLiteral("Bedrock needs a region, a model ID and AWS credentials (AWS_ACCESS_KEY_ID and "
                                                                    "AWS_SECRET_ACCESS_KEY, a profile, or the setup wizard)")});
        return;
    }
    // The region becomes part of the host the signed request goes to.
    if (m_settings.endpoint.isEmpty() && !net::isAwsRegion(m_settings.region)) {
        done(LlmError{LlmError::Kind::NotConfigured,
                      QStringLiteral("'%1' is not an AWS region (like us-east-1): refused, the request would go to another host")
                          .arg(m_settings.region.left(40))});
        return;
    }
    const QUrl base(m_settings.effectiveEndpoint());
    // The model id's ':' (and a profile ARN's '/') travel percent-encoded in one path segment.
    const QByteArray modelSegment = net::awsUriEncode(m_settings.model.toUtf8(), false);
    const QByteArray basePath = base.path(QUrl::FullyEncoded).toUtf8();
    const QByteArray path = (basePath.endsWith('/') ? basePath.chopped(1) : basePath) + "/model/" + modelSegment + "/converse";
    const QByteArray body = converseRequestBody(request);
    const QByteArray host = base.port() > 0 ? base.host().toUtf8() + ':' + QByteArray::number(base.port()) : base.host().toUtf8();

    net::SigV4Request toSign{"POST", path, {}, {{"Host", host}, {"Content-Type", "application/json"}}, body};
    net::SigV4Options options{m_settings.region, QStringLiteral("bedrock"), QDateTime::currentDateTimeUtc().addMSecs(m_clockSkewMs)};
    const auto signature = net::signRequest(toSign, m_settings.credentials, options);
    net::HttpHeaders headers{{"Content-Type", "application/json"}, {"Accept", "application/json"}};
    headers.insert(headers.end(), signature.headersToAdd.begin(), signature.headersToAdd.end());

    QUrl url = base;
    url.setPath(QString::fromUtf8(path), QUrl::StrictMode);
    post(url, headers, body, request.timeoutMs, std::move(done));
}

void BedrockProvider::noticeResponse(const net::HttpResponse &response)
{
    // A signature is only valid within minutes of the server's clock.
    const auto serverDate = QDateTime::fromString(QString::fromLatin1(response.header("Date")), Qt::RFC2822Date);
    if (serverDate.isValid()) {
        const qint64 skew = QDateTime::currentDateTimeUtc().msecsTo(serverDate);
        m_clockSkewMs = std::abs(skew) > 60'000 ? skew : 0; // the header has 1 s resolution
    }
}

LlmError BedrockProvider::refusal(const net::HttpResponse &response) const
{
    return bedrockError(response);
}

Expected<LlmReply, LlmError> BedrockProvider::replyOf(const QByteArray &body) const
{
    return parseConverseResponse(body);
}

} // namespace pitwall::ai
