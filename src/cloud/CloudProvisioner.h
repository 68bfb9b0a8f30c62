#pragma once
// Optional provisioning, like the demo's admin script, with a Cloud resource-management
// API key: finds or creates the environment, the Kafka cluster (waiting until it is
// provisioned), the Flink compute pool, a service account with EnvironmentAdmin and
// CloudClusterAdmin, and API keys for Kafka, Schema Registry and Flink owned by it.
// Idempotent (found by display name; 409 "already exists" is success), step by step
// with progress, and a teardown in reverse. The topics are created by the app when it
// connects. Asynchronous, on this object's thread.

#include "net/HttpExchange.h"
#include "core/Expected.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>

class QSettings;
#include <functional>

namespace pitwall::cloud {

struct ProvisionRequest {
    QString apiBase = QStringLiteral("https://api.confluent.cloud");
    QString cloudApiKey;
    QString cloudApiSecret; // never logged or shown
    QString environmentName = QStringLiteral("f1-leaderboard-env");
    QString clusterName = QStringLiteral("f1-leaderboard-cluster");
    QString poolName = QStringLiteral("f1-leaderboard-flink-pool");
    QString serviceAccountName = QStringLiteral("f1-leaderboard-admin-sa");
    QString cloud = QStringLiteral("aws");
    QString region = QStringLiteral("us-east-1");
    int maxCfu = 5;
    int pollMs = 5000;
    int provisionTimeoutMs = 900'000;
    int requestTimeoutMs = 20'000;
};

// What provisioning found or made; secrets only for keys made in this run (Confluent
// never returns a secret again).
struct ProvisionedResources {
    QString organizationId, environmentId, clusterId, bootstrap, poolId, serviceAccountId;
    QString registryId, registryUrl;
    QString kafkaApiKey, kafkaApiSecret, registryApiKey, registryApiSecret, flinkApiKey, flinkApiSecret;
    QStringList createdKeyIds;
    // What this provisioning made (a teardown deletes only these, never what it found).
    bool createdEnvironment = false, createdCluster = false, createdPool = false, createdServiceAccount = false;

    bool isEmpty() const { return environmentId.isEmpty() && createdKeyIds.isEmpty(); }
    // The ids and flags (no secret) under cloud/provisioned/…, for a later teardown.
    void save(QSettings &settings) const;
    static ProvisionedResources load(QSettings &settings);
    static void forget(QSettings &settings);
};

class CloudProvisioner : public QObject {
    Q_OBJECT
public:
    explicit CloudProvisioner(ProvisionRequest request, QObject *parent = nullptr);

    void provision();
    // Deletes what `resources` says this provisioning created: keys, then pool, cluster,
    // service account, environment.
    void teardown(const ProvisionedResources &resources);

signals:
    void step(const QString &name, const QString &detail);
    // `error` empty: done.
    void finished(const pitwall::cloud::ProvisionedResources &resources, const QString &error);

private:
    using Then = std::function<void(const QJsonObject &)>;
    void request(const QByteArray &method, const QString &path, const QJsonObject &body, Then then, bool conflictIsSuccess = false);
    // `then` gets the item and whether this call created it.
    void findOrCreate(const QString &listPath, const QString &name, const QString &createPath, const QJsonObject &body,
                      std::function<void(const QJsonObject &, bool created)> then);
    void waitProvisioned(const QString &path, std::function<void(const QJsonObject &)> then);
    // A resource of the environment that takes minutes to come up (the Kafka cluster, the
    // Flink pool), at `collection`: found by name or created in the request's cloud and
    // region with `spec`'s fields; `found` keeps it and answers its ID, `ready` gets it
    // provisioned.
    void provisionInEnvironment(const QString &collection, const QString &name, QJsonObject spec,
                                std::function<QString(const QJsonObject &, bool created)> found, Then ready);
    void fail(const QString &error);

    void environment();
    void organization();
    void cluster();
    void pool();
    void serviceAccount();
    void roleBindings();
    void registry();
    void keys();

    ProvisionRequest m_request;
    net::HttpExchange m_http;
    ProvisionedResources m_resources;
    QElapsedTimer m_waiting;
    bool m_failed = false;
};

} // namespace pitwall::cloud

Q_DECLARE_METATYPE(pitwall::cloud::ProvisionedResources)
