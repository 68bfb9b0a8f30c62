#include "StageRunner.h"

#include "DeadLetterOnce.h"

#include "core/Topics.h"
#include "stream/KafkaConsumer.h"
#include "stream/KafkaProducer.h"
#include "stream/RdKafka.h"

#include <chrono>
#include <exception>

namespace pitwall {

StageRunner::StageRunner(StageDefinition definition, KafkaProducer &producer, DeadLetterOnce *deadLetters)
    : m_definition(std::move(definition))
    , m_producer(producer)
    , m_deadLetters(deadLetters)
{
}

StageRunner::~StageRunner()
{
    stop();
}

Expected<bool> StageRunner::applySwitch(const KafkaConfig &config, int timeoutMs, quint64 producedSoFar)
{
    std::lock_guard lifecycle(m_lifecycleMutex);
    if (m_switchedOff) {
        stop();
        return true;
    }
    if (isRunning())
        return true;
    auto started = start(config, timeoutMs);
    if (started)
        countAsHandledUpTo(producedSoFar);
    return started;
}

Expected<bool> StageRunner::start(const KafkaConfig &config, int timeoutMs)
{
    std::lock_guard lifecycle(m_lifecycleMutex);
    if (isRunning())
        return true;
    // Created and positioned outside the lock: the race reads the counters meanwhile.
    auto consumer = KafkaConsumer::create(config, m_definition.inputTopics, KafkaConsumer::StartAt::End, timeoutMs);
    if (!consumer)
        return Error{QStringLiteral("stage %1: %2").arg(m_definition.name, consumer.error().message)};
    bool idlePolls = false;
    {
        QMutexLocker lock(&m_consumerMutex); // isSettled() reads it from other threads
        m_processor = m_definition.makeProcessor();
        idlePolls = m_processor->wantsIdlePolls();
    }
    auto running = std::move(consumer).value();
    running->start([this](std::vector<KafkaRecord> &&batch) { handle(std::move(batch)); }, idlePolls,
                   /*background=*/true);
    if (!running->waitUntilFetching(timeoutMs)) {
        running->stop();
        return Error{QStringLiteral("stage %1: no answer from Kafka within %2 ms").arg(m_definition.name).arg(timeoutMs)};
    }
    QMutexLocker lock(&m_consumerMutex);
    m_consumer = std::move(running);
    return true;
}

void StageRunner::stop()
{
    std::lock_guard lifecycle(m_lifecycleMutex);
    std::unique_ptr<KafkaConsumer> consumer;
    quint64 skippedBefore = 0;
    {
        QMutexLocker lock(&m_consumerMutex);
        if (!m_consumer)
            return;
        consumer = std::move(m_consumer);
        skippedBefore = consumer->skipped();
        m_finalSkipped += skippedBefore; // stays in view while the consumer stops
    }
    consumer->stop();
    const auto stats = consumer->stats();
    QMutexLocker lock(&m_consumerMutex);
    m_finalLag = stats.lag;
    m_finalSkipped += stats.skipped - std::min(stats.skipped, skippedBefore);
}

bool StageRunner::isRunning() const
{
    QMutexLocker lock(&m_consumerMutex);
    return m_consumer != nullptr;
}

quint64 StageRunner::handledOrLost() const
{
    QMutexLocker lock(&m_consumerMutex);
    return m_metrics.handled() + m_finalSkipped + m_passedWhileOff + (m_consumer ? m_consumer->skipped() : 0);
}

void StageRunner::countAsHandledUpTo(quint64 records)
{
    const quint64 handled = handledOrLost();
    if (records > handled)
        m_passedWhileOff += records - handled;
}

void StageRunner::handle(std::vector<KafkaRecord> &&batch)
{
    using Clock = std::chrono::steady_clock;
    std::vector<StageOutput> outputs;
    for (const auto &record : batch) {
        outputs.clear();
        const auto began = Clock::now();
        std::optional<QString> refusal;
        try {
            refusal = m_processor->process(record, outputs);
        } catch (const std::exception &error) {
            refusal = QStringLiteral("stage failed: %1").arg(QString::fromUtf8(error.what()));
        } catch (...) {
            refusal = QStringLiteral("stage failed");
        }
        m_metrics.recordLatency(std::chrono::duration<double, std::micro>(Clock::now() - began).count());
        if (refusal && refusal->startsWith(QLatin1String("stage failed"))) {
            // Its state may be broken: start over with a fresh processor.
            m_metrics.recordFailure();
            m_metrics.recordRestart();
            {
                QMutexLocker lock(&m_consumerMutex); // isSettled() reads it from other threads
                m_processor = m_definition.makeProcessor();
            }
            outputs.clear();
        }
        if (refusal) {
            deadLetter(record, *refusal);
        } else {
            for (const auto &output : outputs)
                m_producer.produce(output.topic, output.key, output.value);
            m_metrics.recordOut(outputs.size());
        }
        m_metrics.recordIn(1); // counted once handled: what the back-pressure waits for
    }
    // What an asynchronous stage finished meanwhile (LLM answers, embeddings).
    outputs.clear();
    try {
        m_processor->poll(outputs);
    } catch (const std::exception &error) {
        m_metrics.recordFailure();
        QMutexLocker lock(&m_errorMutex);
        m_lastError = QStringLiteral("stage failed while finishing work: %1").arg(QString::fromUtf8(error.what()));
        outputs.clear();
    }
    for (const auto &output : outputs)
        m_producer.produce(output.topic, output.key, output.value);
    m_metrics.recordOut(outputs.size());
}

void StageRunner::deadLetter(const KafkaRecord &record, const QString &reason)
{
    m_metrics.recordDeadLetter();
    {
        QMutexLocker lock(&m_errorMutex);
        m_lastError = QStringLiteral("%1/%2@%3: %4").arg(record.topic).arg(record.partition).arg(record.offset).arg(reason);
    }
    if (m_deadLetters && !m_deadLetters->firstRefusal(record.topic, record.partition, record.offset))
        return; // another stage reading this topic copied it already
    // The original bytes unchanged; where they came from and why, in headers.
    m_producer.produce(topics::kDeadLetters, record.key, record.value,
                       {{"pitwall.dlq.stage", m_definition.name.toUtf8()},
                        {"pitwall.dlq.reason", reason.toUtf8()},
                        {"pitwall.dlq.topic", record.topic.toUtf8()},
                        {"pitwall.dlq.partition", QByteArray::number(record.partition)},
                        {"pitwall.dlq.offset", QByteArray::number(record.offset)}});
}

StageMetrics::Snapshot StageRunner::snapshot() const
{
    QMutexLocker lock(&m_consumerMutex);
    auto snapshot = m_metrics.snapshot();
    snapshot.enabled = !m_switchedOff;
    snapshot.lag = m_finalLag;
    snapshot.skipped = m_finalSkipped;
    if (m_consumer) {
        const auto consumed = m_consumer->stats();
        snapshot.lag = consumed.lag;
        snapshot.skipped += consumed.skipped;
    }
    return snapshot;
}

bool StageRunner::isSettled() const
{
    QMutexLocker lock(&m_consumerMutex);
    return !m_consumer || !m_processor || m_processor->isSettled();
}

QString StageRunner::lastError() const
{
    QMutexLocker lock(&m_errorMutex);
    return m_lastError;
}

} // namespace pitwall
