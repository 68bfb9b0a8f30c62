#include "EmbeddedBroker.h"

#include "RdKafka.h"
#include "core/Topics.h"

#include <librdkafka/rdkafka_mock.h>

namespace pitwall {

struct EmbeddedBroker::Handles {
    // The mock cluster needs a client instance for its book-keeping; it must outlive the cluster.
    rdk::Handle owner;
    rd_kafka_mock_cluster_t *cluster = nullptr;

    ~Handles()
    {
        if (cluster)
            rd_kafka_mock_cluster_destroy(cluster);
    }
};

EmbeddedBroker::EmbeddedBroker(std::unique_ptr<Handles> handles)
    : m_handles(std::move(handles))
    , m_bootstrap(QString::fromUtf8(rd_kafka_mock_cluster_bootstraps(m_handles->cluster)))
{
}

EmbeddedBroker::~EmbeddedBroker() = default;

Expected<std::unique_ptr<EmbeddedBroker>> EmbeddedBroker::start(int partitions)
{
    auto conf = rdk::makeConf(KafkaConfig{});
    if (!conf)
        return conf.error();
    auto owner = rdk::makeHandle(RD_KAFKA_PRODUCER, std::move(conf).value());
    if (!owner)
        return owner.error();
    auto handles = std::make_unique<Handles>();
    handles->owner = std::move(owner).value();
    handles->cluster = rd_kafka_mock_cluster_new(handles->owner.get(), 1);
    if (!handles->cluster)
        return Error{QStringLiteral("the embedded Kafka broker could not start (no loopback port?)")};

    std::unique_ptr<EmbeddedBroker> broker(new EmbeddedBroker(std::move(handles)));
    auto frontDoor = KafkaFrontDoor::start(broker->m_bootstrap);
    if (!frontDoor)
        return frontDoor.error();
    broker->m_frontDoor = std::move(frontDoor).value();
    for (const char *topic : topics::kAll) {
        // The broker keeps only a few MB per partition; the forecasts (ten steps per tyre
        // per car per second) need more partitions so a reader a moment behind loses nothing.
        const int count = QByteArrayView(topic) == topics::kForecasts ? partitions * 8 : partitions;
        if (auto created = broker->createTopic(QString::fromLatin1(topic), count); !created)
            return created.error();
    }
    return broker;
}

Expected<bool> EmbeddedBroker::createTopic(const QString &topic, int partitions)
{
    const auto name = topic.toUtf8();
    const auto error = rd_kafka_mock_topic_create(m_handles->cluster, name.constData(), partitions, 1);
    if (error != RD_KAFKA_RESP_ERR_NO_ERROR && error != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
        return Error{QStringLiteral("embedded broker: cannot create topic %1: %2").arg(topic, rdk::errorText(error))};
    return true;
}

} // namespace pitwall
