#include "OpenAiProvider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pitwall::ai {

OpenAiProvider::OpenAiProvider(OpenAiSettings settings, QObject *parent)
    : HttpLlmProvider(parent)
    , m_settings(std::move(settings))
{
}

net::HttpHeaders openAiHeaders(const OpenAiSettings &settings)
{
    net::HttpHeaders headers{{"Content-Type", "application/json"}, {"Accept", "application/json"}};
    if (!settings.apiKey.isEmpty())
        headers.emplace_back("Authorization", "Bearer " + settings.apiKey.toUtf8());
    return headers;
}

namespace {

// One of our turns as OpenAI messages: tool results travel one message each.
void appendChatMessages(QJsonArray &messages, const LlmMessage &message)
{
    if (message.role == LlmMessage::Role::User) {
        for (const auto &result : message.toolResults)
            messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("tool")},
                                        {QStringLiteral("tool_call_id"), result.callId},
                                        {QStringLiteral("content"),
                                         QString::fromUtf8(QJsonDocument(result.content).toJson(QJsonDocument::Compact))}});
        if (!message.text.isEmpty() || message.toolResults.isEmpty())
            messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), message.text}});
        return;
    }
    QJsonObject assistant{{QStringLiteral("role"), QStringLiteral("assistant")},
                          {QStringLiteral("content"), message.text.isEmpty() ? QJsonValue() : QJsonValue(message.text)}};
    if (!message.toolCalls.isEmpty()) {
        QJsonArray calls;
        for (const auto &call : message.toolCalls)
            calls.append(QJsonObject{{QStringLiteral("id"), call.id},
                                     {QStringLiteral("type"), QStringLiteral("function")},
                                     {QStringLiteral("function"),
                                      QJsonObject{{QStringLiteral("name"), call.name},
                                                  {QStringLiteral("arguments"),
                                                   QString::fromUtf8(QJsonDocument(call.input).toJson(QJsonDocument::Compact))}}}});
        assistant.insert(QStringLiteral("tool_calls"), calls);
    }
    messages.append(assistant);
}

} // namespace

QByteArray chatRequestBody(const QString &model, const LlmRequest &request)
{
    QJsonArray messages;
    if (!request.system.isEmpty())
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")}, {QStringLiteral("content"), request.system}});
    for (const auto &message : conversationOf(request))
        appendChatMessages(messages, message);
    QJsonObject body{{QStringLiteral("model"), model},
                     {QStringLiteral("messages"), messages},
                     {QStringLiteral("max_tokens"), request.maxTokens},
                     {QStringLiteral("temperature"), request.temperature}};
    if (!request.tools.isEmpty()) {
        QJsonArray tools;
        for (const auto &tool : request.tools)
            tools.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("function")},
                                     {QStringLiteral("function"), QJsonObject{{QStringLiteral("name"), tool.name},
                                                                              {QStringLiteral("description"), tool.description},
                                                                              {QStringLiteral("parameters"), tool.inputSchema}}}});
        body.insert(QStringLiteral("tools"), tools);
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

Expected<LlmReply, LlmError> parseChatResponse(const QByteArray &body)
{
    const auto answer = answerObject(body, QStringLiteral("the answer"));
    if (!answer)
        return answer.error();
    const auto &root = answer.value();
    const auto choices = root.value(QLatin1String("choices")).toArray();
    if (choices.isEmpty())
        return LlmError{LlmError::Kind::Malformed, QStringLiteral("the answer has no choices")};
    const auto message = choices.first().toObject().value(QLatin1String("message")).toObject();
    LlmReply reply;
    reply.text = message.value(QLatin1String("content")).toString();
    for (const auto &value : message.value(QLatin1String("tool_calls")).toArray()) {
        const auto call = value.toObject();
        const auto function = call.value(QLatin1String("function")).toObject();
        LlmToolCall toolCall{call.value(QLatin1String("id")).toString(), function.value(QLatin1String("name")).toString(), {}, {}};
        if (toolCall.id.isEmpty() || toolCall.name.isEmpty())
            return LlmError{LlmError::Kind::Malformed, QStringLiteral("the answer asks for a tool without an id or name")};
        // The arguments are JSON inside a string, written by the model: it can get them wrong.
        const auto arguments = QJsonDocument::fromJson(function.value(QLatin1String("arguments")).toString().toUtf8());
        if (arguments.isObject())
            toolCall.input = arguments.object();
        else
            toolCall.inputError = QStringLiteral("the arguments must be a JSON object");
        reply.toolCalls.append(toolCall);
    }
    if (reply.text.isEmpty() && reply.toolCalls.isEmpty())
        return LlmError{LlmError::Kind::Malformed, QStringLiteral("the answer's message has no text")};
    reply.model = root.value(QLatin1String("model")).toString();
    const auto usage = root.value(QLatin1String("usage")).toObject();
    reply.inputTokens = usage.value(QLatin1String("prompt_tokens")).toInt();
    reply.outputTokens = usage.value(QLatin1String("completion_tokens")).toInt();
    return reply;
}

LlmError openAiError(const net::HttpResponse &response, const QString &what)
{
    const auto error = QJsonDocument::fromJson(response.body).object().value(QLatin1String("error")).toObject();
    const QString code = error.value(QLatin1String("code")).toString();
    QString detail = error.value(QLatin1String("message")).toString();
    if (detail.size() > 240)
        detail = detail.left(240) + QStringLiteral("…");
    const QString said = detail.isEmpty() ? QString() : QStringLiteral(" The server said: %1").arg(detail);
    const int status = response.status;
    LlmError result{LlmError::Kind::ServerError, {}, status, net::retryAfterMs(response.header("retry-after"))};
    if (status == 401 || code == QLatin1String("invalid_api_key")) {
        result.kind = LlmError::Kind::BadCredentials;
        result.message = QStringLiteral("%1 rejected the API key: check OPENAI_API_KEY or the key in the setup wizard.%2").arg(what, said);
    } else if (code == QLatin1String("insufficient_quota")) {
        // A 429 too, but waiting does not help: the account has no credit left.
        result.kind = LlmError::Kind::QuotaExhausted;
        result.message = QStringLiteral("%1: the account's quota is used up (check plan and billing).%2").arg(what, said);
    } else if (status == 429) {
        result.kind = LlmError::Kind::Throttled;
        result.message = QStringLiteral("%1 is rate-limiting the requests: Pit Wall slows down.%2").arg(what, said);
    } else if (status == 404 || code == QLatin1String("model_not_found")) {
        result.kind = LlmError::Kind::ModelNotFound;
        result.message = QStringLiteral("%1 does not know this model: check the model name.%2").arg(what, said);
    } else if (status == 403) {
        result.kind = LlmError::Kind::ModelNotEnabled;
        result.message = QStringLiteral("%1 refused access (region, project or model permission).%2").arg(what, said);
    } else if (status == 408) {
        result.kind = LlmError::Kind::Timeout;
        result.message = QStringLiteral("%1 timed out.%2").arg(what, said);
    } else if (status >= 500) {
        result.kind = LlmError::Kind::ServerError;
        result.message = QStringLiteral("%1 had an error on its side (HTTP %2).%3").arg(what).arg(status).arg(said);
    } else {
        result.kind = LlmError::Kind::BadRequest;
        result.message = QStringLiteral("%1 refused the request (HTTP %2).%3").arg(what).arg(status).arg(said);
    }
    return result;
}

void OpenAiProvider::complete(const LlmRequest &request, Done done)
{
    if (m_settings.baseUrl.isEmpty() || m_settings.model.isEmpty()) {
        done(LlmError{LlmError::Kind::NotConfigured, QStringLiteral("OpenAI needs a base URL and a model")});
        return;
    }
    post(net::joinUrl(m_settings.baseUrl, QStringLiteral("/chat/completions")), openAiHeaders(m_settings),
         chatRequestBody(m_settings.model, request), request.timeoutMs, std::move(done));
}

LlmError OpenAiProvider::refusal(const net::HttpResponse &response) const
{
    return openAiError(response, QStringLiteral("OpenAI"));
}

Expected<LlmReply, LlmError> OpenAiProvider::replyOf(const QByteArray &body) const
{
    return parseChatResponse(body);
}

} // namespace pitwall::ai
