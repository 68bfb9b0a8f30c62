#include "KafkaSelection.h"

#include <QRegularExpression>

namespace pitwall {

namespace {

const QString kBootstrapKey = QStringLiteral("kafka/bootstrap");
const QString kConfigFileKey = QStringLiteral("kafka/configFile");
const QString kSaslUsernameKey = QStringLiteral("kafka/saslUsername");

bool isValidBootstrap(const QString &servers)
{
    // host:port pairs, comma separated; an optional PROTOCOL:// prefix as librdkafka allows.
    static const QRegularExpression pattern(QStringLiteral(R"(^\s*([A-Za-z_]+://)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):\d{1,5}\s*$)"));
    const auto parts = servers.split(QLatin1Char(','));
    for (const auto &part : parts) {
        const auto match = pattern.match(part);
        if (!match.hasMatch())
            return false;
        const int port = part.section(QLatin1Char(':'), -1).trimmed().toInt();
        if (port < 1 || port > 65535)
            return false;
    }
    return !parts.isEmpty();
}

} // namespace

KafkaSelection KafkaSelection::load(const QSettings &settings)
{
    return KafkaSelection{settings.value(kBootstrapKey).toString(),
                          settings.value(kConfigFileKey).toString(),
                          settings.value(kSaslUsernameKey).toString(),
                          {}};
}

void KafkaSelection::save(QSettings &settings) const
{
    settings.setValue(kBootstrapKey, bootstrap.trimmed());
    settings.setValue(kConfigFileKey, configFile.trimmed());
    settings.setValue(kSaslUsernameKey, saslUsername.trimmed());
}

Expected<std::optional<KafkaConfig>> KafkaSelection::toConfig() const
{
    if (isEmbedded())
        return std::optional<KafkaConfig>();
    KafkaConfig config;
    if (!configFile.trimmed().isEmpty()) {
        auto loaded = KafkaConfig::fromFile(configFile.trimmed());
        if (!loaded)
            return loaded.error();
        config = std::move(loaded).value();
    }
    if (!bootstrap.trimmed().isEmpty())
        config.setBootstrap(bootstrap.trimmed());
    if (!saslUsername.trimmed().isEmpty()) {
        if (saslPassword.isEmpty())
            return Error{
                QStringLiteral("the Kafka API key %1 has no secret stored: enter it again in the setup wizard").arg(saslUsername.trimmed())};
        config.set(QStringLiteral("security.protocol"), QStringLiteral("SASL_SSL"));
        config.set(QStringLiteral("sasl.mechanisms"), QStringLiteral("PLAIN"));
        config.set(QStringLiteral("sasl.username"), saslUsername.trimmed());
        config.set(QStringLiteral("sasl.password"), saslPassword);
        // TLS verification always on, whatever a properties file said.
        config.set(QStringLiteral("enable.ssl.certificate.verification"), QStringLiteral("true"));
        config.set(QStringLiteral("ssl.endpoint.identification.algorithm"), QStringLiteral("https"));
    }
    if (registry)
        config.setRegistry(registry);
    if (config.bootstrap().isEmpty())
        return Error{QStringLiteral("%1 has no bootstrap.servers and no --bootstrap was given").arg(configFile)};
    if (!isValidBootstrap(config.bootstrap()))
        return Error{QStringLiteral("'%1' is not a Kafka bootstrap address (expected HOST:PORT[,HOST:PORT...])").arg(config.bootstrap())};
    return std::optional<KafkaConfig>(std::move(config));
}

} // namespace pitwall
