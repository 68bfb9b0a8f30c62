#include "FlinkConnectionsClient.h"

#include "ConfluentErrors.h"
#include "FlinkStatementsClient.h"

#include <QJsonDocument>
#include <QTimer>

namespace pitwall::cloud {

namespace {

const QString kWhat = QStringLiteral("Confluent Cloud Flink connections (Flink API key)");
const QString kCollection = QStringLiteral("connections");

FlinkConnection parseConnection(const QJsonObject &object)
{
    const auto spec = object.value(QLatin1String("spec")).toObject();
    const auto status = object.value(QLatin1String("status")).toObject();
    return FlinkConnection{object.value(QLatin1String("name")).toString(),
                           spec.value(QLatin1String("connection_type")).toString(),
                           spec.value(QLatin1String("endpoint")).toString(),
                           status.value(QLatin1String("phase")).toString(),
                           status.value(QLatin1String("detail")).toString(),
                           true};
}

} // namespace

QByteArray createConnectionBody(const FlinkSettings &settings, const PlannedConnection &connection)
{
    const QJsonObject authData{{QStringLiteral("kind"), QStringLiteral("PlaintextProvider")},
                               {QStringLiteral("data"),
                                QString::fromUtf8(QJsonDocument(connection.secrets).toJson(QJsonDocument::Compact))}};
    const QJsonObject spec{{QStringLiteral("connection_type"), connection.type},
                           {QStringLiteral("endpoint"), connection.endpoint},
                           {QStringLiteral("auth_data"), authData}};
    return QJsonDocument(QJsonObject{{QStringLiteral("name"), connection.name},
                                     {QStringLiteral("organization_id"), settings.organizationId},
                                     {QStringLiteral("environment_id"), settings.environmentId},
                                     {QStringLiteral("spec"), spec}})
        .toJson(QJsonDocument::Compact);
}

FlinkConnectionsClient::FlinkConnectionsClient(FlinkSettings settings, QObject *parent)
    : QObject(parent)
    , m_gateway(std::move(settings), this)
{
}

void FlinkConnectionsClient::get(const QString &name, Done done)
{
    m_gateway.call(
        "GET", m_gateway.url(kCollection, name), {}, {},
        [done, name](const net::HttpResponse &response) {
            if (response.status == 404) {
                done(FlinkConnection{name, {}, {}, {}, {}, false});
                return;
            }
            if (response.status != 200) {
                done(Error{QStringLiteral("reading connection %1: %2").arg(name, confluentError(response, kWhat))});
                return;
            }
            done(parseConnection(QJsonDocument::fromJson(response.body).object()));
        },
        [done](const QString &message) { done(Error{message}); });
}

void FlinkConnectionsClient::ensure(const PlannedConnection &connection, Done done)
{
    if (!FlinkStatementsClient::isValidName(connection.name)) {
        QTimer::singleShot(0, this, [done, name = connection.name] {
            done(Error{QStringLiteral("'%1' is not a valid connection name").arg(name)});
        });
        return;
    }
    get(connection.name, [this, connection, done](Expected<FlinkConnection> found) {
        if (!found || found->exists)
            done(std::move(found));
        else
            create(connection, done);
    });
}

void FlinkConnectionsClient::create(const PlannedConnection &connection, Done done)
{
    m_gateway.call(
        "POST", m_gateway.url(kCollection), createConnectionBody(m_gateway.settings(), connection), "application/json",
        [this, done, name = connection.name](const net::HttpResponse &response) {
            if (response.status == 409) { // made meanwhile (another window, a retry): it is there
                get(name, done);
                return;
            }
            if (response.status != 200 && response.status != 201 && response.status != 202) {
                done(Error{QStringLiteral("creating connection %1: %2").arg(name, confluentError(response, kWhat))});
                return;
            }
            done(parseConnection(QJsonDocument::fromJson(response.body).object()));
        },
        [done](const QString &message) { done(Error{message}); });
}

void FlinkConnectionsClient::remove(const QString &name, Done done)
{
    m_gateway.call(
        "DELETE", m_gateway.url(kCollection, name), {}, {},
        [done, name](const net::HttpResponse &response) {
            if (response.status != 200 && response.status != 202 && response.status != 204 && response.status != 404) {
                done(Error{QStringLiteral("deleting connection %1: %2").arg(name, confluentError(response, kWhat))});
                return;
            }
            done(FlinkConnection{name, {}, {}, {}, {}, false});
        },
        [done](const QString &message) { done(Error{message}); });
}

} // namespace pitwall::cloud
