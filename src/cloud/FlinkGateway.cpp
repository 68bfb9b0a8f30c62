#include "FlinkGateway.h"

#include "ConfluentErrors.h"

#include <QTimer>

namespace pitwall::cloud {

QString FlinkSettings::missing() const
{
    QStringList absent;
    if (endpoint.isEmpty())
        absent << QStringLiteral("the Flink endpoint (https://flink.<region>.<cloud>.confluent.cloud)");
    if (organizationId.isEmpty())
        absent << QStringLiteral("the organization ID");
    if (environmentId.isEmpty())
        absent << QStringLiteral("the environment ID (env-…)");
    if (apiKey.isEmpty() || apiSecret.isEmpty())
        absent << QStringLiteral("a Flink API key and secret");
    return absent.isEmpty() ? QString() : QStringLiteral("Flink needs %1").arg(absent.join(QStringLiteral(", ")));
}

FlinkGateway::FlinkGateway(FlinkSettings settings, QObject *owner)
    : m_settings(std::move(settings))
    , m_owner(owner)
    , m_http(owner)
{
}

QUrl FlinkGateway::url(const QString &collection, const QString &name) const
{
    QString path = QStringLiteral("/sql/v1/organizations/%1/environments/%2/%3")
                       .arg(QString::fromLatin1(QUrl::toPercentEncoding(m_settings.organizationId)),
                            QString::fromLatin1(QUrl::toPercentEncoding(m_settings.environmentId)), collection);
    if (!name.isEmpty())
        path += QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(name));
    return ai::joinUrl(m_settings.endpoint, path);
}

void FlinkGateway::call(const QByteArray &method, const QUrl &url, const QByteArray &body, const QByteArray &contentType,
                        std::function<void(const ai::HttpResponse &)> onAnswer, std::function<void(const QString &)> onFailure)
{
    if (const QString missing = m_settings.missing(); !missing.isEmpty()) {
        QTimer::singleShot(0, m_owner, [onFailure, missing] { onFailure(missing); }); // answers always come later
        return;
    }
    ai::HttpHeaders headers{{"Accept", "application/json"},
                            {"Authorization", basicAuthorization(m_settings.apiKey, m_settings.apiSecret)}};
    if (!contentType.isEmpty())
        headers.emplace_back("Content-Type", contentType);
    m_http.send(method, url, headers, body, m_settings.requestTimeoutMs,
                [onAnswer = std::move(onAnswer), onFailure = std::move(onFailure)](const ai::HttpResponse &response,
                                                                                   const ai::LlmError *transport) {
                    if (transport)
                        onFailure(QStringLiteral("cannot reach Confluent Cloud Flink: %1").arg(transport->message));
                    else
                        onAnswer(response);
                });
}

} // namespace pitwall::cloud
