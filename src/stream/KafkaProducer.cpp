#include "KafkaProducer.h"

#include "core/Topics.h"

#include "registry/TopicFraming.h"

#include <chrono>

namespace pitwall {

namespace {

constexpr int kQueueFullRetryMs = 2000;
constexpr int kShutdownFlushMs = 5000;

} // namespace

Expected<std::unique_ptr<KafkaProducer>> KafkaProducer::create(const KafkaConfig &config)
{
    // Batches of at most 1000 messages: a broker that drops whole batches to keep its
    // retention (the embedded one keeps ~5 MB a partition) then drops them in small steps.
    auto conf = rdk::makeConf(config, {{QStringLiteral("linger.ms"), QStringLiteral("5")},
                                       {QStringLiteral("batch.num.messages"), QStringLiteral("1000")}});
    if (!conf)
        return conf.error();
    rd_kafka_conf_set_dr_msg_cb(conf.value().get(), &KafkaProducer::onDelivery);
    rd_kafka_conf_set_error_cb(conf.value().get(), &KafkaProducer::onError);
    // The callbacks find the producer through the opaque, so it exists before its handle.
    std::unique_ptr<KafkaProducer> producer(new KafkaProducer(nullptr));
    rd_kafka_conf_set_opaque(conf.value().get(), producer.get());
    auto handle = rdk::makeHandle(RD_KAFKA_PRODUCER, std::move(conf).value());
    if (!handle)
        return handle.error();
    producer->m_handle = std::move(handle).value();
    producer->m_framing = config.framing();
    producer->m_poller = std::jthread([raw = producer->m_handle.get()](std::stop_token stop) {
        while (!stop.stop_requested())
            rd_kafka_poll(raw, 100);
    });
    return producer;
}

KafkaProducer::KafkaProducer(rdk::Handle handle)
    : m_handle(std::move(handle))
{
}

KafkaProducer::~KafkaProducer()
{
    if (m_handle)
        flush(kShutdownFlushMs);
    m_poller.request_stop();
    if (m_poller.joinable())
        m_poller.join();
}

bool KafkaProducer::produce(const char *topic, QByteArrayView key, QByteArrayView value)
{
    return produce(topic, key, value, {});
}

bool KafkaProducer::produce(const char *topic, QByteArrayView key, QByteArrayView value,
                            const std::vector<std::pair<QByteArray, QByteArray>> &headers)
{
    if (m_framing && m_framing->covers(topic)) { // cloud mode: Schema Registry wire format
        auto wire = m_framing->toWire(topic, value);
        if (!wire) {
            recordFailure(QStringLiteral("produce to %1: %2").arg(QString::fromUtf8(topic), wire.error().message));
            return false;
        }
        return send(topic, key, value, wire.value(), headers);
    }
    return send(topic, key, value, value, headers);
}

bool KafkaProducer::send(const char *topic, QByteArrayView key, QByteArrayView json, QByteArrayView value,
                         const std::vector<std::pair<QByteArray, QByteArray>> &headers)
{
    using Clock = std::chrono::steady_clock;
    const auto giveUpAt = Clock::now() + std::chrono::milliseconds(kQueueFullRetryMs);
    for (;;) {
        // librdkafka takes ownership of the header list only when the produce succeeds.
        rd_kafka_headers_t *list = nullptr;
        if (!headers.empty()) {
            list = rd_kafka_headers_new(headers.size());
            for (const auto &[name, content] : headers)
                rd_kafka_header_add(list, name.constData(), name.size(), content.constData(), content.size());
        }
        const auto error = list ? rd_kafka_producev(m_handle.get(), RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                                    RD_KAFKA_V_KEY(const_cast<char *>(key.data()), size_t(key.size())),
                                                    RD_KAFKA_V_VALUE(const_cast<char *>(value.data()), size_t(value.size())),
                                                    RD_KAFKA_V_HEADERS(list), RD_KAFKA_V_END)
                                : rd_kafka_producev(m_handle.get(), RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                                    RD_KAFKA_V_KEY(const_cast<char *>(key.data()), size_t(key.size())),
                                                    RD_KAFKA_V_VALUE(const_cast<char *>(value.data()), size_t(value.size())),
                                                    RD_KAFKA_V_END);
        if (error != RD_KAFKA_RESP_ERR_NO_ERROR && list)
            rd_kafka_headers_destroy(list);
        if (error == RD_KAFKA_RESP_ERR_NO_ERROR) {
            ++m_enqueued;
            if (const int index = topics::indexOf(topic); index >= 0)
                ++m_enqueuedByTopic[size_t(index)];
            if (m_tap)
                m_tap(topic, key, json);
            return true;
        }
        // A full local queue is back-pressure: wait for deliveries to drain it, for a while.
        if (error != RD_KAFKA_RESP_ERR__QUEUE_FULL || Clock::now() > giveUpAt) {
            recordFailure(QStringLiteral("produce to %1: %2").arg(QString::fromUtf8(topic), rdk::errorText(error)));
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

bool KafkaProducer::flush(int timeoutMs)
{
    return rd_kafka_flush(m_handle.get(), timeoutMs) == RD_KAFKA_RESP_ERR_NO_ERROR;
}

quint64 KafkaProducer::enqueuedTo(const char *topic) const
{
    const int index = topics::indexOf(topic);
    return index < 0 ? 0 : m_enqueuedByTopic[size_t(index)].load();
}

quint64 KafkaProducer::deliveredTo(const char *topic) const
{
    QMutexLocker lock(&m_errorMutex);
    const auto found = m_deliveredByTopic.find(topic);
    return found == m_deliveredByTopic.end() ? 0 : found->second;
}

KafkaProducer::Stats KafkaProducer::stats() const
{
    QMutexLocker lock(&m_errorMutex);
    Stats stats{m_enqueued.load(), m_delivered.load(), m_failed.load(), m_lastError, {}};
    for (const auto &[topic, count] : m_deliveredByTopic)
        stats.deliveredByTopic[QString::fromStdString(topic)] = count;
    return stats;
}

void KafkaProducer::recordFailure(const QString &reason)
{
    ++m_failed;
    QMutexLocker lock(&m_errorMutex);
    m_lastError = reason;
}

void KafkaProducer::onDelivery(rd_kafka_t *, const rd_kafka_message_t *message, void *opaque)
{
    auto *self = static_cast<KafkaProducer *>(opaque);
    if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        {
            QMutexLocker lock(&self->m_errorMutex);
            ++self->m_deliveredByTopic[rd_kafka_topic_name(message->rkt)];
        }
        ++self->m_delivered;
    } else
        self->recordFailure(QStringLiteral("delivery to %1 failed: %2")
                                .arg(QString::fromUtf8(rd_kafka_topic_name(message->rkt)), rdk::errorText(message->err)));
}

void KafkaProducer::onError(rd_kafka_t *, int error, const char *reason, void *opaque)
{
    // Connection trouble is reported here; librdkafka retries by itself, so these are
    // shown (last error) but only fatal ones count as failures of messages.
    auto *self = static_cast<KafkaProducer *>(opaque);
    const auto text = QStringLiteral("Kafka: %1").arg(QString::fromUtf8(reason));
    qCWarning(lcKafka, "%s (%s)", qPrintable(text), rd_kafka_err2name(rd_kafka_resp_err_t(error)));
    QMutexLocker lock(&self->m_errorMutex);
    self->m_lastError = text;
}

} // namespace pitwall
