#pragma once
// librdkafka client properties for a Kafka cluster: the bootstrap address plus any
// `key=value` lines from a properties file (SASL, TLS, ...). Secret values never leave
// this class in printable form: describe() redacts them.

#include "core/Expected.h"

#include <QByteArrayView>
#include <QString>
#include <map>

namespace pitwall {

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

private:
    std::map<QString, QString> m_properties;
};

} // namespace pitwall
