#pragma once
// What goes to a language model and what comes back, whichever provider answers.

#include <QString>
#include <QStringList>

namespace pitwall::ai {

struct LlmRequest {
    QString system;
    QString prompt;
    int maxTokens = 200;
    double temperature = 0.7;
    int timeoutMs = 10000;
};

struct LlmReply {
    QString text;
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

} // namespace pitwall::ai
