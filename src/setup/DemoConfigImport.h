#pragma once
// Imports what the demo's own setup wrote: backend/config.yaml (kafka: bootstrap.servers,
// sasl.username/password, schema_registry_url/api_key/secret), admin/config.yaml
// (cloud_api_key/secret, environment_name, kafka_cluster_name, flink_pool_name,
// cloud_provider, region), and a librdkafka properties file. YAML through yaml-cpp.

#include "SetupConfig.h"

namespace pitwall::setup {

// Fills `config` from the file (which kind is found from its content) and says what it
// took, e.g. "Kafka bootstrap, API key and secret; Schema Registry URL, key and secret".
Expected<QString> importDemoFile(const QString &path, SetupConfig &config);

} // namespace pitwall::setup
