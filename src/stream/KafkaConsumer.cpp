#include "KafkaConsumer.h"

#include "registry/TopicFraming.h"

#ifdef __linux__
#include <sys/resource.h>
#include <unistd.h>
#endif

#include <QUuid>
#include <chrono>

namespace pitwall {

namespace {

Expected<int> partitionCount(rd_kafka_t *handle, const QString &topic, int timeoutMs)
{
    const auto name = topic.toUtf8();
    rd_kafka_topic_t *topicHandle = rd_kafka_topic_new(handle, name.constData(), nullptr);
    const rd_kafka_metadata_t *metadata = nullptr;
    const auto error = rd_kafka_metadata(handle, 0, topicHandle, &metadata, timeoutMs);
    rd_kafka_topic_destroy(topicHandle);
    if (error != RD_KAFKA_RESP_ERR_NO_ERROR)
        return Error{QStringLiteral("metadata for topic %1: %2").arg(topic, rdk::errorText(error))};
    int count = 0;
    rd_kafka_resp_err_t topicError = RD_KAFKA_RESP_ERR_NO_ERROR;
    if (metadata->topic_cnt == 1) {
        count = metadata->topics[0].partition_cnt;
        topicError = metadata->topics[0].err;
    }
    rd_kafka_metadata_destroy(metadata);
    if (topicError != RD_KAFKA_RESP_ERR_NO_ERROR || count == 0)
        return Error{QStringLiteral("topic %1 is not available: %2").arg(topic, rdk::errorText(topicError))};
    return count;
}

} // namespace

Expected<std::unique_ptr<KafkaConsumer>> KafkaConsumer::create(const KafkaConfig &config, const QStringList &topics,
                                                               StartAt startAt, int timeoutMs, int fetchWaitMs)
{
    auto conf = rdk::makeConf(config, {// A private group id: this consumer assigns partitions itself and never commits.
                                       {QStringLiteral("group.id"),
                                        QStringLiteral("pitwall-") + QUuid::createUuid().toString(QUuid::WithoutBraces)},
                                       {QStringLiteral("enable.auto.commit"), QStringLiteral("false")},
                                       {QStringLiteral("enable.auto.offset.store"), QStringLiteral("false")},
                                       {QStringLiteral("auto.offset.reset"), QStringLiteral("earliest")},
                                       {QStringLiteral("fetch.wait.max.ms"), QString::number(fetchWaitMs)}});
    if (!conf)
        return conf.error();
    auto handle = rdk::makeHandle(RD_KAFKA_CONSUMER, std::move(conf).value());
    if (!handle)
        return handle.error();
    rd_kafka_t *raw = handle.value().get();

    rdk::PartitionList assignment(rd_kafka_topic_partition_list_new(16));
    std::map<PartitionKey, qint64> nextOffsets;
    for (const auto &topic : topics) {
        auto partitions = partitionCount(raw, topic, timeoutMs);
        if (!partitions)
            return partitions.error();
        const auto name = topic.toUtf8();
        for (int partition = 0; partition < partitions.value(); ++partition) {
            qint64 offset = RD_KAFKA_OFFSET_BEGINNING;
            if (startAt == StartAt::End) {
                int64_t low = 0, high = 0;
                const auto error = rd_kafka_query_watermark_offsets(raw, name.constData(), partition, &low, &high, timeoutMs);
                if (error != RD_KAFKA_RESP_ERR_NO_ERROR)
                    return Error{QStringLiteral("end offset of %1/%2: %3").arg(topic).arg(partition).arg(rdk::errorText(error))};
                offset = high;
            }
            rd_kafka_topic_partition_list_add(assignment.get(), name.constData(), partition)->offset = offset;
            nextOffsets[{topic, partition}] = offset >= 0 ? offset : -1;
        }
    }
    if (const auto error = rd_kafka_assign(raw, assignment.get()); error != RD_KAFKA_RESP_ERR_NO_ERROR)
        return Error{QStringLiteral("cannot assign partitions: %1").arg(rdk::errorText(error))};
    std::unique_ptr<KafkaConsumer> consumer(new KafkaConsumer(std::move(handle).value(), std::move(nextOffsets)));
    consumer->m_framing = config.framing();
    return consumer;
}

KafkaConsumer::KafkaConsumer(rdk::Handle handle, std::map<PartitionKey, qint64> nextOffsets)
    : m_handle(std::move(handle))
    , m_nextOffsets(std::move(nextOffsets))
{
}

KafkaConsumer::~KafkaConsumer()
{
    stop();
    rd_kafka_consumer_close(m_handle.get());
}

void KafkaConsumer::start(BatchHandler handler, bool idleTicks, bool background)
{
    m_thread = std::jthread([this, idleTicks, background, handler = std::move(handler)](std::stop_token stop) {
        run(stop, handler, idleTicks, background);
    });
}

void KafkaConsumer::stop()
{
    m_thread.request_stop();
    if (m_thread.joinable())
        m_thread.join();
}

void KafkaConsumer::run(const std::stop_token &stop, const BatchHandler &handler, bool idleTicks, bool background)
{
#ifdef __linux__
    // Per-thread niceness on Linux: the stages' number crunching (ARIMA fits) must not take
    // the CPU from the window's thread on a small machine; back-pressure paces the race.
    if (background)
        setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 5);
#else
    Q_UNUSED(background);
#endif
    std::vector<KafkaRecord> batch;
    while (!stop.stop_requested()) {
        batch.clear();
        rd_kafka_message_t *message = rd_kafka_consumer_poll(m_handle.get(), 100);
        while (message) {
            take(message, batch);
            rd_kafka_message_destroy(message);
            message = batch.size() < kMaxBatch ? rd_kafka_consumer_poll(m_handle.get(), 0) : nullptr;
        }
        if (!batch.empty()) {
            m_consumed += batch.size();
            deliver(handler, std::move(batch));
        } else if (idleTicks) {
            deliver(handler, std::move(batch));
        }
        updateLag();
    }
}

void KafkaConsumer::deliver(const BatchHandler &handler, std::vector<KafkaRecord> &&batch)
{
    // An exception leaving this thread would end the process (std::terminate): the reader
    // (race context, leaderboard, view...) loses this batch, the race goes on.
    QString what;
    try {
        handler(std::move(batch));
        return;
    } catch (const std::exception &error) {
        what = QString::fromLocal8Bit(error.what());
    } catch (...) {
        what = QStringLiteral("an exception that is not a std::exception");
    }
    ++m_handlerFailures;
    recordError(QStringLiteral("consumer: a batch's handler failed (%1); the batch was dropped, reading goes on").arg(what), false);
}

void KafkaConsumer::take(rd_kafka_message_t *message, std::vector<KafkaRecord> &batch)
{
    if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF)
        return;
    if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        // An offset reset means the broker no longer had what we asked for: data was lost.
        recordError(QStringLiteral("consumer: %1").arg(QString::fromUtf8(rd_kafka_message_errstr(message))),
                    message->err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET);
        return;
    }
    KafkaRecord record;
    record.topic = QString::fromUtf8(rd_kafka_topic_name(message->rkt));
    record.partition = message->partition;
    record.offset = message->offset;
    record.timestampMs = rd_kafka_message_timestamp(message, nullptr);
    if (message->key)
        record.key = QByteArray(static_cast<const char *>(message->key), qsizetype(message->key_len));
    if (message->payload)
        record.value = QByteArray(static_cast<const char *>(message->payload), qsizetype(message->len));
    // Cloud mode: a framed message (magic byte 0) back to the JSON the app reads.
    if (m_framing && !record.value.isEmpty() && record.value.front() == '\0') {
        if (auto json = m_framing->fromWire(record.value))
            record.value = std::move(json).value();
        else // kept as it came: the stage that reads it dead-letters it
            recordError(QStringLiteral("%1: %2").arg(record.topic, json.error().message), false);
    }
    rd_kafka_headers_t *headers = nullptr;
    if (rd_kafka_message_headers(message, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR && headers) {
        const char *name = nullptr;
        const void *content = nullptr;
        size_t size = 0;
        for (size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &content, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i)
            record.headers.emplace_back(QByteArray(name), QByteArray(static_cast<const char *>(content), qsizetype(size)));
    }

    auto &next = m_nextOffsets[{record.topic, record.partition}];
    if (next >= 0 && record.offset > next) {
        m_skipped += quint64(record.offset - next);
        {
            QMutexLocker lock(&m_errorMutex);
            m_skippedByTopic[record.topic] += quint64(record.offset - next);
        }
        recordError(QStringLiteral("consumer fell behind on %1/%2: %3 messages skipped")
                        .arg(record.topic)
                        .arg(record.partition)
                        .arg(record.offset - next),
                    true);
    }
    next = record.offset + 1;
    batch.push_back(std::move(record));
}

void KafkaConsumer::updateLag()
{
    qint64 lag = 0;
    bool allFetched = true;
    for (const auto &[partition, next] : m_nextOffsets) {
        int64_t low = -1, high = -1;
        const auto name = partition.first.toUtf8();
        // Cached watermarks from the last fetch response: no network round trip.
        if (rd_kafka_get_watermark_offsets(m_handle.get(), name.constData(), partition.second, &low, &high) == RD_KAFKA_RESP_ERR_NO_ERROR &&
            high >= 0)
            lag += std::max<qint64>(0, high - std::max<qint64>(next, low));
        else
            allFetched = false;
    }
    m_lag = lag;
    if (allFetched)
        m_fetching = true;
}

bool KafkaConsumer::waitUntilFetching(int timeoutMs) const
{
    const auto giveUpAt = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (!m_fetching && std::chrono::steady_clock::now() < giveUpAt)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return m_fetching;
}

void KafkaConsumer::recordError(const QString &reason, bool isSkip)
{
    // Skips have their own counter; they are data loss, not client errors.
    if (!isSkip)
        ++m_errors;
    qCWarning(lcKafka, "%s", qPrintable(reason));
    QMutexLocker lock(&m_errorMutex);
    m_lastError = reason;
}

quint64 KafkaConsumer::skippedFrom(const QString &topic) const
{
    QMutexLocker lock(&m_errorMutex);
    return m_skippedByTopic.value(topic);
}

KafkaConsumer::Stats KafkaConsumer::stats() const
{
    QMutexLocker lock(&m_errorMutex);
    return Stats{m_consumed.load(), m_skipped.load(), m_errors.load(), m_lag.load(), m_handlerFailures.load(), m_lastError};
}

} // namespace pitwall
