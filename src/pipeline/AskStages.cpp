#include "AskStages.h"

#include "core/JsonCodec.h"
#include "core/Topics.h"

namespace pitwall {

using namespace codec;

void StageOutbox::finished(std::optional<StageOutput> output)
{
    QMutexLocker lock(&m_mutex);
    if (output)
        m_ready.push_back(std::move(*output));
    --m_inFlight;
}

bool StageOutbox::isSettled() const
{
    QMutexLocker lock(&m_mutex);
    return m_inFlight == 0 && m_ready.empty();
}

void StageOutbox::drainInto(std::vector<StageOutput> &out)
{
    QMutexLocker lock(&m_mutex);
    for (auto &output : m_ready)
        out.push_back(std::move(output));
    m_ready.clear();
}

AiStageProcessor::AiStageProcessor(std::shared_ptr<AiServices> ai)
    : m_ai(std::move(ai))
    , m_outbox(std::make_shared<StageOutbox>())
{
}

void AiStageProcessor::poll(std::vector<StageOutput> &out)
{
    m_outbox->drainInto(out);
}

std::optional<QString> CommentaryIndexProcessor::process(const KafkaRecord &record, std::vector<StageOutput> &)
{
    auto commentary = decodeCommentary(record.value);
    if (!commentary)
        return commentary.error().describe();
    m_batch.push_back(std::move(commentary).value());
    m_hasBatch = true;
    return std::nullopt;
}

void CommentaryIndexProcessor::poll(std::vector<StageOutput> &)
{
    if (m_batch.empty())
        return;
    std::vector<Commentary> batch;
    batch.swap(m_batch);
    m_outbox->started();
    m_hasBatch = false;
    AiServices *services = m_ai.get();
    std::shared_ptr<StageOutbox> outbox = m_outbox;
    // The services outlive the stage (the session holds them until its stages stopped).
    m_ai->post([services, outbox, batch = std::move(batch)] {
        QStringList texts;
        for (const auto &line : batch)
            texts << line.message;
        services->embed(texts, [services, outbox, batch](Expected<std::vector<ai::Vector>, ai::LlmError> vectors) {
            if (!vectors) {
                for (size_t i = 0; i < batch.size(); ++i)
                    services->countIndexed(false, QStringLiteral("embedding: %1").arg(vectors.error().message));
                outbox->finished(std::nullopt);
                return;
            }
            for (size_t i = 0; i < batch.size(); ++i) {
                const auto &line = batch[i];
                const vector::StoredLine stored{
                    line.id, line.message, line.raceId, line.timestampMs, commentaryTypeName(line.type), line.source};
                const auto added = services->store()->add(stored, vectors.value()[i]);
                services->countIndexed(added.hasValue(), added.hasValue() ? QString() : added.error().message);
            }
            outbox->finished(std::nullopt);
        });
    });
}

std::optional<QString> AskEmbedProcessor::process(const KafkaRecord &record, std::vector<StageOutput> &out)
{
    auto query = decodeCommentaryQuery(record.value);
    if (!query)
        return query.error().describe();
    AiServices *services = m_ai.get();
    std::shared_ptr<StageOutbox> outbox = m_outbox;
    const QByteArray key = record.key;
    if (!services->admitQuestion()) {
        // A flood of questions waits nowhere: each is answered at once that it was not taken.
        CommentaryQueryResult refused{query.value().id,
                                      query.value().query,
                                      {},
                                      {},
                                      {},
                                      QStringLiteral("too many questions waiting (%1); ask again shortly").arg(AiServices::kMaxQueuedQuestions)};
        out.push_back(StageOutput{topics::kCommentaryQueryResults, key, encode(refused)});
        return std::nullopt;
    }
    outbox->started();
    m_ai->post([services, outbox, key, query = query.value()] {
        services->embed({query.query}, [services, outbox, key, query](Expected<std::vector<ai::Vector>, ai::LlmError> vectors) {
            services->questionDone();
            if (!vectors) {
                // The asker still gets an answer: no matches, and why.
                CommentaryQueryResult failed{query.id, query.query, {}, {}, {}, vectors.error().message};
                outbox->finished(StageOutput{topics::kCommentaryQueryResults, key, encode(failed)});
                return;
            }
            const CommentaryQueryVector vector{query.query, vectors.value().front(), query.id, query.raceId};
            outbox->finished(StageOutput{topics::kCommentaryQueryVectors, key, encode(vector)});
        });
    });
    return std::nullopt;
}

ai::LlmRequest askAnswerRequest(const QString &question, const QVector<CommentaryMatch> &matches, const QString &raceState)
{
    ai::LlmRequest request;
    request.system = QStringLiteral("You answer questions about a Formula 1 race using only the commentary lines and the race state given. "
                                    "If they do not hold the answer, say so. Two sentences at most.");
    QStringList lines;
    for (const auto &match : matches)
        lines << QStringLiteral("- %1").arg(match.message);
    request.prompt = QStringLiteral("Commentary:\n%1\n\n").arg(lines.join(QLatin1Char('\n')));
    if (!raceState.isEmpty())
        request.prompt += QStringLiteral("Race state now:\n%1\n\n").arg(raceState);
    request.prompt += QStringLiteral("Question: %1").arg(question);
    request.maxTokens = 150;
    request.timeoutMs = 15000;
    return request;
}

std::optional<QString> AskSearchProcessor::process(const KafkaRecord &record, std::vector<StageOutput> &)
{
    auto vector = decodeCommentaryQueryVector(record.value);
    if (!vector)
        return vector.error().describe();
    AiServices *services = m_ai.get();
    std::shared_ptr<StageOutbox> outbox = m_outbox;
    outbox->started();
    const QByteArray key = record.key;
    m_ai->post([services, outbox, key, query = vector.value()] {
        CommentaryQueryResult result{query.id, query.query, {}, {}, {}, {}};
        const auto found = services->store()->search(query.embedding, kTopK, query.raceId);
        if (!found) {
            result.error = found.error().message;
        } else {
            for (const auto &match : found.value())
                result.results.push_back({match.line.message, match.score, match.line.raceId, match.line.timestampMs,
                                          match.line.type, match.line.source});
            if (result.results.isEmpty())
                result.error = QStringLiteral("no commentary stored yet");
        }
        auto *governor = services->governor();
        if (!governor || result.results.isEmpty()) {
            outbox->finished(StageOutput{topics::kCommentaryQueryResults, key, encode(result)});
            return;
        }
        const auto request = askAnswerRequest(query.query, result.results, services->raceState());
        governor->submit(request, governor->nowMs() + request.timeoutMs,
                         [outbox, key, result, model = services->llmLabel()](Expected<ai::LlmReply, ai::LlmError> reply) mutable {
                             if (reply) {
                                 result.answer = reply.value().text.trimmed();
                                 result.answerSource = model;
                             } else {
                                 result.error = QStringLiteral("no answer from the model: %1").arg(reply.error().message);
                             }
                             outbox->finished(StageOutput{topics::kCommentaryQueryResults, key, encode(result)});
                         });
    });
    return std::nullopt;
}

} // namespace pitwall
