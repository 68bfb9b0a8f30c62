#include "FlinkStatementsClient.h"

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
    return createResourceBody(settings, name, spec);
}

void FlinkStatementsClient::create(const QString &name, const QString &sql, Done done)
{
    if (!isValidName(name)) {
        QTimer::singleShot(0, this, [done, name] {
            done(Error{QStringLiteral("'%1' is not a valid statement name (lowercase letters, digits and '-', at most 100)").arg(name)});
        });
        return;
    }
    m_gateway.request(
        "POST", statementsUrl(), createStatementBody(m_gateway.settings(), name, sql), "application/json", {200, 201, 202},
        QStringLiteral("creating statement %1").arg(name), kWhat,
        [done](const net::HttpResponse &response) { done(parseStatement(QJsonDocument::fromJson(response.body).object())); }, done);
}

void FlinkStatementsClient::get(const QString &name, Done done)
{
    m_gateway.request(
        "GET", statementsUrl(name), {}, {}, {200, 404}, QStringLiteral("reading statement %1").arg(name), kWhat,
        [done, name](const net::HttpResponse &response) {
            done(response.status == 404 ? FlinkStatement{name, {}, {}, {}, {}, false}
                                        : parseStatement(QJsonDocument::fromJson(response.body).object()));
        },
        done);
}

void FlinkStatementsClient::stop(const QString &name, Done done)
{
    const QByteArray patch = R"([{"op":"replace","path":"/spec/stopped","value":true}])";
    m_gateway.request(
        "PATCH", statementsUrl(name), patch, "application/json-patch+json", {200, 202},
        QStringLiteral("stopping statement %1").arg(name), kWhat,
        [done](const net::HttpResponse &response) { done(parseStatement(QJsonDocument::fromJson(response.body).object())); }, done);
}

void FlinkStatementsClient::remove(const QString &name, Done done)
{
    m_gateway.request(
        "DELETE", statementsUrl(name), {}, {}, {200, 202, 204, 404}, QStringLiteral("deleting statement %1").arg(name), kWhat,
        [done, name](const net::HttpResponse &response) {
            done(FlinkStatement{name, {}, QStringLiteral("DELETING"), {}, {}, response.status != 404});
        },
        done);
}

void FlinkStatementsClient::list(int pageSize, ListDone done)
{
    QUrl url = statementsUrl();
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("page_size"), QString::number(pageSize));
    if (!settings().computePoolId.isEmpty())
        query.addQueryItem(QStringLiteral("spec.compute_pool_id"), settings().computePoolId);
    url.setQuery(query);
    m_gateway.request(
        "GET", url, {}, {}, {200}, QStringLiteral("listing statements"), kWhat,
        [done](const net::HttpResponse &response) {
            QList<FlinkStatement> statements;
            for (const auto &item : QJsonDocument::fromJson(response.body).object().value(QLatin1String("data")).toArray())
                statements.append(parseStatement(item.toObject()));
            done(statements);
        },
        done);
}

} // namespace pitwall::cloud
