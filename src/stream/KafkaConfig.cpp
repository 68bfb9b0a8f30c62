#include "KafkaConfig.h"

#include <QFile>
#include <QStringList>

namespace pitwall {

namespace {

constexpr qsizetype kMaxPropertiesFileBytes = 256 * 1024;

} // namespace

bool KafkaConfig::isSecretKey(const QString &key)
{
    const auto lower = key.toLower();
    return lower.contains(QLatin1String("password")) || lower.contains(QLatin1String("secret")) ||
           lower.contains(QLatin1String("token")) || lower.endsWith(QLatin1String(".key.pem")) ||
           lower.contains(QLatin1String("sasl.jaas.config")) || lower == QLatin1String("ssl.key.pem");
}

Expected<KafkaConfig> KafkaConfig::fromProperties(QByteArrayView text, const QString &sourceName)
{
    KafkaConfig config;
    const auto lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const auto line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char('!')))
            continue;
        const auto equals = line.indexOf(QLatin1Char('='));
        const auto key = equals > 0 ? line.left(equals).trimmed() : QString();
        if (key.isEmpty() || key.contains(QLatin1Char(' ')))
            // The line may hold a secret, so it is never echoed back.
            return Error{QStringLiteral("%1 line %2: expected key=value").arg(sourceName).arg(i + 1)};
        config.set(key, line.mid(equals + 1).trimmed());
    }
    return config;
}

Expected<KafkaConfig> KafkaConfig::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read Kafka config %1: %2").arg(path, file.errorString())};
    const auto bytes = file.read(kMaxPropertiesFileBytes + 1);
    if (bytes.size() > kMaxPropertiesFileBytes)
        return Error{QStringLiteral("Kafka config %1 is larger than %2 bytes").arg(path).arg(kMaxPropertiesFileBytes)};
    return fromProperties(bytes, path);
}

void KafkaConfig::set(const QString &key, const QString &value)
{
    m_properties[key] = value;
}

QString KafkaConfig::value(const QString &key) const
{
    const auto found = m_properties.find(key);
    return found == m_properties.end() ? QString() : found->second;
}

QString KafkaConfig::describe() const
{
    QStringList lines;
    for (const auto &[key, value] : m_properties)
        lines << QStringLiteral("%1=%2").arg(key, isSecretKey(key) ? QStringLiteral("[redacted]") : value);
    return lines.join(QLatin1Char('\n'));
}

} // namespace pitwall
