#pragma once
// Which Kafka the user chose: the embedded broker (both fields empty) or a cluster, by
// bootstrap address and/or a librdkafka properties file. Kept in settings; the command
// line overrides it.

#include "KafkaConfig.h"
#include "core/Expected.h"

#include <QSettings>
#include <optional>

namespace pitwall {

struct KafkaSelection {
    QString bootstrap;
    QString configFile;

    bool isEmbedded() const { return bootstrap.trimmed().isEmpty() && configFile.trimmed().isEmpty(); }

    static KafkaSelection load(const QSettings &settings);
    void save(QSettings &settings) const;

    // nullopt for the embedded broker; otherwise the properties file (if any) with the
    // bootstrap address applied over it. Validates the address form HOST:PORT[,HOST:PORT].
    Expected<std::optional<KafkaConfig>> toConfig() const;
};

} // namespace pitwall
