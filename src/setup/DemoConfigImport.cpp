#include "DemoConfigImport.h"

#include "stream/KafkaConfig.h"

#include <QFile>
#include <QFileInfo>
#include <yaml-cpp/yaml.h>

namespace pitwall::setup {

namespace {

// A scalar at `key` of `node`, or empty; placeholders the demo's templates ship with
// ('<YOUR_…>', 'YOUR_…', '…FROM_API_KEY_FILE') count as empty.
QString scalar(const YAML::Node &node, const char *key)
{
    const YAML::Node value = node[key];
    if (!value || !value.IsScalar())
        return {};
    const QString text = QString::fromStdString(value.as<std::string>()).trimmed();
    if (text.startsWith(QLatin1Char('<')) || text.contains(QLatin1String("YOUR_")) || text.contains(QLatin1String("your-")) ||
        text.contains(QLatin1String("FROM_API_KEY_FILE")))
        return {};
    return text;
}

void take(QString &target, const QString &value, QStringList &taken, const QString &what)
{
    if (value.isEmpty())
        return;
    target = value;
    taken << what;
}

QString importProperties(const QString &path, SetupConfig &config)
{
    auto properties = KafkaConfig::fromFile(path);
    if (!properties)
        return {};
    QStringList taken;
    config.mode = config.mode == SetupMode::Local ? SetupMode::OwnKafka : config.mode;
    config.propertiesFile = path;
    taken << QObject::tr("the properties file");
    take(config.bootstrap, properties->bootstrap(), taken, QObject::tr("Kafka bootstrap"));
    take(config.kafkaApiKey, properties->value(QStringLiteral("sasl.username")), taken, QObject::tr("API key"));
    take(config.kafkaApiSecret, properties->value(QStringLiteral("sasl.password")), taken, QObject::tr("API secret"));
    if (config.bootstrap.contains(QLatin1String(".confluent.cloud")))
        config.mode = SetupMode::ConfluentCloud;
    return taken.join(QStringLiteral(", "));
}

} // namespace

Expected<QString> importDemoFile(const QString &path, SetupConfig &config)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QObject::tr("Cannot read %1: %2").arg(path, file.errorString())};
    const QByteArray text = file.readAll();
    if (!path.endsWith(QLatin1String(".yaml")) && !path.endsWith(QLatin1String(".yml"))) {
        const QString taken = importProperties(path, config);
        if (taken.isEmpty())
            return Error{
                QObject::tr("%1 is neither the demo's config.yaml nor a librdkafka properties file.").arg(QFileInfo(path).fileName())};
        return taken;
    }
    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::Exception &error) {
        return Error{QObject::tr("%1 is not valid YAML (line %2: %3).")
                         .arg(QFileInfo(path).fileName())
                         .arg(error.mark.line + 1)
                         .arg(QString::fromStdString(error.msg))};
    }
    if (!root.IsMap())
        return Error{QObject::tr("%1 does not hold the demo's settings.").arg(QFileInfo(path).fileName())};

    QStringList taken;
    try {
        if (const YAML::Node kafka = root["kafka"]; kafka && kafka.IsMap()) { // backend/config.yaml
            const QString bootstrap = scalar(kafka, "bootstrap.servers");
            take(config.bootstrap, bootstrap, taken, QObject::tr("Kafka bootstrap"));
            take(config.kafkaApiKey, scalar(kafka, "sasl.username"), taken, QObject::tr("Kafka API key"));
            take(config.kafkaApiSecret, scalar(kafka, "sasl.password"), taken, QObject::tr("Kafka API secret"));
            QString registryUrl = scalar(kafka, "schema_registry_url");
            if (!registryUrl.isEmpty() && !registryUrl.startsWith(QLatin1String("http")))
                registryUrl.prepend(QStringLiteral("https://"));
            take(config.registryUrl, registryUrl, taken, QObject::tr("Schema Registry URL"));
            take(config.registryApiKey, scalar(kafka, "schema_registry_api_key"), taken, QObject::tr("Schema Registry key"));
            take(config.registryApiSecret, scalar(kafka, "schema_registry_secret"), taken, QObject::tr("Schema Registry secret"));
            if (!bootstrap.isEmpty())
                config.mode = bootstrap.contains(QLatin1String(".confluent.cloud")) ? SetupMode::ConfluentCloud : SetupMode::OwnKafka;
        }
        // admin/config.yaml: top-level keys (either spelling the demo's script accepts).
        QString key = scalar(root, "cloud_api_key");
        if (key.isEmpty())
            key = scalar(root, "CONFLUENT_CLOUD_API_KEY");
        QString secret = scalar(root, "cloud_api_secret");
        if (secret.isEmpty())
            secret = scalar(root, "CONFLUENT_CLOUD_API_SECRET");
        take(config.cloudApiKey, key, taken, QObject::tr("Cloud API key"));
        take(config.cloudApiSecret, secret, taken, QObject::tr("Cloud API secret"));
        take(config.environmentName, scalar(root, "environment_name"), taken, QObject::tr("environment name"));
        take(config.clusterName, scalar(root, "kafka_cluster_name"), taken, QObject::tr("cluster name"));
        take(config.flinkPoolName, scalar(root, "flink_pool_name"), taken, QObject::tr("Flink pool name"));
        take(config.flinkCloud, scalar(root, "cloud_provider").toLower(), taken, QObject::tr("cloud"));
        take(config.flinkRegion, scalar(root, "region"), taken, QObject::tr("region"));
    } catch (const YAML::Exception &error) {
        return Error{QObject::tr("%1: unexpected content (%2).").arg(QFileInfo(path).fileName(), QString::fromStdString(error.msg))};
    }
    if (taken.isEmpty())
        return Error{QObject::tr("%1 holds none of the demo's settings (or only placeholders).").arg(QFileInfo(path).fileName())};
    return taken.join(QStringLiteral(", "));
}

} // namespace pitwall::setup
