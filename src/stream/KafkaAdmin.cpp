#include "KafkaAdmin.h"

#include "RdKafka.h"
#include "core/Topics.h"

#include <QSet>
#include <QStringList>
#include <vector>

namespace pitwall::kafka_admin {

namespace {

Expected<rdk::Handle> adminClient(const KafkaConfig &config)
{
    auto conf = rdk::makeConf(config);
    if (!conf)
        return conf.error();
    return rdk::makeHandle(RD_KAFKA_PRODUCER, std::move(conf).value());
}

Expected<QSet<QString>> existingTopics(rd_kafka_t *client, const KafkaConfig &config, int timeoutMs)
{
    const rd_kafka_metadata_t *metadata = nullptr;
    const auto error = rd_kafka_metadata(client, 1, nullptr, &metadata, timeoutMs);
    if (error != RD_KAFKA_RESP_ERR_NO_ERROR)
        return Error{QStringLiteral("cannot reach Kafka at %1: %2").arg(config.bootstrap(), rdk::errorText(error))};
    QSet<QString> names;
    for (int i = 0; i < metadata->topic_cnt; ++i)
        names.insert(QString::fromUtf8(metadata->topics[i].topic));
    rd_kafka_metadata_destroy(metadata);
    return names;
}

} // namespace

Expected<QString> describeCluster(const KafkaConfig &config, int timeoutMs)
{
    auto client = adminClient(config);
    if (!client)
        return client.error();
    const rd_kafka_metadata_t *metadata = nullptr;
    const auto error = rd_kafka_metadata(client.value().get(), 1, nullptr, &metadata, timeoutMs);
    if (error != RD_KAFKA_RESP_ERR_NO_ERROR)
        return Error{QStringLiteral("no answer from Kafka at %1 (%2): check the bootstrap address, the API key and secret, "
                                    "and that this network may reach port 9092")
                         .arg(config.bootstrap(), rdk::errorText(error))};
    const QString summary = QStringLiteral("%1 broker(s), %2 topic(s)").arg(metadata->broker_cnt).arg(metadata->topic_cnt);
    rd_kafka_metadata_destroy(metadata);
    return summary;
}

Expected<bool> ensureTopics(const KafkaConfig &config, int partitions, int timeoutMs)
{
    auto client = adminClient(config);
    if (!client)
        return client.error();
    rd_kafka_t *handle = client.value().get();
    auto existing = existingTopics(handle, config, timeoutMs);
    if (!existing)
        return existing.error();

    std::vector<rd_kafka_NewTopic_t *> newTopics;
    char errorBuffer[256];
    for (const char *topic : topics::kAll) {
        if (existing.value().contains(QString::fromLatin1(topic)))
            continue;
        // Replication -1: the cluster's default.replication.factor.
        if (auto *newTopic = rd_kafka_NewTopic_new(topic, partitions, -1, errorBuffer, sizeof errorBuffer))
            newTopics.push_back(newTopic);
    }
    if (newTopics.empty())
        return true;

    rd_kafka_queue_t *queue = rd_kafka_queue_new(handle);
    rd_kafka_AdminOptions_t *options = rd_kafka_AdminOptions_new(handle, RD_KAFKA_ADMIN_OP_CREATETOPICS);
    rd_kafka_AdminOptions_set_operation_timeout(options, timeoutMs, errorBuffer, sizeof errorBuffer);
    rd_kafka_CreateTopics(handle, newTopics.data(), newTopics.size(), options, queue);
    rd_kafka_event_t *event = rd_kafka_queue_poll(queue, timeoutMs + 1000);

    QStringList failures;
    if (!event) {
        failures << QStringLiteral("no answer to CreateTopics within %1 ms").arg(timeoutMs);
    } else if (rd_kafka_event_error(event)) {
        failures << QString::fromUtf8(rd_kafka_event_error_string(event));
    } else if (const auto *result = rd_kafka_event_CreateTopics_result(event)) {
        size_t count = 0;
        const auto **results = rd_kafka_CreateTopics_result_topics(result, &count);
        for (size_t i = 0; i < count; ++i) {
            const auto error = rd_kafka_topic_result_error(results[i]);
            if (error != RD_KAFKA_RESP_ERR_NO_ERROR && error != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
                failures << QStringLiteral("%1: %2").arg(QString::fromUtf8(rd_kafka_topic_result_name(results[i])),
                                                         QString::fromUtf8(rd_kafka_topic_result_error_string(results[i])));
        }
    }
    if (event)
        rd_kafka_event_destroy(event);
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_queue_destroy(queue);
    rd_kafka_NewTopic_destroy_array(newTopics.data(), newTopics.size());
    if (!failures.isEmpty())
        return Error{QStringLiteral("cannot create topics on %1: %2").arg(config.bootstrap(), failures.join(QLatin1String("; ")))};
    return true;
}

} // namespace pitwall::kafka_admin
