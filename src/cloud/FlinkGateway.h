#pragma once
// Confluent Cloud Flink's REST gateway (sql/v1) for one organization and environment:
// the collection URLs (statements, connections) and an authenticated call with the Flink
// API key (HTTP Basic). The statements and connections clients share it.

#include "ConfluentErrors.h"
#include "core/Expected.h"
#include "net/HttpExchange.h"

#include <QJsonObject>
#include <QObject>
#include <functional>
#include <memory>

namespace pitwall::cloud {

struct FlinkSettings {
    QString endpoint;       // https://flink.<region>.<cloud>.confluent.cloud
    QString organizationId; // UUID
    QString environmentId;  // env-…
    QString computePoolId;  // lfcp-… (empty: the environment's default pool)
    QString principal;      // sa-… to run the statements as (empty: the key's owner)
    QString apiKey;
    QString apiSecret; // never logged or shown
    QString catalog;   // the environment's display name
    QString database;  // the Kafka cluster's display name
    int requestTimeoutMs = 15'000;
    // A new Flink key is refused until it propagates: 401/403, throttling, 5xx and network
    // failures are tried again within this window.
    int retryForMs = 120'000;
    int firstBackoffMs = 1000;

    // What is missing to call the API, in words; empty when complete.
    QString missing() const;
};

// A create request's body, the same for every collection: the resource's name, the
// organization and environment it goes in, and its spec.
QByteArray createResourceBody(const FlinkSettings &settings, const QString &name, const QJsonObject &spec);

class FlinkGateway {
public:
    FlinkGateway(FlinkSettings settings, QObject *owner);

    // …/sql/v1/organizations/{org}/environments/{env}/{collection}[/{name}]
    QUrl url(const QString &collection, const QString &name = {}) const;
    // Answers on the owner's thread, always after the call returned; onFailure gets a
    // missing setting or a transport error in words (never the secret).
    void call(const QByteArray &method, const QUrl &url, const QByteArray &body, const QByteArray &contentType,
              std::function<void(const net::HttpResponse &)> onAnswer, std::function<void(const QString &)> onFailure);

    // call() as the clients make it: an answer with a status in `accepted` goes to
    // onAccepted; any other is the error "<doing>: <what Confluent said, for `what`>", and a
    // failed call the error in its words; both go to `done`.
    template <typename T>
    void request(const QByteArray &method, const QUrl &url, const QByteArray &body, const QByteArray &contentType,
                 const QList<int> &accepted, const QString &doing, const QString &what,
                 std::function<void(const net::HttpResponse &)> onAccepted, std::function<void(Expected<T>)> done)
    {
        call(
            method, url, body, contentType,
            [accepted, doing, what, onAccepted = std::move(onAccepted), done](const net::HttpResponse &response) {
                if (!accepted.contains(response.status)) {
                    done(Error{QStringLiteral("%1: %2").arg(doing, confluentError(response, what))});
                    return;
                }
                onAccepted(response);
            },
            [done](const QString &message) { done(Error{message}); });
    }

    const FlinkSettings &settings() const { return m_settings; }

private:
    struct Attempt;
    void send(std::shared_ptr<Attempt> attempt);

    FlinkSettings m_settings;
    QObject *m_owner;
    net::HttpExchange m_http;
};

// The statements and connections clients: QObjects that answer on their thread, each
// with its gateway to the REST API.
class FlinkClient : public QObject {
    Q_OBJECT
public:
    explicit FlinkClient(FlinkSettings settings, QObject *parent = nullptr);

    const FlinkSettings &settings() const { return m_gateway.settings(); }

protected:
    FlinkGateway m_gateway;
};

} // namespace pitwall::cloud
