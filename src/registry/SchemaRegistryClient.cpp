#include "SchemaRegistryClient.h"

#include "net/CredentialUrl.h"

#include "net/PropagationRetry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrl>

namespace pitwall::registry {

QByteArray registerRequestBody(const QString &schemaType, const QString &schema)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("schemaType"), schemaType},
                                     {QStringLiteral("schema"), schema},
                                     {QStringLiteral("references"), QJsonArray()}})
        .toJson(QJsonDocument::Compact);
}

SchemaRegistryClient::SchemaRegistryClient(RegistrySettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_http(this)
{
    m_clock.start();
}

void SchemaRegistryClient::registerSchema(const QString &subject, const QString &schemaType, const QString &schema, IdDone done)
{
    const QString cacheKey = subject + QLatin1Char('\n') + schemaType + QLatin1Char('\n') + schema;
    if (const auto it = m_registered.constFind(cacheKey); it != m_registered.cend()) {
        done(*it);
        return;
    }
    auto call = std::make_shared<Call>();
    call->method = "POST";
    call->path = QStringLiteral("/subjects/%1/versions").arg(QString::fromLatin1(QUrl::toPercentEncoding(subject)));
    call->body = registerRequestBody(schemaType, schema);
    call->onSuccess = [this, cacheKey, schemaType, schema, subject, done](const net::HttpResponse &response) {
        const auto id = QJsonDocument::fromJson(response.body).object().value(QLatin1String("id"));
        if (!id.isDouble() || id.toInt(-1) < 0) {
            done(Error{QStringLiteral("the Schema Registry answered the registration of '%1' without an id").arg(subject)});
            return;
        }
        m_registered.insert(cacheKey, id.toInt());
        m_byId.insert(id.toInt(), RegisteredSchema{id.toInt(), schemaType, schema});
        done(id.toInt());
    };
    call->onFailure = [done](const QString &message) { done(Error{message}); };
    send(call);
}

void SchemaRegistryClient::schemaById(qint32 id, SchemaDone done)
{
    if (const auto it = m_byId.constFind(id); it != m_byId.cend()) {
        done(*it);
        return;
    }
    auto call = std::make_shared<Call>();
    call->method = "GET";
    call->path = QStringLiteral("/schemas/ids/%1").arg(id);
    call->onSuccess = [this, id, done](const net::HttpResponse &response) {
        const auto object = QJsonDocument::fromJson(response.body).object();
        if (!object.value(QLatin1String("schema")).isString()) {
            done(Error{QStringLiteral("the Schema Registry's answer for schema %1 has no schema").arg(id)});
            return;
        }
        // schemaType is absent for Avro, the registry's default.
        RegisteredSchema found{id, object.value(QLatin1String("schemaType")).toString(QStringLiteral("AVRO")),
                               object.value(QLatin1String("schema")).toString()};
        m_byId.insert(id, found);
        done(found);
    };
    call->onFailure = [done](const QString &message) { done(Error{message}); };
    send(call);
}

void SchemaRegistryClient::listSubjects(std::function<void(Expected<QStringList>)> done)
{
    auto call = std::make_shared<Call>();
    call->method = "GET";
    call->path = QStringLiteral("/subjects");
    call->onSuccess = [done](const net::HttpResponse &response) {
        const auto document = QJsonDocument::fromJson(response.body);
        if (!document.isArray()) {
            done(Error{QStringLiteral("the Schema Registry's subject list is not a JSON array (is this the registry's URL?)")});
            return;
        }
        QStringList subjects;
        for (const auto &subject : document.array())
            subjects << subject.toString();
        done(subjects);
    };
    call->onFailure = [done](const QString &message) { done(Error{message}); };
    send(call);
}

void SchemaRegistryClient::send(std::shared_ptr<Call> call)
{
    if (m_settings.url.isEmpty()) {
        call->onFailure(QStringLiteral("no Schema Registry URL is set (the setup wizard's Schema Registry page)"));
        return;
    }
    // Basic auth carries the key: https only (plain http to this machine alone), said at once, not retried.
    if (const QString problem = net::credentialUrlProblem(net::joinUrl(m_settings.url, call->path)); !problem.isEmpty()) {
        call->onFailure(QStringLiteral("Schema Registry: %1").arg(problem));
        return;
    }
    if (call->attempt == 0)
        call->startedMs = m_clock.elapsed();
    ++call->attempt;
    ++m_requests;
    net::HttpHeaders headers{{"Accept", "application/vnd.schemaregistry.v1+json, application/json"},
                             {"Authorization",
                              "Basic " + (m_settings.apiKey + QLatin1Char(':') + m_settings.apiSecret).toUtf8().toBase64()}};
    if (!call->body.isEmpty())
        headers.emplace_back("Content-Type", "application/vnd.schemaregistry.v1+json");
    m_http.send(call->method, net::joinUrl(m_settings.url, call->path), headers, call->body, m_settings.requestTimeoutMs,
                [this, call](const net::HttpResponse &response, const net::TransportError *transport) {
                    const int status = transport ? 0 : response.status;
                    if (status >= 200 && status < 300) {
                        call->onSuccess(response);
                        return;
                    }
                    const QString why = transport ? QStringLiteral("cannot reach the Schema Registry: %1").arg(transport->message)
                                                  : explain(response);
                    const qint64 elapsed = m_clock.elapsed() - call->startedMs;
                    const qint64 backoff = net::PropagationRetry{m_settings.retryForMs, m_settings.firstBackoffMs}.delayAfter(
                        status, call->attempt, elapsed);
                    if (backoff < 0) {
                        call->onFailure(
                            call->attempt > 1
                                ? QStringLiteral("%1 (after %2 attempts in %3 s)").arg(why).arg(call->attempt).arg(elapsed / 1000.0, 0, 'f', 1)
                                : why);
                        return;
                    }
                    QTimer::singleShot(backoff, this, [this, call] { send(call); });
                });
}

QString SchemaRegistryClient::explain(const net::HttpResponse &response) const
{
    const auto object = QJsonDocument::fromJson(response.body).object();
    QString said = object.value(QLatin1String("message")).toString();
    if (said.size() > 240)
        said = said.left(240) + QStringLiteral("…");
    const int code = object.value(QLatin1String("error_code")).toInt();
    const QString detail = said.isEmpty() ? QString() : QStringLiteral(" The registry said: %1").arg(said);
    switch (response.status) {
    case 401:
    case 403:
        return QStringLiteral("the Schema Registry refused the API key (HTTP %1): check the Schema Registry key and "
                              "secret — not the Kafka ones; a new key can take a minute to work.%2")
            .arg(response.status)
            .arg(detail);
    case 404: return QStringLiteral("not found in the Schema Registry (error %1): check the URL.%2").arg(code).arg(detail);
    case 409:
        return QStringLiteral("the subject already has a schema this one is not compatible with: delete the subject "
                              "(hard delete) or use a new topic.%1")
            .arg(detail);
    case 422: return QStringLiteral("the Schema Registry says the schema is invalid (error %1).%2").arg(code).arg(detail);
    case 429: return QStringLiteral("the Schema Registry is rate-limiting the requests.%1").arg(detail);
    default: return QStringLiteral("the Schema Registry answered HTTP %1.%2").arg(response.status).arg(detail);
    }
}

} // namespace pitwall::registry
