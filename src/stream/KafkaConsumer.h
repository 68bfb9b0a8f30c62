#pragma once
// Consumes topics in a worker thread and hands records over in batches. Assigns the
// partitions itself (no group rebalance), so it starts exactly where it is told to.
//
// Skips are never silent: a gap between consecutive offsets of a partition (the
// embedded broker dropped data the consumer had not read yet) is counted in `skipped`.
// The demo's topics are neither compacted nor transactional, so offsets are dense.

#include "KafkaConfig.h"
#include "RdKafka.h"
#include "core/Expected.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QStringList>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <thread>
#include <vector>

namespace pitwall {

struct KafkaRecord {
    QString topic;
    int partition = 0;
    qint64 offset = 0;
    qint64 timestampMs = 0;
    QByteArray key;
    QByteArray value;
    std::vector<std::pair<QByteArray, QByteArray>> headers;
};

class KafkaConsumer {
public:
    enum class StartAt { End, Beginning };

    struct Stats {
        quint64 consumed = 0;
        quint64 skipped = 0; // messages lost between the broker and us
        quint64 errors = 0;
        qint64 lag = 0;              // messages on the broker not consumed yet
        quint64 handlerFailures = 0; // batches whose handler threw (also counted in errors)
        QString lastError;
    };

    // Called on the consumer thread with each batch, in offset order per partition. An
    // exception out of it (of any type) is caught, counted and said; the reading goes on.
    using BatchHandler = std::function<void(std::vector<KafkaRecord> &&)>;

    // Blocking (metadata and watermark queries): call from a worker thread.
    // StartAt::End starts at each partition's end as measured now, so every message
    // produced after create() returns is seen.
    // fetchWaitMs: how long a fetch may wait at the broker for data; readers a person
    // watches use a short one (brokers may hold an empty fetch for all of it).
    static Expected<std::unique_ptr<KafkaConsumer>> create(const KafkaConfig &config, const QStringList &topics, StartAt startAt,
                                                           int timeoutMs, int fetchWaitMs = 100);
    ~KafkaConsumer();

    KafkaConsumer(const KafkaConsumer &) = delete;
    KafkaConsumer &operator=(const KafkaConsumer &) = delete;

    // idleTicks: the handler is also called with an empty batch when a poll brings nothing.
    // background: the thread yields the CPU to the window's (lower scheduling priority).
    void start(BatchHandler handler, bool idleTicks = false, bool background = false);
    void stop();
    // After start(): waits until a fetch has come back from every assigned partition.
    // A consumer's first fetch can lag its start by a second; a producer that floods the
    // embedded broker meanwhile would push the first messages out of its window.
    bool waitUntilFetching(int timeoutMs) const;
    Stats stats() const;
    // Messages of one topic lost because this consumer fell behind the broker's retention.
    quint64 skippedFrom(const QString &topic) const;
    // The skip count alone, lock-free: for checks made on every step of a race.
    quint64 skipped() const { return m_skipped.load(); }

    static constexpr size_t kMaxBatch = 2000;

private:
    using PartitionKey = std::pair<QString, int>;

    explicit KafkaConsumer(rdk::Handle handle, std::map<PartitionKey, qint64> nextOffsets);
    void run(const std::stop_token &stop, const BatchHandler &handler, bool idleTicks, bool background);
    void take(rd_kafka_message_t *message, std::vector<KafkaRecord> &batch);
    void updateLag();
    // The thread boundary: runs the handler, nothing thrown gets past it.
    void deliver(const BatchHandler &handler, std::vector<KafkaRecord> &&batch);
    void recordError(const QString &reason, bool isSkip);

    rdk::Handle m_handle;
    // Next expected offset per partition; -1 until the first message when unknown.
    std::map<PartitionKey, qint64> m_nextOffsets;
    std::atomic<quint64> m_consumed{0};
    std::atomic<quint64> m_skipped{0};
    std::atomic<quint64> m_errors{0};
    std::atomic<quint64> m_handlerFailures{0};
    std::atomic<qint64> m_lag{0};
    std::atomic<bool> m_fetching{false};
    mutable QMutex m_errorMutex;
    QHash<QString, quint64> m_skippedByTopic; // guarded by m_errorMutex
    QString m_lastError;
    std::shared_ptr<const registry::TopicFraming> m_framing; // cloud mode's wire format, or null
    std::jthread m_thread;
};

} // namespace pitwall
