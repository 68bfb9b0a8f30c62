#include "FlinkStatementsClient.h"

#include "ConfluentErrors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>

namespace pitwall::cloud {

namespace {

const QString kWhat = QStringLiteral("Confluent Cloud Flink (Flink API key)");

} // namespace

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

bool FlinkStatementsClient::isValidName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"));
    return name.size() <= 100 && pattern.match(name).hasMatch();
}

FlinkStatement parseStatement(const QJsonObject &object)
{
    const auto status = object.value(QLatin1String("status")).toObject();
    return FlinkStatement{object.value(QLatin1String("name")).toString(),
                          object.value(QLatin1String("spec")).toObject().value(QLatin1String("statement")).toString(),
                          status.value(QLatin1String("phase")).toString(),
                          status.value(QLatin1String("detail")).toString(),
                          status.value(QLatin1String("traits")).toObject().value(QLatin1String("sql_kind")).toString(),
                          true};
}

QByteArray createStatementBody(const FlinkSettings &settings, const QString &name, const QString &sql)
{
    QJsonObject properties;
    if (!settings.catalog.isEmpty())
        properties.insert(QStringLiteral("sql.current-catalog"), settings.catalog);
    if (!settings.database.isEmpty())
        properties.insert(QStringLiteral("sql.current-database"), settings.database);
    QJsonObject spec{{QStringLiteral("statement"), sql}, {QStringLiteral("properties"), properties},
                     {QStringLiteral("stopped"), false}};
    if (!settings.computePoolId.isEmpty())
        spec.insert(QStringLiteral("compute_pool_id"), settings.computePoolId);
    if (!settings.principal.isEmpty())
        spec.insert(QStringLiteral("principal"), settings.principal);
    return QJsonDocument(QJsonObject{{QStringLiteral("name"), name},
                                     {QStringLiteral("organization_id"), settings.organizationId},
                                     {QStringLiteral("environment_id"), settings.environmentId},
                                     {QStringLiteral("spec"), spec}})
        .toJson(QJsonDocument::Compact);
}

FlinkStatementsClient::FlinkStatementsClient(FlinkSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_http(this)
{
}

QUrl FlinkStatementsClient::statementsUrl(const QString &name) const
{
    QString path = QStringLiteral("/sql/v1/organizations/%1/environments/%2/statements")
                       .arg(QString::fromLatin1(QUrl::toPercentEncoding(m_settings.organizationId)),
                            QString::fromLatin1(QUrl::toPercentEncoding(m_settings.environmentId)));
    if (!name.isEmpty())
        path += QLatin1Char('/') + name;
    return ai::joinUrl(m_settings.endpoint, path);
}

void FlinkStatementsClient::call(const QByteArray &method, const QUrl &url, const QByteArray &body, const QByteArray &contentType,
                                 std::function<void(const ai::HttpResponse &)> onAnswer, std::function<void(const QString &)> onFailure)
{
    if (const QString missing = m_settings.missing(); !missing.isEmpty()) {
        QTimer::singleShot(0, this, [onFailure, missing] { onFailure(missing); }); // answers always come later
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

void FlinkStatementsClient::create(const QString &name, const QString &sql, Done done)
{
    if (!isValidName(name)) {
        QTimer::singleShot(0, this, [done, name] {
            done(Error{QStringLiteral("'%1' is not a valid statement name (lowercase letters, digits and '-', at most 100)").arg(name)});
        });
        return;
    }
    call("POST", statementsUrl(), createStatementBody(m_settings, name, sql), "application/json",
         [done, name](const ai::HttpResponse &response) {
             if (response.status != 200 && response.status != 201 && response.status != 202) {
                 done(Error{QStringLiteral("creating statement %1: %2").arg(name, confluentError(response, kWhat))});
                 return;
             }
             done(parseStatement(QJsonDocument::fromJson(response.body).object()));
         },
         [done](const QString &message) { done(Error{message}); });
}

void FlinkStatementsClient::get(const QString &name, Done done)
{
    call("GET", statementsUrl(name), {}, {},
         [done, name](const ai::HttpResponse &response) {
             if (response.status == 404) {
                 done(FlinkStatement{name, {}, {}, {}, {}, false});
                 return;
             }
             if (response.status != 200) {
                 done(Error{QStringLiteral("reading statement %1: %2").arg(name, confluentError(response, kWhat))});
                 return;
             }
             done(parseStatement(QJsonDocument::fromJson(response.body).object()));
         },
         [done](const QString &message) { done(Error{message}); });
}

void FlinkStatementsClient::stop(const QString &name, Done done)
{
    const QByteArray patch = R"([{"op":"replace","path":"/spec/stopped","value":true}])";
    call("PATCH", statementsUrl(name), patch, "application/json-patch+json",
         [done, name](const ai::HttpResponse &response) {
             if (response.status != 200 && response.status != 202) {
                 done(Error{QStringLiteral("stopping statement %1: %2").arg(name, confluentError(response, kWhat))});
                 return;
             }
             done(parseStatement(QJsonDocument::fromJson(response.body).object()));
         },
         [done](const QString &message) { done(Error{message}); });
}

void FlinkStatementsClient::remove(const QString &name, Done done)
{
    call("DELETE", statementsUrl(name), {}, {},
         [done, name](const ai::HttpResponse &response) {
             if (response.status != 200 && response.status != 202 && response.status != 204 && response.status != 404) {
                 done(Error{QStringLiteral("deleting statement %1: %2").arg(name, confluentError(response, kWhat))});
                 return;
             }
             done(FlinkStatement{name, {}, QStringLiteral("DELETING"), {}, {}, response.status != 404});
         },
         [done](const QString &message) { done(Error{message}); });
}

void FlinkStatementsClient::list(int pageSize, ListDone done)
{
    QUrl url = statementsUrl();
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("page_size"), QString::number(pageSize));
    if (!m_settings.computePoolId.isEmpty())
        query.addQueryItem(QStringLiteral("spec.compute_pool_id"), m_settings.computePoolId);
    url.setQuery(query);
    call("GET", url, {}, {},
         [done](const ai::HttpResponse &response) {
             if (response.status != 200) {
                 done(Error{QStringLiteral("listing statements: %1").arg(confluentError(response, kWhat))});
                 return;
             }
             QList<FlinkStatement> statements;
             for (const auto &item : QJsonDocument::fromJson(response.body).object().value(QLatin1String("data")).toArray())
                 statements.append(parseStatement(item.toObject()));
             done(statements);
         },
         [done](const QString &message) { done(Error{message}); });
}

} // namespace pitwall::cloud
