// Provisioning with a Cloud resource-management key against a fake Confluent Cloud API
// (org/v2, cmk/v2, fcpm/v2, iam/v2, srcm/v3): everything created in order with the
// cluster and pool followed until provisioned, found again instead of re-created on a
// second run, 409 treated as "exists", a refused key said plainly, and teardown in
// reverse.
#include "../support/FakeHttpServer.h"
#include "cloud/CloudProvisioner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QRegularExpression>

using namespace pitwall;
using namespace pitwall::cloud;
using namespace pitwall::test;

namespace {

const QByteArray kAuth = "Basic " + QByteArray("CLOUDKEY:cloud-secret-42").toBase64();

struct FakeCloud {
    QMap<QString, QJsonArray> lists; // path -> items
    QStringList log;
    int clusterReads = 0, poolReads = 0, keys = 0;
    bool roleBindingExists = false;

    static QJsonObject item(const QString &id, const QString &name, bool inSpec)
    {
        return inSpec ? QJsonObject{{"id", id}, {"spec", QJsonObject{{"display_name", name}}}}
                      : QJsonObject{{"id", id}, {"display_name", name}};
    }

    FakeResponse json(int status, const QJsonObject &body) { return FakeResponse::json(status, QJsonDocument(body).toJson()); }

    FakeResponse handle(const FakeRequest &request)
    {
        if (request.header("Authorization") != kAuth)
            return FakeResponse::json(401, "{\"errors\":[{\"status\":\"401\",\"detail\":\"Invalid API Key\"}]}");
        const QString target = QString::fromUtf8(request.target);
        const QString path = target.section(QLatin1Char('?'), 0, 0);
        const auto body = QJsonDocument::fromJson(request.body).object();
        log << QString::fromLatin1(request.method) + QLatin1Char(' ') + path;
        if (request.method == "DELETE")
            return FakeResponse::json(204, "");
        if (path == "/org/v2/organizations")
            return json(200, {{"data", QJsonArray{QJsonObject{{"id", "1111aaaa-2222-3333-4444-555566667777"}}}}});
        if (path == "/srcm/v3/clusters")
            return json(200, {{"data", QJsonArray{QJsonObject{{"id", "lsrc-1"}, {"spec", QJsonObject{{"http_endpoint", "https://psrc-1.us-east-2.aws.confluent.cloud"}}}}}}});
        if (path.startsWith("/cmk/v2/clusters/"))
            return json(200, {{"id", "lkc-1"}, {"spec", QJsonObject{{"kafka_bootstrap_endpoint", "SASL_SSL://pkc-1.us-east-1.aws.confluent.cloud:9092"}}},
                              {"status", QJsonObject{{"phase", ++clusterReads < 3 ? "PROVISIONING" : "PROVISIONED"}}}});
        if (path.startsWith("/fcpm/v2/compute-pools/"))
            return json(200, {{"id", "lfcp-1"}, {"status", QJsonObject{{"phase", ++poolReads < 2 ? "PROVISIONING" : "PROVISIONED"}}}});
        if (path == "/iam/v2/role-bindings")
            return roleBindingExists ? FakeResponse::json(409, "{\"errors\":[{\"status\":\"409\",\"code\":\"resource_already_exists\"}]}")
                                     : json(201, {{"id", "rb-1"}});
        if (path == "/iam/v2/api-keys") {
            ++keys;
            return json(202, {{"id", QStringLiteral("KEY%1").arg(keys)}, {"spec", QJsonObject{{"secret", QStringLiteral("secret-%1").arg(keys)}}}});
        }
        if (request.method == "GET")
            return json(200, {{"data", lists.value(path)}});
        // Creation: remember it so the next list finds it.
        const QString name = body.contains("spec") ? body.value("spec").toObject().value("display_name").toString()
                                                   : body.value("display_name").toString();
        const QString prefix = path.contains("environments") ? "env-" : path.contains("clusters") ? "lkc-" : path.contains("compute-pools") ? "lfcp-" : "sa-";
        const QString id = prefix + QString::number(lists.value(path).size() + 1);
        lists[path].append(item(id, name, body.contains("spec")));
        return json(201, {{"id", id}});
    }
};

ProvisionRequest requestFor(const FakeHttpServer &server, const QString &secret = QStringLiteral("cloud-secret-42"))
{
    ProvisionRequest request;
    request.apiBase = server.baseUrl();
    request.cloudApiKey = QStringLiteral("CLOUDKEY");
    request.cloudApiSecret = secret;
    request.pollMs = 10;
    return request;
}

} // namespace

class TestProvisioning : public QObject {
    Q_OBJECT

    std::pair<ProvisionedResources, QString> run(CloudProvisioner &provisioner)
    {
        QSignalSpy finished(&provisioner, &CloudProvisioner::finished);
        provisioner.provision();
        if (!finished.wait(20000))
            return {{}, QStringLiteral("(no answer)")};
        return {finished.first().at(0).value<ProvisionedResources>(), finished.first().at(1).toString()};
    }

private slots:
    void initTestCase() { qRegisterMetaType<ProvisionedResources>(); }

    void createsEverythingThenFindsIt()
    {
        FakeCloud cloud;
        FakeHttpServer server([&cloud](const FakeRequest &request) { return cloud.handle(request); });
        CloudProvisioner provisioner(requestFor(server));
        QStringList steps;
        connect(&provisioner, &CloudProvisioner::step, this, [&steps](const QString &name, const QString &) { steps << name; });
        const auto [made, error] = run(provisioner);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(made.environmentId, QStringLiteral("env-1"));
        QCOMPARE(made.clusterId, QStringLiteral("lkc-1"));
        QCOMPARE(made.bootstrap, QStringLiteral("pkc-1.us-east-1.aws.confluent.cloud:9092"));
        QCOMPARE(made.poolId, QStringLiteral("lfcp-1"));
        QCOMPARE(made.serviceAccountId, QStringLiteral("sa-1"));
        QCOMPARE(made.registryUrl, QStringLiteral("https://psrc-1.us-east-2.aws.confluent.cloud"));
        QCOMPARE(made.kafkaApiKey, QStringLiteral("KEY1"));
        QCOMPARE(made.kafkaApiSecret, QStringLiteral("secret-1"));
        QCOMPARE(made.flinkApiKey, QStringLiteral("KEY3"));
        QCOMPARE(cloud.clusterReads, 3); // followed until PROVISIONED
        QVERIFY(steps.contains(QStringLiteral("Waiting")));
        QCOMPARE(steps.first(), QStringLiteral("Environment"));
        QCOMPARE(steps.last(), QStringLiteral("Done"));
        const int posts = int(cloud.log.filter(QRegularExpression("^POST /(org|cmk|fcpm)/v2/(environments|clusters|compute-pools)$")).size());
        QCOMPARE(posts, 3);

        // Again: found by name, nothing re-created; role bindings answer 409 (exists).
        cloud.log.clear();
        cloud.roleBindingExists = true;
        CloudProvisioner again(requestFor(server));
        const auto [found, againError] = run(again);
        QVERIFY2(againError.isEmpty(), qPrintable(againError));
        QCOMPARE(found.environmentId, made.environmentId);
        QCOMPARE(found.clusterId, made.clusterId);
        QCOMPARE(cloud.log.filter(QRegularExpression("^POST /(org|cmk|fcpm|iam)/v2/(environments|clusters|compute-pools|service-accounts)$")).size(), 0);

        // Teardown: keys first, then pool, cluster, service account, environment.
        cloud.log.clear();
        QSignalSpy finished(&provisioner, &CloudProvisioner::finished);
        provisioner.teardown(made);
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().at(1).toString(), QString());
        QCOMPARE(cloud.log, (QStringList{"DELETE /iam/v2/api-keys/KEY1", "DELETE /iam/v2/api-keys/KEY2", "DELETE /iam/v2/api-keys/KEY3",
                                         "DELETE /fcpm/v2/compute-pools/lfcp-1", "DELETE /cmk/v2/clusters/lkc-1",
                                         "DELETE /iam/v2/service-accounts/sa-1", "DELETE /org/v2/environments/env-1"}));
    }

    void refusedKeyIsSaid()
    {
        FakeCloud cloud;
        FakeHttpServer server([&cloud](const FakeRequest &request) { return cloud.handle(request); });
        CloudProvisioner provisioner(requestFor(server, QStringLiteral("wrong-cloud-secret")));
        const auto [made, error] = run(provisioner);
        QVERIFY2(error.contains("refused the API key"), qPrintable(error));
        QVERIFY(error.contains("Cloud resource-management"));
        QVERIFY(!error.contains("wrong-cloud-secret"));
        QVERIFY(made.environmentId.isEmpty());

        CloudProvisioner unconfigured(ProvisionRequest{});
        const auto [none, missing] = run(unconfigured);
        QVERIFY(missing.contains("Cloud resource-management API key"));
    }
};

QTEST_GUILESS_MAIN(TestProvisioning)
#include "tst_provisioning.moc"
