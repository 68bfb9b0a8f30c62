#pragma once
// Thin RAII over librdkafka's C API, and the one place where a KafkaConfig becomes an
// rd_kafka_conf_t. librdkafka's own log lines go to the "pitwall.kafka" category.

#include "KafkaConfig.h"
#include "core/Expected.h"

#include <QLoggingCategory>
#include <librdkafka/rdkafka.h>
#include <memory>
#include <utility>
#include <vector>

Q_DECLARE_LOGGING_CATEGORY(lcKafka)

namespace pitwall {
// Log the first few rejected messages in full, then only every thousandth, so a flood
// of bad messages cannot flood the log; every one is counted by its reader.
inline bool shouldLogRejection(quint64 rejectedSoFar)
{
    return rejectedSoFar <= 10 || rejectedSoFar % 1000 == 0;
}
} // namespace pitwall

namespace pitwall::rdk {

struct ConfDeleter {
    void operator()(rd_kafka_conf_t *conf) const { rd_kafka_conf_destroy(conf); }
};
struct HandleDeleter {
    void operator()(rd_kafka_t *handle) const { rd_kafka_destroy(handle); }
};
struct MessageDeleter {
    void operator()(rd_kafka_message_t *message) const { rd_kafka_message_destroy(message); }
};
struct PartitionListDeleter {
    void operator()(rd_kafka_topic_partition_list_t *list) const { rd_kafka_topic_partition_list_destroy(list); }
};

using Conf = std::unique_ptr<rd_kafka_conf_t, ConfDeleter>;
using Handle = std::unique_ptr<rd_kafka_t, HandleDeleter>;
using Message = std::unique_ptr<rd_kafka_message_t, MessageDeleter>;
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;

using Overrides = std::vector<std::pair<QString, QString>>;

// The user's properties first, then `overrides` (settings the client class relies on).
Expected<Conf> makeConf(const KafkaConfig &config, const Overrides &overrides = {});
// Takes ownership of conf whether or not it succeeds.
Expected<Handle> makeHandle(rd_kafka_type_t type, Conf conf);

QString errorText(rd_kafka_resp_err_t error);

} // namespace pitwall::rdk
