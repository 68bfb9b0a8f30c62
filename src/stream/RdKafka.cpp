#include "RdKafka.h"

Q_LOGGING_CATEGORY(lcKafka, "pitwall.kafka", QtWarningMsg)

namespace pitwall::rdk {

namespace {

void forwardLog(const rd_kafka_t *, int level, const char *facility, const char *text)
{
    // syslog levels: 0-3 errors, 4 warning, 5-6 info, 7 debug
    if (level <= 4)
        qCWarning(lcKafka, "%s: %s", facility, text);
    else
        qCInfo(lcKafka, "%s: %s", facility, text);
}

Expected<bool> setProperty(rd_kafka_conf_t *conf, const QString &key, const QString &value)
{
    char errorBuffer[512];
    const auto keyBytes = key.toUtf8();
    const auto valueBytes = value.toUtf8();
    if (rd_kafka_conf_set(conf, keyBytes.constData(), valueBytes.constData(), errorBuffer, sizeof errorBuffer) != RD_KAFKA_CONF_OK) {
        // librdkafka may quote the value in its message; never echo a secret.
        const auto reason = KafkaConfig::isSecretKey(key) ? QStringLiteral("invalid value") : QString::fromUtf8(errorBuffer);
        return Error{QStringLiteral("Kafka property %1: %2").arg(key, reason)};
    }
    return true;
}

} // namespace

Expected<Conf> makeConf(const KafkaConfig &config, const Overrides &overrides)
{
    Conf conf(rd_kafka_conf_new());
    rd_kafka_conf_set_log_cb(conf.get(), forwardLog);
    for (const auto &[key, value] : config.properties()) {
        if (auto set = setProperty(conf.get(), key, value); !set)
            return set.error();
    }
    for (const auto &[key, value] : overrides) {
        if (auto set = setProperty(conf.get(), key, value); !set)
            return set.error();
    }
    return conf;
}

Expected<Handle> makeHandle(rd_kafka_type_t type, Conf conf)
{
    char errorBuffer[512];
    rd_kafka_t *handle = rd_kafka_new(type, conf.get(), errorBuffer, sizeof errorBuffer);
    if (!handle)
        return Error{QStringLiteral("cannot create Kafka client: %1").arg(QString::fromUtf8(errorBuffer))};
    (void)conf.release(); // rd_kafka_new took it
    return Handle(handle);
}

QString errorText(rd_kafka_resp_err_t error)
{
    return QString::fromUtf8(rd_kafka_err2str(error));
}

} // namespace pitwall::rdk
