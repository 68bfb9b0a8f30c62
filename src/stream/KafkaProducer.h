#pragma once
// Produces to Kafka with delivery reports. A background thread serves librdkafka's
// callbacks; every delivery failure is counted and its reason kept for the status bar.

#include "KafkaConfig.h"
#include "RdKafka.h"
#include "core/Expected.h"

#include <QByteArrayView>
#include <QMutex>
#include <atomic>
#include <functional>
#include "core/Topics.h"

#include <array>
#include <map>
#include <memory>
#include <thread>
#include <vector>

namespace pitwall {

class KafkaProducer {
public:
    struct Stats {
        quint64 enqueued = 0;
        quint64 delivered = 0;
        quint64 failed = 0; // refused locally or reported failed by the broker
        QString lastError;
        std::map<QString, quint64> deliveredByTopic;
    };

    static Expected<std::unique_ptr<KafkaProducer>> create(const KafkaConfig &config);
    // Flushes what is queued (bounded wait), then stops the callback thread.
    ~KafkaProducer();

    KafkaProducer(const KafkaProducer &) = delete;
    KafkaProducer &operator=(const KafkaProducer &) = delete;

    // Queues one message (copied). Waits briefly if the local queue is full; returns false
    // and counts a failure if it stays full or the topic is invalid.
    bool produce(const char *topic, QByteArrayView key, QByteArrayView value);
    // The same, with Kafka record headers (name, value), e.g. for dead letters.
    bool produce(const char *topic, QByteArrayView key, QByteArrayView value,
                 const std::vector<std::pair<QByteArray, QByteArray>> &headers);
    // Sees every message this producer queues, on the producing thread (e.g. the race
    // recorder). Set it before producing.
    using Tap = std::function<void(const char *topic, QByteArrayView key, QByteArrayView value)>;
    void setTap(Tap tap) { m_tap = std::move(tap); }
    // True when every queued message was delivered or failed within the timeout.
    bool flush(int timeoutMs);
    Stats stats() const;
    // Messages the broker acknowledged on one topic (cheaper than stats()).
    quint64 deliveredTo(const char *topic) const;
    // Messages queued to one of Pit Wall's topics (core/Topics.h; 0 for others), at once:
    // acknowledgements come later, in bursts, so back-pressure counts these.
    quint64 enqueuedTo(const char *topic) const;

private:
    explicit KafkaProducer(rdk::Handle handle);
    static void onDelivery(rd_kafka_t *, const rd_kafka_message_t *message, void *opaque);
    static void onError(rd_kafka_t *, int error, const char *reason, void *opaque);
    void recordFailure(const QString &reason);
    // json: what the tap sees; value: what goes to Kafka (the same unless framed).
    bool send(const char *topic, QByteArrayView key, QByteArrayView json, QByteArrayView value,
              const std::vector<std::pair<QByteArray, QByteArray>> &headers);

    rdk::Handle m_handle;
    std::atomic<quint64> m_enqueued{0};
    std::array<std::atomic<quint64>, std::size(topics::kAll)> m_enqueuedByTopic{};
    std::atomic<quint64> m_delivered{0};
    std::atomic<quint64> m_failed{0};
    mutable QMutex m_errorMutex; // guards m_lastError and m_deliveredByTopic
    QString m_lastError;
    std::map<std::string, quint64> m_deliveredByTopic;
    Tap m_tap;
    std::shared_ptr<const registry::TopicFraming> m_framing; // cloud mode's wire format, or null
    std::jthread m_poller;
};

} // namespace pitwall
