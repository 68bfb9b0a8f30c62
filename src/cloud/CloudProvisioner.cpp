#include "CloudProvisioner.h"

#include "ConfluentErrors.h"
#include "core/AsyncLoop.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>
#include <QTimer>
#include <QUrl>

namespace pitwall::cloud {

namespace {

const QString kWhat = QStringLiteral("Confluent Cloud (Cloud resource-management API key)");

// An item of a list answer with this display name (top level or in spec).
QJsonObject findByName(const QJsonObject &list, const QString &name)
{
    for (const auto &value : list.value(QLatin1String("data")).toArray()) {
        const auto item = value.toObject();
        if (item.value(QLatin1String("display_name")).toString() == name ||
            item.value(QLatin1String("spec")).toObject().value(QLatin1String("display_name")).toString() == name)
            return item;
    }
    return {};
}

} // namespace

void ProvisionedResources::save(QSettings &settings) const
{
    settings.beginGroup(QStringLiteral("cloud/provisioned"));
    settings.setValue(QStringLiteral("environment"), environmentId);
    settings.setValue(QStringLiteral("cluster"), clusterId);
    settings.setValue(QStringLiteral("pool"), poolId);
    settings.setValue(QStringLiteral("service_account"), serviceAccountId);
    settings.setValue(QStringLiteral("key_ids"), createdKeyIds);
    settings.setValue(QStringLiteral("created"), QStringList{createdEnvironment ? QStringLiteral("environment") : QString(),
                                                             createdCluster ? QStringLiteral("cluster") : QString(),
                                                             createdPool ? QStringLiteral("pool") : QString(),
                                                             createdServiceAccount ? QStringLiteral("service_account") : QString()});
    settings.endGroup();
}

ProvisionedResources ProvisionedResources::load(QSettings &settings)
{
    ProvisionedResources r;
    settings.beginGroup(QStringLiteral("cloud/provisioned"));
    r.environmentId = settings.value(QStringLiteral("environment")).toString();
    r.clusterId = settings.value(QStringLiteral("cluster")).toString();
    r.poolId = settings.value(QStringLiteral("pool")).toString();
    r.serviceAccountId = settings.value(QStringLiteral("service_account")).toString();
    r.createdKeyIds = settings.value(QStringLiteral("key_ids")).toStringList();
    const QStringList created = settings.value(QStringLiteral("created")).toStringList();
    settings.endGroup();
    r.createdEnvironment = created.contains(QStringLiteral("environment")) && !r.environmentId.isEmpty();
    r.createdCluster = created.contains(QStringLiteral("cluster")) && !r.clusterId.isEmpty();
    r.createdPool = created.contains(QStringLiteral("pool")) && !r.poolId.isEmpty();
    r.createdServiceAccount = created.contains(QStringLiteral("service_account")) && !r.serviceAccountId.isEmpty();
    return r;
}

void ProvisionedResources::forget(QSettings &settings)
{
    settings.remove(QStringLiteral("cloud/provisioned"));
}

CloudProvisioner::CloudProvisioner(ProvisionRequest request, QObject *parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_http(this)
{
}

void CloudProvisioner::fail(const QString &error)
{
    if (m_failed)
        return;
    m_failed = true;
    emit finished(m_resources, error);
}

void CloudProvisioner::request(const QByteArray &method, const QString &path, const QJsonObject &body, Then then, bool conflictIsSuccess)
{
    if (m_request.cloudApiKey.isEmpty() || m_request.cloudApiSecret.isEmpty()) {
        QTimer::singleShot(0, this, [this] { fail(tr("Provisioning needs a Cloud resource-management API key and secret.")); });
        return;
    }
    const QByteArray payload = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    net::HttpHeaders headers{{"Accept", "application/json"},
                             {"Authorization", basicAuthorization(m_request.cloudApiKey, m_request.cloudApiSecret)}};
    if (!payload.isEmpty())
        headers.emplace_back("Content-Type", "application/json");
    m_http.send(method, net::joinUrl(m_request.apiBase, path), headers, payload, m_request.requestTimeoutMs,
                [this, then = std::move(then), conflictIsSuccess, path](const net::HttpResponse &response,
                                                                        const net::TransportError *transport) {
                    if (transport) {
                        fail(tr("Cannot reach Confluent Cloud: %1").arg(transport->message));
                        return;
                    }
                    if ((response.status >= 200 && response.status < 300) || (conflictIsSuccess && response.status == 409)) {
                        then(QJsonDocument::fromJson(response.body).object());
                        return;
                    }
                    fail(QStringLiteral("%1: %2").arg(path.section(QLatin1Char('?'), 0, 0), confluentError(response, kWhat)));
                });
}

void CloudProvisioner::findOrCreate(const QString &listPath, const QString &name, const QString &createPath,
                                    const QJsonObject &body, std::function<void(const QJsonObject &, bool created)> then)
{
    request("GET", listPath, {}, [this, listPath, name, createPath, body, then](const QJsonObject &list) {
        if (const auto found = findByName(list, name); !found.isEmpty()) {
            then(found, false);
            return;
        }
        // Created by someone else meanwhile (409): it is found on the next list.
        request(
            "POST", createPath, body,
            [this, listPath, name, then](const QJsonObject &created) {
                if (!created.value(QLatin1String("id")).toString().isEmpty()) {
                    then(created, true);
                    return;
                }
                request("GET", listPath, {}, [this, name, then](const QJsonObject &again) {
                    const auto found = findByName(again, name);
                    if (found.isEmpty())
                        fail(tr("'%1' was neither found nor created").arg(name));
                    else
                        then(found, false); // someone else made it meanwhile
                });
            },
            true);
    });
}

void CloudProvisioner::waitProvisioned(const QString &path, std::function<void(const QJsonObject &)> then)
{
    request("GET", path, {}, [this, path, then](const QJsonObject &item) {
        const QString phase = item.value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString();
        if (phase == QLatin1String("PROVISIONED") || phase == QLatin1String("UP")) {
            then(item);
            return;
        }
        if (phase == QLatin1String("FAILED")) {
            fail(tr("%1 failed to provision").arg(path.section(QLatin1Char('?'), 0, 0)));
            return;
        }
        if (m_waiting.elapsed() > m_request.provisionTimeoutMs) {
            fail(tr("%1 was still %2 after %3 min").arg(path.section(QLatin1Char('?'), 0, 0), phase).arg(m_request.provisionTimeoutMs / 60000));
            return;
        }
        emit step(tr("Waiting"), tr("%1 is %2").arg(path.section(QLatin1Char('/'), -1).section(QLatin1Char('?'), 0, 0), phase));
        QTimer::singleShot(m_request.pollMs, this, [this, path, then] { waitProvisioned(path, then); });
    });
}

void CloudProvisioner::provision()
{
    m_failed = false;
    m_resources = {};
    environment();
}

void CloudProvisioner::environment()
{
    emit step(tr("Environment"), m_request.environmentName);
    findOrCreate(QStringLiteral("/org/v2/environments?page_size=100"), m_request.environmentName, QStringLiteral("/org/v2/environments"),
                 QJsonObject{{"display_name", m_request.environmentName}}, [this](const QJsonObject &environment, bool created) {
                     m_resources.environmentId = environment.value(QLatin1String("id")).toString();
                     m_resources.createdEnvironment = created;
                     organization();
                 });
}

void CloudProvisioner::organization()
{
    request("GET", QStringLiteral("/org/v2/organizations"), {}, [this](const QJsonObject &list) {
        m_resources.organizationId = list.value(QLatin1String("data")).toArray().first().toObject().value(QLatin1String("id")).toString();
        cluster();
    });
}

void CloudProvisioner::provisionInEnvironment(const QString &collection, const QString &name, QJsonObject spec,
                                              std::function<QString(const QJsonObject &, bool created)> found, Then ready)
{
    const QString env = m_resources.environmentId;
    spec.insert(QStringLiteral("display_name"), name);
    spec.insert(QStringLiteral("cloud"), m_request.cloud.toUpper());
    spec.insert(QStringLiteral("region"), m_request.region);
    spec.insert(QStringLiteral("environment"), QJsonObject{{"id", env}});
    findOrCreate(QStringLiteral("%1?environment=%2").arg(collection, env), name, collection, QJsonObject{{"spec", spec}},
                 [this, collection, env, found = std::move(found), ready = std::move(ready)](const QJsonObject &resource, bool created) {
                     const QString id = found(resource, created);
                     m_waiting.start();
                     waitProvisioned(QStringLiteral("%1/%2?environment=%3").arg(collection, id, env), ready);
                 });
}

void CloudProvisioner::cluster()
{
    emit step(tr("Kafka cluster"), m_request.clusterName);
    provisionInEnvironment(
        QStringLiteral("/cmk/v2/clusters"), m_request.clusterName,
        QJsonObject{{"availability", "SINGLE_ZONE"}, {"config", QJsonObject{{"kind", "Basic"}}}},
        [this](const QJsonObject &cluster, bool created) {
            m_resources.clusterId = cluster.value(QLatin1String("id")).toString();
            m_resources.createdCluster = created;
            return m_resources.clusterId;
        },
        [this](const QJsonObject &ready) {
            m_resources.bootstrap = ready.value(QLatin1String("spec")).toObject().value(QLatin1String("kafka_bootstrap_endpoint")).toString();
            m_resources.bootstrap.remove(QStringLiteral("SASL_SSL://"));
            pool();
        });
}

void CloudProvisioner::pool()
{
    emit step(tr("Flink compute pool"), m_request.poolName);
    provisionInEnvironment(
        QStringLiteral("/fcpm/v2/compute-pools"), m_request.poolName, QJsonObject{{"max_cfu", m_request.maxCfu}},
        [this](const QJsonObject &pool, bool created) {
            m_resources.poolId = pool.value(QLatin1String("id")).toString();
            m_resources.createdPool = created;
            return m_resources.poolId;
        },
        [this](const QJsonObject &) { serviceAccount(); });
}

void CloudProvisioner::serviceAccount()
{
    emit step(tr("Service account"), m_request.serviceAccountName);
    findOrCreate(QStringLiteral("/iam/v2/service-accounts?page_size=100"), m_request.serviceAccountName,
                 QStringLiteral("/iam/v2/service-accounts"),
                 QJsonObject{{"display_name", m_request.serviceAccountName}, {"description", "Pit Wall: runs the race pipeline"}},
                 [this](const QJsonObject &account, bool created) {
                     m_resources.serviceAccountId = account.value(QLatin1String("id")).toString();
                     m_resources.createdServiceAccount = created;
                     roleBindings();
                 });
}

void CloudProvisioner::roleBindings()
{
    emit step(tr("Role bindings"), tr("EnvironmentAdmin, CloudClusterAdmin"));
    const QString principal = QStringLiteral("User:") + m_resources.serviceAccountId;
    const QString envCrn =
        QStringLiteral("crn://confluent.cloud/organization=%1/environment=%2").arg(m_resources.organizationId, m_resources.environmentId);
    request(
        "POST", QStringLiteral("/iam/v2/role-bindings"),
        QJsonObject{{"principal", principal}, {"role_name", "EnvironmentAdmin"}, {"crn_pattern", envCrn}},
        [this, principal, envCrn](const QJsonObject &) {
            request(
                "POST", QStringLiteral("/iam/v2/role-bindings"),
                QJsonObject{{"principal", principal},
                            {"role_name", "CloudClusterAdmin"},
                            {"crn_pattern", envCrn + QStringLiteral("/cloud-cluster=") + m_resources.clusterId}},
                [this](const QJsonObject &) { registry(); }, true);
        },
        true);
}

void CloudProvisioner::registry()
{
    request("GET", QStringLiteral("/srcm/v3/clusters?environment=%1").arg(m_resources.environmentId), {}, [this](const QJsonObject &list) {
        const auto first = list.value(QLatin1String("data")).toArray().first().toObject();
        m_resources.registryId = first.value(QLatin1String("id")).toString();
        m_resources.registryUrl = first.value(QLatin1String("spec")).toObject().value(QLatin1String("http_endpoint")).toString();
        if (m_resources.registryId.isEmpty()) {
            fail(tr("The environment has no Schema Registry (enable Stream Governance for it)."));
            return;
        }
        keys();
    });
}

void CloudProvisioner::keys()
{
    emit step(tr("API keys"), tr("Kafka, Schema Registry, Flink"));
    auto makeKey = [this](const QString &what, const QJsonObject &resource, std::function<void(const QString &, const QString &)> then) {
        const QJsonObject body{
            {"spec", QJsonObject{{"display_name", QStringLiteral("pitwall-%1").arg(what)},
                                 {"description", QStringLiteral("Pit Wall %1 key").arg(what)},
                                 {"owner", QJsonObject{{"id", m_resources.serviceAccountId}, {"kind", "ServiceAccount"}}},
                                 {"resource", resource}}}};
        request("POST", QStringLiteral("/iam/v2/api-keys"), body, [this, then](const QJsonObject &key) {
            const QString id = key.value(QLatin1String("id")).toString();
            const QString secret = key.value(QLatin1String("spec")).toObject().value(QLatin1String("secret")).toString();
            if (id.isEmpty() || secret.isEmpty()) {
                fail(tr("Confluent Cloud made an API key without returning its secret"));
                return;
            }
            m_resources.createdKeyIds << id;
            then(id, secret);
        });
    };
    const QString env = m_resources.environmentId;
    makeKey(QStringLiteral("kafka"),
            QJsonObject{{"id", m_resources.clusterId}, {"api_version", "cmk/v2"}, {"kind", "Cluster"}, {"environment", env}},
            [this, makeKey, env](const QString &key, const QString &secret) {
                m_resources.kafkaApiKey = key;
                m_resources.kafkaApiSecret = secret;
                makeKey(QStringLiteral("schema-registry"),
                        QJsonObject{{"id", m_resources.registryId}, {"api_version", "srcm/v2"}, {"kind", "SchemaRegistry"}, {"environment", env}},
                        [this, makeKey, env](const QString &key, const QString &secret) {
                            m_resources.registryApiKey = key;
                            m_resources.registryApiSecret = secret;
                            // A Flink key is scoped to an environment and region.
                            makeKey(QStringLiteral("flink"),
                                    QJsonObject{{"id", QStringLiteral("%1.%2.%3").arg(env, m_request.cloud.toLower(), m_request.region)},
                                                {"api_version", "fcpm/v2"}},
                                    [this](const QString &key, const QString &secret) {
                                        m_resources.flinkApiKey = key;
                                        m_resources.flinkApiSecret = secret;
                                        emit step(tr("Done"), tr("new keys can take a minute or two to work"));
                                        emit finished(m_resources, {});
                                    });
                        });
            });
}

void CloudProvisioner::teardown(const ProvisionedResources &resources)
{
    m_failed = false;
    m_resources = resources;
    QStringList paths;
    for (const auto &key : resources.createdKeyIds)
        paths << QStringLiteral("/iam/v2/api-keys/%1").arg(key);
    if (resources.createdPool)
        paths << QStringLiteral("/fcpm/v2/compute-pools/%1?environment=%2").arg(resources.poolId, resources.environmentId);
    if (resources.createdCluster)
        paths << QStringLiteral("/cmk/v2/clusters/%1?environment=%2").arg(resources.clusterId, resources.environmentId);
    if (resources.createdServiceAccount)
        paths << QStringLiteral("/iam/v2/service-accounts/%1").arg(resources.serviceAccountId);
    if (resources.createdEnvironment)
        paths << QStringLiteral("/org/v2/environments/%1").arg(resources.environmentId);
    auto remaining = std::make_shared<QStringList>(paths);
    runAsyncLoop([this, remaining](const std::shared_ptr<LoopStep> &next) {
        if (remaining->isEmpty()) {
            emit finished(m_resources, {});
            return;
        }
        const QString path = remaining->takeFirst();
        emit step(tr("Deleting"), path.section(QLatin1Char('?'), 0, 0));
        // Already gone (404) is fine for a teardown.
        net::HttpHeaders headers{{"Authorization", basicAuthorization(m_request.cloudApiKey, m_request.cloudApiSecret)}};
        m_http.send("DELETE", net::joinUrl(m_request.apiBase, path), headers, {}, m_request.requestTimeoutMs,
                    [this, path, next](const net::HttpResponse &response, const net::TransportError *transport) {
                        if (transport) {
                            fail(tr("Cannot reach Confluent Cloud: %1").arg(transport->message));
                            return;
                        }
                        if (response.status >= 300 && response.status != 404) {
                            fail(QStringLiteral("%1: %2").arg(path.section(QLatin1Char('?'), 0, 0), confluentError(response, kWhat)));
                            return;
                        }
                        (*next)();
                    });
    });
}

} // namespace pitwall::cloud
