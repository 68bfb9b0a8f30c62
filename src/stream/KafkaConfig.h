#pragma once
// librdkafka client properties for a Kafka cluster: the bootstrap address plus any
// `key=value` lines from a properties file (SASL, TLS, ...). Secret values never leave
// this class in printable form: describe() redacts them.

#include "core/Expected.h"

#include "registry/RegistrySettings.h"

#include <QByteArrayView>
#include <QString>
#include <map>
#include <memory>
#include <optional>

namespace pitwall {

namespace registry {
class TopicFraming;
}

class KafkaConfig {
public:
    KafkaConfig() = default;

    // Parses librdkafka properties: `key=value` lines, `#` or `!` comments, blank lines.
    static Expected<KafkaConfig> fromProperties(QByteArrayView text, const QString &sourceName);
    static Expected<KafkaConfig> fromFile(const QString &path);

    void set(const QString &key, const QString &value);
    QString value(const QString &key) const;
    QString bootstrap() const { return value(QStringLiteral("bootstrap.servers")); }
    void setBootstrap(const QString &servers) { set(QStringLiteral("bootstrap.servers"), servers); }

    const std::map<QString, QString> &properties() const { return m_properties; }
    // key=value pairs, one a line, with secret values replaced by "[redacted]".
    QString describe() const;

    static bool isSecretKey(const QString &key);

    // Cloud mode: the Schema Registry whose wire format the topics use (set by the
    // Kafka choice); the endpoint registers the schemas and sets the framing, which every
    // producer and consumer made from this configuration then applies.
    void setRegistry(std::optional<registry::RegistrySettings> settings) { m_registry = std::move(settings); }
    const std::optional<registry::RegistrySettings> &registry() const { return m_registry; }
    void setFraming(std::shared_ptr<const registry::TopicFraming> framing) { m_framing = std::move(framing); }
    const std::shared_ptr<const registry::TopicFraming> &framing() const { return m_framing; }

private:
    std::map<QString, QString> m_properties;
    std::optional<registry::RegistrySettings> m_registry;
    std::shared_ptr<const registry::TopicFraming> m_framing;
};

} // namespace pitwall
