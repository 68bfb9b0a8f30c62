#include "KafkaEndpoint.h"

#include "KafkaAdmin.h"
#include "registry/TopicFraming.h"

#include <QElapsedTimer>

namespace pitwall {

Expected<std::shared_ptr<KafkaEndpoint>> KafkaEndpoint::prepare(const std::optional<KafkaConfig> &external,
                                                                const QList<registry::TopicSchema> &schemas, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    auto endpoint = std::make_shared<KafkaEndpoint>();
    if (!external) {
        auto broker = EmbeddedBroker::start();
        if (!broker)
            return broker.error();
        endpoint->m_broker = std::move(broker).value();
        endpoint->m_clientConfig.setBootstrap(endpoint->m_broker->internalBootstrap());
    } else {
        if (external->bootstrap().isEmpty())
            return Error{QStringLiteral("no Kafka bootstrap address: set bootstrap.servers or use --bootstrap HOST:PORT")};
        endpoint->m_clientConfig = *external;
        if (auto ready = kafka_admin::ensureTopics(*external, EmbeddedBroker::kDefaultPartitions, timeoutMs); !ready)
            return ready.error();
        if (external->registry()) {
            if (schemas.isEmpty())
                return Error{QStringLiteral("a Schema Registry is configured but no topic schemas were given to register")};
            // Cloud mode: the topics' schemas registered (idempotent), so what Pit Wall
            // produces and Flink's tables read agree; every client made from here frames.
            auto framing = registry::registerTopicSchemas(*external->registry(), schemas);
            if (!framing)
                return framing.error();
            endpoint->m_clientConfig.setFraming(std::move(framing).value());
        }
    }
    endpoint->m_prepareMs = clock.elapsed();
    return endpoint;
}

} // namespace pitwall
