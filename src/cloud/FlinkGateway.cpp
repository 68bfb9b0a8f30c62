#include "FlinkGateway.h"

#include "ConfluentErrors.h"
#include "net/PropagationRetry.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace pitwall::cloud {

QByteArray createResourceBody(const FlinkSettings &settings, const QString &name, const QJsonObject &spec)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("name"), name},
                                     {QStringLiteral("organization_id"), settings.organizationId},
                                     {QStringLiteral("environment_id"), settings.environmentId},
                                     {QStringLiteral("spec"), spec}})
        .toJson(QJsonDocument::Compact);
}

FlinkClient::FlinkClient(FlinkSettings settings, QObject *parent)
    : QObject(parent)
    , m_gateway(std::move(settings), this)
{
}

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
    return net::joinUrl(m_settings.endpoint, path);
}

struct FlinkGateway::Attempt {
    QByteArray method;
    QUrl url;
    QByteArray body;
    net::HttpHeaders headers;
    std::function<void(const net::HttpResponse &)> onAnswer;
    std::function<void(const QString &)> onFailure;
    QElapsedTimer clock;
    int count = 0;
};

void FlinkGateway::call(const QByteArray &method, const QUrl &url, const QByteArray &body, const QByteArray &contentType,
                        std::function<void(const net::HttpResponse &)> onAnswer, std::function<void(const QString &)> onFailure)
{
    if (const QString missing = m_settings.missing(); !missing.isEmpty()) {
        QTimer::singleShot(0, m_owner, [onFailure, missing] { onFailure(missing); }); // answers always come later
        return;
    }
    auto attempt = std::make_shared<Attempt>();
    attempt->method = method;
    attempt->url = url;
    attempt->body = body;
    attempt->headers = {{"Accept", "application/json"}, {"Authorization", basicAuthorization(m_settings.apiKey, m_settings.apiSecret)}};
    if (!contentType.isEmpty())
        attempt->headers.emplace_back("Content-Type", contentType);
    attempt->onAnswer = std::move(onAnswer);
    attempt->onFailure = std::move(onFailure);
    attempt->clock.start();
    send(std::move(attempt));
}

void FlinkGateway::send(std::shared_ptr<Attempt> attempt)
{
    ++attempt->count;
    m_http.send(attempt->method, attempt->url, attempt->headers, attempt->body, m_settings.requestTimeoutMs,
                [this, attempt](const net::HttpResponse &response, const net::TransportError *transport) {
                    const int status = transport ? 0 : response.status;
                    const bool answered = status >= 200 && status < 300;
                    const qint64 delay = answered ? -1
                                                  : net::PropagationRetry{m_settings.retryForMs, m_settings.firstBackoffMs}.delayAfter(
                                                        status, attempt->count, attempt->clock.elapsed());
                    if (delay >= 0) {
                        QTimer::singleShot(delay, m_owner, [this, attempt] { send(attempt); });
                        return;
                    }
                    if (transport)
                        attempt->onFailure(QStringLiteral("cannot reach Confluent Cloud Flink: %1").arg(transport->message));
                    else
                        attempt->onAnswer(response);
                });
}

} // namespace pitwall::cloud
