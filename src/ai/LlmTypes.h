#pragma once
// What goes to a language model and what comes back, whichever provider answers.

#include "core/Expected.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace pitwall::net {
struct TransportError;
struct HttpResponse;
} // namespace pitwall::net

namespace pitwall::ai {

// A tool the model may call (tool calling): its JSON Schema is the MCP tool's.
struct LlmTool {
    QString name;
    QString description;
    QJsonObject inputSchema;
};

struct LlmToolCall {
    QString id; // the provider's id, echoed in the result
    QString name;
    QJsonObject input;
    QString inputError; // the model's arguments were not a JSON object (said back to it)
};

struct LlmToolResult {
    QString callId;
    QJsonObject content;
    bool isError = false;
};

// One turn of a conversation: the user's text or tool results, or the assistant's text
// and tool calls.
struct LlmMessage {
    enum class Role { User, Assistant };
    Role role = Role::User;
    QString text;
    QList<LlmToolCall> toolCalls;     // assistant
    QList<LlmToolResult> toolResults; // user
};

struct LlmRequest {
    QString system;
    QString prompt;             // one user turn, when `messages` is empty
    QList<LlmMessage> messages; // a conversation, first and last turns the user's
    QList<LlmTool> tools;       // offered to the model; empty: plain completion
    int maxTokens = 200;
    double temperature = 0.7;
    int timeoutMs = 10000;
};

struct LlmReply {
    QString text;
    QList<LlmToolCall> toolCalls; // the model wants these run before it answers
    QString model;
    int inputTokens = 0;
    int outputTokens = 0;
    qint64 latencyMs = 0;
};

// Why a call failed, in words a user can act on; `kind` drives retries and fallbacks.
struct LlmError {
    enum class Kind {
        NotConfigured,   // nothing to call (no key, no region)
        BadCredentials,  // wrong key or secret, expired token, bad signature
        ModelNotEnabled, // access denied to this model (enable it, fix the policy)
        ModelNotFound,   // no such model id or inference profile in this region
        BadRequest,      // the provider refused the request itself
        Throttled,       // 429 / ThrottlingException: slow down and retry
        QuotaExhausted,  // a quota or the account's credit is used up
        Timeout,         // no answer in time
        NetworkDown,     // no connection to the endpoint
        ServerError,     // 5xx on the provider's side
        Malformed,       // an answer that is not what the API promises (or cut off)
        CircuitOpen,     // the governor stopped calling after repeated failures
        OverBudget,      // the governor's rate or token budget has no room now
    };
    Kind kind = Kind::ServerError;
    QString message;
    int httpStatus = 0;
    qint64 retryAfterMs = -1; // from Retry-After, when the provider said

    bool isRetryable() const
    {
        return kind == Kind::Throttled || kind == Kind::Timeout || kind == Kind::ServerError || kind == Kind::NetworkDown;
    }
};

QString llmErrorKindName(LlmError::Kind kind);
// A failed HTTP exchange as the providers report it: refused unsent reads as not
// configured, a cut-off answer as malformed.
LlmError llmError(const net::TransportError &transport);

// What the providers and embedders make of an exchange: the body of a 200 answer, or the
// transport's failure, or what `refusal` reads in any other status.
Expected<QByteArray, LlmError> answerBody(const net::HttpResponse &response, const net::TransportError *transport,
                                          const std::function<LlmError(const net::HttpResponse &)> &refusal);
// The JSON object an answer must be; `what` names the answer in the error ("Bedrock's answer").
Expected<QJsonObject, LlmError> answerObject(const QByteArray &body, const QString &what);

// The request's turns: its conversation, or the one prompt as a user turn.
inline QList<LlmMessage> conversationOf(const LlmRequest &request)
{
    if (!request.messages.isEmpty())
        return request.messages;
    return {LlmMessage{LlmMessage::Role::User, request.prompt, {}, {}}};
}

} // namespace pitwall::ai
