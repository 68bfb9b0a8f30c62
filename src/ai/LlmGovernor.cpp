#include "LlmGovernor.h"

#include <QJsonDocument>
#include <QTimer>
#include <algorithm>

namespace pitwall::ai {

LlmGovernor::LlmGovernor(LlmProvider *provider, GovernorLimits limits, PriceTable prices, QObject *parent)
    : QObject(parent)
    , m_provider(provider)
    , m_limits(limits)
    , m_prices(std::move(prices))
    , m_requestTokens(limits.requestsPerMinute)
    , m_tokenBudget(limits.tokensPerMinute)
{
    m_clock.start();
}

int LlmGovernor::estimateTokens(const LlmRequest &request)
{
    qsizetype characters = request.system.size() + request.prompt.size();
    for (const auto &message : request.messages) {
        characters += message.text.size();
        for (const auto &call : message.toolCalls)
            characters += call.name.size() + 32;
        for (const auto &result : message.toolResults)
            characters += QJsonDocument(result.content).toJson(QJsonDocument::Compact).size();
    }
    for (const auto &tool : request.tools)
        characters += tool.description.size() + QJsonDocument(tool.inputSchema).toJson(QJsonDocument::Compact).size();
    return int(characters / 4) + request.maxTokens;
}

void LlmGovernor::refill()
{
    const qint64 now = nowMs();
    const double minutes = double(now - m_lastRefillMs) / 60'000.0;
    m_lastRefillMs = now;
    m_requestTokens = std::min<double>(m_limits.requestsPerMinute, m_requestTokens + minutes * m_limits.requestsPerMinute);
    m_tokenBudget = std::min<double>(m_limits.tokensPerMinute, m_tokenBudget + minutes * m_limits.tokensPerMinute);
    if (now - m_dayStartedMs >= 24LL * 3600 * 1000) {
        m_dayStartedMs = now;
        m_dayTokens = 0;
    }
}

bool LlmGovernor::admit(int estimatedTokens, QString &why)
{
    refill();
    if (m_requestTokens < 1.0) {
        why = QStringLiteral("requests per minute (%1) used up").arg(m_limits.requestsPerMinute);
        return false;
    }
    if (m_tokenBudget < estimatedTokens) {
        why = QStringLiteral("tokens per minute (%1) used up").arg(m_limits.tokensPerMinute);
        return false;
    }
    if (m_dayTokens + estimatedTokens > m_limits.tokensPerDay) {
        why = QStringLiteral("tokens per day (%1) used up").arg(m_limits.tokensPerDay);
        return false;
    }
    m_requestTokens -= 1.0;
    m_tokenBudget -= estimatedTokens;
    m_dayTokens += estimatedTokens;
    return true;
}

void LlmGovernor::submitEmbedding(Embedder &embedder, const QStringList &texts, Embedder::Done done)
{
    qsizetype characters = 0;
    for (const auto &text : texts)
        characters += text.size();
    const int estimated = int(characters / 4) + 1;
    QString why;
    if (!admit(estimated, why)) {
        QMutexLocker lock(&m_usageMutex);
        ++m_usage.refusedByBudget;
        ++m_usage.embeddingsRefused;
        lock.unlock();
        done(LlmError{LlmError::Kind::OverBudget, QStringLiteral("the governor held the embedding back: %1").arg(why)});
        return;
    }
    {
        QMutexLocker lock(&m_usageMutex);
        ++m_usage.embeddingCalls;
    }
    const QString model = embedder.model();
    embedder.embed(texts, [this, estimated, model, done = std::move(done)](Expected<std::vector<Vector>, LlmError> vectors) {
        {
            QMutexLocker lock(&m_usageMutex);
            if (vectors) {
                m_usage.embeddingTokens += estimated;
                m_usage.costUsd += m_prices.costUsd(model, estimated, 0);
            } else {
                ++m_usage.embeddingFailures;
                m_usage.lastError = vectors.error().message;
            }
        }
        done(std::move(vectors));
    });
}

void LlmGovernor::submit(const LlmRequest &request, qint64 deadlineMs, LlmProvider::Done done)
{
    if (!m_provider) {
        done(LlmError{LlmError::Kind::NotConfigured, QStringLiteral("no language model configured")});
        return;
    }
    const qint64 now = nowMs();
    if (m_openUntilMs >= 0) {
        if (now < m_openUntilMs || m_trialInFlight) {
            QMutexLocker lock(&m_usageMutex);
            ++m_usage.refusedByCircuit;
            lock.unlock();
            done(LlmError{LlmError::Kind::CircuitOpen, QStringLiteral("paused after %1 failed calls in a row; trying again in %2 s")
                                                           .arg(m_limits.failuresToOpen)
                                                           .arg(std::max<qint64>(0, (m_openUntilMs - now) / 1000))});
            return;
        }
        m_trialInFlight = true; // half-open: one call decides
    }
    attempt(request, deadlineMs, 0, std::move(done));
}

void LlmGovernor::attempt(const LlmRequest &request, qint64 deadlineMs, int attemptNumber, LlmProvider::Done done)
{
    const int estimated = estimateTokens(request);
    QString why;
    if (!admit(estimated, why)) {
        m_trialInFlight = false;
        QMutexLocker lock(&m_usageMutex);
        ++m_usage.refusedByBudget;
        lock.unlock();
        done(LlmError{LlmError::Kind::OverBudget, QStringLiteral("the governor held the call back: %1").arg(why)});
        return;
    }
    LlmRequest timed = request;
    timed.timeoutMs = int(std::clamp<qint64>(deadlineMs - nowMs(), 1, request.timeoutMs));
    {
        QMutexLocker lock(&m_usageMutex);
        ++m_usage.calls;
        if (attemptNumber > 0)
            ++m_usage.retries;
    }
    m_provider->complete(timed, [this, request, deadlineMs, attemptNumber, estimated,
                                 done = std::move(done)](Expected<LlmReply, LlmError> result) mutable {
        if (result) {
            const auto &reply = result.value();
            // Settle the estimate with what the provider counted.
            const int used = reply.inputTokens + reply.outputTokens;
            if (used > 0) {
                m_tokenBudget -= used - estimated;
                m_dayTokens += used - estimated;
            }
            m_consecutiveFailures = 0;
            m_openUntilMs = -1;
            m_trialInFlight = false;
            QMutexLocker lock(&m_usageMutex);
            ++m_usage.succeeded;
            m_usage.tokensIn += reply.inputTokens;
            m_usage.tokensOut += reply.outputTokens;
            m_usage.costUsd += m_prices.costUsd(reply.model.isEmpty() ? m_provider->model() : reply.model, reply.inputTokens,
                                                reply.outputTokens);
            m_usage.circuitOpen = false;
            lock.unlock();
            done(std::move(result));
            return;
        }
        const LlmError error = result.error();
        if (error.kind == LlmError::Kind::Throttled) {
            QMutexLocker lock(&m_usageMutex);
            ++m_usage.throttled;
        }
        if (error.isRetryable() && attemptNumber < m_limits.maxRetries) {
            // Exponential backoff with jitter, or what the provider asked for.
            const int ceiling = std::min(m_limits.maxBackoffMs, m_limits.baseBackoffMs << attemptNumber);
            std::uniform_int_distribution<int> spread(ceiling / 2, ceiling);
            const qint64 delay = error.retryAfterMs >= 0 ? error.retryAfterMs : spread(m_jitter);
            if (nowMs() + delay < deadlineMs - 50) {
                QTimer::singleShot(int(delay), this, [this, request, deadlineMs, attemptNumber, done = std::move(done)]() mutable {
                    attempt(request, deadlineMs, attemptNumber + 1, std::move(done));
                });
                return;
            }
        }
        recordFailure(error);
        done(std::move(result));
    });
}

void LlmGovernor::recordFailure(const LlmError &error)
{
    m_trialInFlight = false;
    // Wrong credentials or a model that is not enabled will not fix themselves: open at once.
    const bool configuration = error.kind == LlmError::Kind::BadCredentials || error.kind == LlmError::Kind::ModelNotEnabled ||
                               error.kind == LlmError::Kind::ModelNotFound || error.kind == LlmError::Kind::NotConfigured;
    m_consecutiveFailures = configuration ? m_limits.failuresToOpen : m_consecutiveFailures + 1;
    const bool open = m_consecutiveFailures >= m_limits.failuresToOpen;
    if (open)
        m_openUntilMs = nowMs() + m_limits.openMs;
    QMutexLocker lock(&m_usageMutex);
    ++m_usage.failures;
    m_usage.lastError = error.message;
    m_usage.circuitOpen = open;
}

LlmUsage LlmGovernor::usage() const
{
    QMutexLocker lock(&m_usageMutex);
    return m_usage;
}

void LlmGovernor::countFallbacks(int lines)
{
    QMutexLocker lock(&m_usageMutex);
    m_usage.fallbacks += quint64(lines);
}

void LlmGovernor::countGroundingRejection()
{
    QMutexLocker lock(&m_usageMutex);
    ++m_usage.groundingRejections;
}

} // namespace pitwall::ai
