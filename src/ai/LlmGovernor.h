#pragma once
// Every LLM call goes through the governor: requests/min, tokens/min and tokens/day
// budgets (token buckets), retries with exponential backoff and jitter on throttling
// and server errors, a deadline per call, and a circuit breaker that stops calling a
// provider that keeps failing. It also keeps the usage and cost meter. Calls to a
// networked embedder go through the same budgets and meter (counted apart as well).

#include "Embedder.h"
#include "LlmProvider.h"
#include "PriceTable.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QObject>
#include <random>

namespace pitwall::ai {

struct GovernorLimits {
    // Defaults in the range of Bedrock's on-demand quotas for Claude 3.5 Sonnet (requests
    // and tokens per minute); each account's real quotas are in Service Quotas: edit them.
    int requestsPerMinute = 50;
    int tokensPerMinute = 400'000;
    qint64 tokensPerDay = 100'000'000;
    int maxRetries = 2;
    int baseBackoffMs = 200;
    int maxBackoffMs = 4000;
    int failuresToOpen = 5; // consecutive failed calls that open the circuit
    int openMs = 30'000;    // how long it stays open before one trial call
};

struct LlmUsage {
    quint64 calls = 0; // requests sent to the provider (retries included)
    quint64 succeeded = 0;
    quint64 failures = 0; // calls that ended without an answer
    quint64 retries = 0;
    quint64 throttled = 0; // 429 / ThrottlingException answers
    quint64 refusedByBudget = 0;
    quint64 refusedByCircuit = 0;
    quint64 fallbacks = 0; // lines the offline commentator wrote instead (reported by the agent)
    quint64 groundingRejections = 0;
    qint64 tokensIn = 0;
    qint64 tokensOut = 0;
    double costUsd = 0.0;       // LLM and embedding calls together
    quint64 embeddingCalls = 0; // embed() calls admitted (each may be several requests of 256 texts)
    quint64 embeddingFailures = 0;
    quint64 embeddingsRefused = 0; // held back by the budgets
    qint64 embeddingTokens = 0;    // estimated: 4 characters a token
    bool circuitOpen = false;
    QString lastError;
};

class LlmGovernor : public QObject {
    Q_OBJECT
public:
    // `provider` may be null for a governor of embeddings only (submit() then refuses).
    LlmGovernor(LlmProvider *provider, GovernorLimits limits, PriceTable prices, QObject *parent = nullptr);

    // Calls the provider within the budgets; `deadlineMs` is this governor's clock
    // (nowMs()) by which an answer must be in, retries included.
    void submit(const LlmRequest &request, qint64 deadlineMs, LlmProvider::Done done);
    // `texts` through `embedder` within the same budgets; metered and costed by its model.
    void submitEmbedding(Embedder &embedder, const QStringList &texts, Embedder::Done done);
    qint64 nowMs() const { return m_clock.elapsed(); }

    // Thread-safe: read by the GUI and the headless summary.
    LlmUsage usage() const;
    void countFallbacks(int lines);
    void countGroundingRejection();
    LlmProvider *provider() const { return m_provider; }

    // Tokens a request is expected to use before the answer says (4 characters a token).
    static int estimateTokens(const LlmRequest &request);

private:
    void attempt(const LlmRequest &request, qint64 deadlineMs, int attemptNumber, LlmProvider::Done done);
    bool admit(int estimatedTokens, QString &why);
    void refill();
    void recordFailure(const LlmError &error);

    LlmProvider *m_provider;
    GovernorLimits m_limits;
    PriceTable m_prices;
    QElapsedTimer m_clock;
    std::mt19937 m_jitter{std::random_device{}()};

    double m_requestTokens; // bucket of requests
    double m_tokenBudget;   // bucket of tokens per minute
    qint64 m_dayTokens = 0;
    qint64 m_dayStartedMs = 0;
    qint64 m_lastRefillMs = 0;
    int m_consecutiveFailures = 0;
    qint64 m_openUntilMs = -1;
    bool m_trialInFlight = false;

    mutable QMutex m_usageMutex;
    LlmUsage m_usage;
};

} // namespace pitwall::ai
