#pragma once
// An in-process Kafka-protocol broker on loopback: librdkafka's mock cluster. Any Kafka
// client (kcat, another librdkafka program) can use bootstrap() while the app runs; it
// reaches the broker through a front door that refuses oversized records (KafkaFrontDoor).
//
// It is a live transport, not storage: librdkafka 2.0.2's mock keeps only the last ~5 MB
// of each partition and a consumer that falls further behind skips ahead.

#include "KafkaFrontDoor.h"
#include "core/Expected.h"

#include <QString>
#include <memory>

struct rd_kafka_mock_cluster_s;

namespace pitwall {

class EmbeddedBroker {
public:
    static constexpr int kDefaultPartitions = 3;

    // Starts the broker and creates the demo's topics with `partitions` partitions each.
    static Expected<std::unique_ptr<EmbeddedBroker>> start(int partitions = kDefaultPartitions);
    ~EmbeddedBroker();

    EmbeddedBroker(const EmbeddedBroker &) = delete;
    EmbeddedBroker &operator=(const EmbeddedBroker &) = delete;

    // "127.0.0.1:PORT": the front door, for every client that is not Pit Wall's own.
    QString bootstrap() const { return m_frontDoor->bootstrap(); }
    // The broker itself, for Pit Wall's own producers and consumers.
    QString internalBootstrap() const { return m_bootstrap; }
    KafkaFrontDoor::Counts frontDoorCounts() const { return m_frontDoor->counts(); }
    Expected<bool> createTopic(const QString &topic, int partitions);

private:
    struct Handles;
    explicit EmbeddedBroker(std::unique_ptr<Handles> handles);

    std::unique_ptr<Handles> m_handles;
    QString m_bootstrap;
    std::unique_ptr<KafkaFrontDoor> m_frontDoor; // declared last: closed before the broker
};

} // namespace pitwall
