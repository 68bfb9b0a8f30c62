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
    QJsonObject spec{{QStringLiteral("statement"), sql}, {QStringLiteral("properties"), properties}, {QStringLiteral("stopped"), false}};
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
    , m_gateway(std::move(settings), this)
{
}

void FlinkStatementsClient::create(const QString &name, const QString &sql, Done done)
{
    if (!isValidName(name)) {
        QTimer::singleShot(0, this, [done, name] {
            done(Error{QStringLiteral("'%1' is not a valid statement name (lowercase letters, digits and '-', at most 100)").arg(name)});
        });
        return;
    }
    m_gateway.call(
        "POST", statementsUrl(), createStatementBody(m_gateway.settings(), name, sql), "application/json",
        [done, name](const net::HttpResponse &response) {
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
    m_gateway.call(
        "GET", statementsUrl(name), {}, {},
        [done, name](const net::HttpResponse &response) {
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
    m_gateway.call(
        "PATCH", statementsUrl(name), patch, "application/json-patch+json",
        [done, name](const net::HttpResponse &response) {
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
    m_gateway.call(
        "DELETE", statementsUrl(name), {}, {},
        [done, name](const net::HttpResponse &response) {
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
    if (!settings().computePoolId.isEmpty())
        query.addQueryItem(QStringLiteral("spec.compute_pool_id"), settings().computePoolId);
    url.setQuery(query);
    m_gateway.call(
        "GET", url, {}, {},
        [done](const net::HttpResponse &response) {
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
