#pragma once
// Checks that a Kafka cluster answers and that the demo's topics exist on it, creating
// the missing ones. Blocking: call from a worker thread, never the GUI thread.

#include "KafkaConfig.h"
#include "core/Expected.h"

namespace pitwall::kafka_admin {

// Creates each topic of topics::kAll that the cluster does not have yet. Fails with a
// message naming the bootstrap address when no broker answers in time.
Expected<bool> ensureTopics(const KafkaConfig &config, int partitions, int timeoutMs);

// The cluster's metadata in a few words ("3 brokers, 12 topics"): the setup wizard's test.
Expected<QString> describeCluster(const KafkaConfig &config, int timeoutMs);

} // namespace pitwall::kafka_admin
