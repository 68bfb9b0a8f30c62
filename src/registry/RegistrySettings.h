#pragma once
// Where a Schema Registry is and the key to it: what the client, the Kafka configuration
// (cloud mode's framing) and the cloud deployment share.

#include <QString>

namespace pitwall::registry {

struct RegistrySettings {
    QString url; // https://psrc-….confluent.cloud
    QString apiKey;
    QString apiSecret; // never logged or shown
    int retryForMs = 60'000;
    int requestTimeoutMs = 10'000;
    int firstBackoffMs = 500;
};

} // namespace pitwall::registry
