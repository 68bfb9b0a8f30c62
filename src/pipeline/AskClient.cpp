#include "AskClient.h"

#include "PipelineEngine.h"
#include "core/JsonCodec.h"
#include "core/Topics.h"
#include "stream/KafkaConsumer.h"
#include "stream/KafkaProducer.h"

#include <QUuid>
#include <condition_variable>
#include <mutex>

namespace pitwall {

Expected<CommentaryQueryResult> askThroughKafka(const KafkaConfig &config, CommentaryQuery query, int timeoutMs)
{
    if (query.query.trimmed().isEmpty())
        return Error{QStringLiteral("the question is empty")};
    if (query.id.isEmpty())
        query.id = QUuid::createUuid().toString(QUuid::WithoutBraces);

    // Listen before asking, so the answer cannot come first.
    auto consumer = KafkaConsumer::create(config, {QString::fromLatin1(topics::kCommentaryQueryResults)},
                                          KafkaConsumer::StartAt::End, timeoutMs, 20);
    if (!consumer)
        return consumer.error();
    std::mutex mutex;
    std::condition_variable arrived;
    std::optional<CommentaryQueryResult> answer;
    consumer.value()->start([&](std::vector<KafkaRecord> &&batch) {
        for (const auto &record : batch) {
            auto result = codec::decodeCommentaryQueryResult(record.value);
            if (!result || result->id != query.id)
                continue; // someone else's answer, or not one at all
            std::lock_guard lock(mutex);
            answer = std::move(result).value();
            arrived.notify_all();
        }
    });
    if (!consumer.value()->waitUntilFetching(timeoutMs))
        return Error{QStringLiteral("Kafka does not answer fetches")};

    auto producer = KafkaProducer::create(config);
    if (!producer)
        return producer.error();
    producer.value()->produce(topics::kCommentaryQueries, query.id.toUtf8(), codec::encode(query));
    if (!producer.value()->flush(timeoutMs))
        return Error{QStringLiteral("the question could not be sent to Kafka")};

    std::unique_lock lock(mutex);
    const bool answered = arrived.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return answer.has_value(); });
    lock.unlock();
    consumer.value()->stop();
    if (!answered)
        return Error{QStringLiteral("no answer within %1 s (are the ask-embed and ask-search stages running?)").arg(timeoutMs / 1000)};
    return *answer;
}

Expected<CommentaryQueryResult> askWithOwnStages(const KafkaConfig &config, const std::shared_ptr<AiServices> &ai,
                                                 CommentaryQuery query, int timeoutMs)
{
    auto producer = KafkaProducer::create(config);
    if (!producer)
        return producer.error();
    std::vector<StageDefinition> stages;
    for (auto &stage : pipelineDefinition(ai))
        if (stage.name == QLatin1String("ask-embed") || stage.name == QLatin1String("ask-search"))
            stages.push_back(std::move(stage));
    PipelineEngine engine(config, *producer.value(), std::move(stages));
    if (auto started = engine.start(timeoutMs); !started)
        return started.error();
    auto result = askThroughKafka(config, std::move(query), timeoutMs);
    engine.stop();
    return result;
}

} // namespace pitwall
