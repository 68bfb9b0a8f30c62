// Provisioning with a Cloud resource-management key against a fake Confluent Cloud API
// (org/v2, cmk/v2, fcpm/v2, iam/v2, srcm/v3): everything created in order with the
// cluster and pool followed until provisioned, found again instead of re-created on a
// second run, 409 treated as "exists", a refused key said plainly, and teardown in
// reverse.
#include "../support/FakeConfluentCloud.h"
#include "cloud/CloudProvisioner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>

using namespace pitwall;
using namespace pitwall::cloud;
using namespace pitwall::test;

namespace {

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
        const int posts = int(
            cloud.log.filter(QRegularExpression("^POST /(org|cmk|fcpm)/v2/(environments|clusters|compute-pools)$")).size());
        QCOMPARE(posts, 3);

        // Again: found by name, nothing re-created; role bindings answer 409 (exists).
        cloud.log.clear();
        cloud.roleBindingExists = true;
        CloudProvisioner again(requestFor(server));
        const auto [found, againError] = run(again);
        QVERIFY2(againError.isEmpty(), qPrintable(againError));
        QCOMPARE(found.environmentId, made.environmentId);
        QCOMPARE(found.clusterId, made.clusterId);
        QCOMPARE(cloud.log
                     .filter(QRegularExpression("^POST /(org|cmk|fcpm|iam)/v2/(environments|clusters|compute-pools|service-accounts)$"))
                     .size(),
                 0);
        QVERIFY(made.createdEnvironment && made.createdCluster && made.createdPool && made.createdServiceAccount);
        QVERIFY(!found.createdEnvironment && !found.createdCluster && !found.createdPool && !found.createdServiceAccount);

        // Tearing down the second run removes only what it made: its keys.
        cloud.log.clear();
        {
            QSignalSpy done(&again, &CloudProvisioner::finished);
            again.teardown(found);
            QVERIFY(done.wait(20000));
            QCOMPARE(cloud.log,
                     (QStringList{"DELETE /iam/v2/api-keys/KEY4", "DELETE /iam/v2/api-keys/KEY5", "DELETE /iam/v2/api-keys/KEY6"}));
        }

        // What to tear down survives a restart (ids and flags, no secret).
        QTemporaryDir directory;
        QSettings settings(directory.filePath("p.conf"), QSettings::IniFormat);
        made.save(settings);
        const auto reloaded = ProvisionedResources::load(settings);
        QCOMPARE(reloaded.clusterId, made.clusterId);
        QCOMPARE(reloaded.createdKeyIds, made.createdKeyIds);
        QVERIFY(reloaded.createdEnvironment && reloaded.createdPool);
        QVERIFY(reloaded.kafkaApiSecret.isEmpty());
        QFile file(directory.filePath("p.conf"));
        settings.sync();
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("secret-1"));

        // Teardown: keys first, then pool, cluster, service account, environment.
        cloud.log.clear();
        QSignalSpy finished(&provisioner, &CloudProvisioner::finished);
        provisioner.teardown(ProvisionedResources::load(settings));
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
