#pragma once
// Which Kafka the user chose: the embedded broker (both fields empty) or a cluster, by
// bootstrap address and/or a librdkafka properties file, with an API key for SASL/PLAIN
// over TLS (Confluent Cloud). Kept in settings — except the API secret, which lives in
// the secret store and is filled in by whoever loads the selection. The command line
// overrides it.

#include "KafkaConfig.h"

#include <optional>
#include "core/Expected.h"

#include <QSettings>
#include <optional>

namespace pitwall {

struct KafkaSelection {
    QString bootstrap;
    QString configFile;
    QString saslUsername; // the API key; set: SASL_SSL with PLAIN, certificates verified
    QString saslPassword; // the API secret: never saved with the rest
    // The Schema Registry of this cluster (set by the setup): its wire format is used on
    // the topics. Not saved here (the setup saves it, its secret in the keychain).
    std::optional<registry::RegistrySettings> registry = std::nullopt;

    bool isEmbedded() const { return bootstrap.trimmed().isEmpty() && configFile.trimmed().isEmpty(); }

    static KafkaSelection load(const QSettings &settings);
    void save(QSettings &settings) const;

    // nullopt for the embedded broker; otherwise the properties file (if any) with the
    // bootstrap address applied over it. Validates the address form HOST:PORT[,HOST:PORT].
    Expected<std::optional<KafkaConfig>> toConfig() const;
};

} // namespace pitwall
