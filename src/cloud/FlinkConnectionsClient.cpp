#include "FlinkConnectionsClient.h"

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
    return createResourceBody(settings, connection.name, spec);
}

void FlinkConnectionsClient::get(const QString &name, Done done)
{
    m_gateway.request(
        "GET", m_gateway.url(kCollection, name), {}, {}, {200, 404}, QStringLiteral("reading connection %1").arg(name), kWhat,
        [done, name](const net::HttpResponse &response) {
            done(response.status == 404 ? FlinkConnection{name, {}, {}, {}, {}, false}
                                        : parseConnection(QJsonDocument::fromJson(response.body).object()));
        },
        done);
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
    m_gateway.request(
        "POST", m_gateway.url(kCollection), createConnectionBody(m_gateway.settings(), connection), "application/json",
        {200, 201, 202, 409}, QStringLiteral("creating connection %1").arg(connection.name), kWhat,
        [this, done, name = connection.name](const net::HttpResponse &response) {
            if (response.status == 409) // made meanwhile (another window, a retry): it is there
                get(name, done);
            else
                done(parseConnection(QJsonDocument::fromJson(response.body).object()));
        },
        done);
}

void FlinkConnectionsClient::remove(const QString &name, Done done)
{
    m_gateway.request(
        "DELETE", m_gateway.url(kCollection, name), {}, {}, {200, 202, 204, 404},
        QStringLiteral("deleting connection %1").arg(name), kWhat,
        [done, name](const net::HttpResponse &) {
            done(FlinkConnection{name, {}, {}, {}, {}, false});
        },
        done);
}

} // namespace pitwall::cloud
