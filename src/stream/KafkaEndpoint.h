#pragma once
// The Kafka cluster the app talks to: the embedded broker (default) or a real cluster
// given by a bootstrap address and librdkafka properties. Owns the embedded broker, so
// it stays up as long as this object lives. prepare() is blocking: run it in a worker.

#include "EmbeddedBroker.h"
#include "KafkaConfig.h"
#include "core/Expected.h"
#include "registry/TopicFraming.h"

#include <QList>
#include <memory>
#include <optional>

namespace pitwall {

class KafkaEndpoint {
public:
    static constexpr int kDefaultTimeoutMs = 8000;

    // external == nullopt starts the embedded broker; otherwise checks the cluster is
    // reachable and creates the demo's topics that it lacks. When `external` names a
    // Schema Registry (cloud mode), `schemas` are the topics' value schemas to register:
    // the caller's, since what the topics hold is decided above this layer.
    static Expected<std::shared_ptr<KafkaEndpoint>> prepare(const std::optional<KafkaConfig> &external,
                                                            const QList<registry::TopicSchema> &schemas,
                                                            int timeoutMs = kDefaultTimeoutMs);
    // No schemas: the embedded broker, or a cluster without a Schema Registry.
    static Expected<std::shared_ptr<KafkaEndpoint>> prepare(const std::optional<KafkaConfig> &external, int timeoutMs = kDefaultTimeoutMs)
    {
        return prepare(external, {}, timeoutMs);
    }

    bool isEmbedded() const { return m_broker != nullptr; }
    // The address to give other Kafka clients (the embedded broker's front door).
    QString bootstrap() const { return m_broker ? m_broker->bootstrap() : m_clientConfig.bootstrap(); }
    // Records and connections the embedded broker's front door refused (zero for a real cluster).
    KafkaFrontDoor::Counts frontDoorCounts() const { return m_broker ? m_broker->frontDoorCounts() : KafkaFrontDoor::Counts{}; }
    // What producers and consumers of this cluster are created with.
    const KafkaConfig &clientConfig() const { return m_clientConfig; }
    qint64 prepareMs() const { return m_prepareMs; }

private:
    std::unique_ptr<EmbeddedBroker> m_broker;
    KafkaConfig m_clientConfig;
    qint64 m_prepareMs = 0;
};

} // namespace pitwall
