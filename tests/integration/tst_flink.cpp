// Confluent Cloud Flink statements against a fake of the sql/v1 API that moves statements
// through their phases as the real one does: create, poll to COMPLETED (DDL) or RUNNING
// (INSERT), a failure with its error detail, idempotent re-deployment, replacement of a
// changed statement, teardown, and a refused key — with the secret in no message.
#include "../support/FakeConfluentFlink.h"
#include "cloud/FlinkDeployer.h"
#include "cloud/FlinkStatementsClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSignalSpy>
#include <QTest>

using namespace pitwall;
using namespace pitwall::cloud;
using namespace pitwall::test;

namespace {

const QList<PlannedStatement> kPlan{
    {QStringLiteral("pitwall-create-commentary-table"), QStringLiteral("CREATE TABLE IF NOT EXISTS `f1-commentary` (id STRING)"), false},
    {QStringLiteral("pitwall-create-model"),
     QStringLiteral("CREATE MODEL IF NOT EXISTS f1_commentary_generator INPUT (race_context STRING)"), false},
    {QStringLiteral("pitwall-commentary"), QStringLiteral("INSERT INTO `f1-commentary` SELECT 1"), true},
};

QString deployAndWait(FlinkDeployer &deployer, const QList<PlannedStatement> &plan)
{
    QSignalSpy finished(&deployer, &FlinkDeployer::finished);
    deployer.deploy(plan);
    if (!finished.wait(30000))
        return QStringLiteral("(no answer)");
    return finished.first().first().toString();
}

} // namespace

class TestFlink : public QObject {
    Q_OBJECT

private slots:
    void namesAreChecked()
    {
        QVERIFY(FlinkStatementsClient::isValidName(QStringLiteral("pitwall-commentary-2")));
        QVERIFY(!FlinkStatementsClient::isValidName(QStringLiteral("Pitwall")));
        QVERIFY(!FlinkStatementsClient::isValidName(QStringLiteral("-x")));
        QVERIFY(!FlinkStatementsClient::isValidName(QStringLiteral("a_b")));
        QVERIFY(!FlinkStatementsClient::isValidName(QString(101, QLatin1Char('a'))));
    }

    void deploysInOrderUntilEachSettles()
    {
        FakeFlink flink;
        FakeHttpServer server([&flink](const FakeRequest &request) { return flink.handle(request); });
        FlinkStatementsClient client(fakeFlinkSettings(server));
        FlinkDeployer deployer(&client, 20, 10000);
        QStringList phases;
        connect(&deployer, &FlinkDeployer::statementChanged, this, [&phases](const QString &name, const QString &phase, const QString &) {
            phases << name + QLatin1Char(' ') + phase;
        });
        QCOMPARE(deployAndWait(deployer, kPlan), QString());
        QCOMPARE(flink.log,
                 (QStringList{"POST pitwall-create-commentary-table", "POST pitwall-create-model", "POST pitwall-commentary"}));
        QVERIFY(phases.contains(QStringLiteral("pitwall-create-commentary-table COMPLETED")));
        QVERIFY(phases.contains(QStringLiteral("pitwall-commentary RUNNING")));
        QVERIFY(phases.indexOf(QStringLiteral("pitwall-create-model COMPLETED")) <
                phases.indexOf(QStringLiteral("pitwall-commentary RUNNING")));
        // The body: name, org, env, pool, catalog and database as properties.
        const auto &stored = flink.statements[QStringLiteral("pitwall-commentary")];
        QCOMPARE(stored.computePool, QStringLiteral("lfcp-pool1"));
        QCOMPARE(stored.properties.value("sql.current-catalog").toString(), QStringLiteral("f1-leaderboard-env"));
        QCOMPARE(stored.properties.value("sql.current-database").toString(), QStringLiteral("f1-cluster"));

        // The same plan again: nothing created or deleted.
        flink.log.clear();
        QCOMPARE(deployAndWait(deployer, kPlan), QString());
        QVERIFY2(flink.log.isEmpty(), qPrintable(flink.log.join(',')));

        // A changed statement is replaced; the others stay.
        auto changed = kPlan;
        changed[2].sql = QStringLiteral("INSERT INTO `f1-commentary` SELECT 2");
        QCOMPARE(deployAndWait(deployer, changed), QString());
        QCOMPARE(flink.log, (QStringList{"DELETE pitwall-commentary", "POST pitwall-commentary"}));
        QCOMPARE(flink.statements[QStringLiteral("pitwall-commentary")].sql, changed[2].sql);

        // Listing (the wizard's test call) sees them.
        std::optional<Expected<QList<FlinkStatement>>> list;
        client.list(10, [&list](Expected<QList<FlinkStatement>> l) { list = l; });
        QVERIFY(QTest::qWaitFor([&] { return list.has_value(); }, 10000));
        QVERIFY2(list->hasValue(), qPrintable(list->hasValue() ? QString() : list->error().message));
        QCOMPARE(list->value().size(), 3);

        // Teardown deletes them, the last first, and waits until they are gone.
        flink.log.clear();
        QSignalSpy finished(&deployer, &FlinkDeployer::finished);
        deployer.teardown({kPlan[0].name, kPlan[1].name, kPlan[2].name});
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().toString(), QString());
        QCOMPARE(flink.log,
                 (QStringList{"DELETE pitwall-commentary", "DELETE pitwall-create-model", "DELETE pitwall-create-commentary-table"}));
        QVERIFY(flink.statements.isEmpty());
    }

    // A Flink key made a moment ago is refused until it propagates: the deployment waits.
    void aNewKeyIsTriedUntilItPropagates()
    {
        FakeFlink flink;
        flink.refuseFirst = 3;
        FakeHttpServer server([&flink](const FakeRequest &request) { return flink.handle(request); });
        FlinkStatementsClient client(fakeFlinkSettings(server));
        FlinkDeployer deployer(&client, 20, 10000);
        QCOMPARE(deployAndWait(deployer, kPlan), QString());
        QCOMPARE(flink.refuseFirst, 0);
        QCOMPARE(flink.statements.size(), kPlan.size());
    }

    void aFailedStatementStopsWithItsDetail()
    {
        FakeFlink flink;
        FakeHttpServer server([&flink](const FakeRequest &request) { return flink.handle(request); });
        FlinkStatementsClient client(fakeFlinkSettings(server));
        FlinkDeployer deployer(&client, 20, 10000);
        auto plan = kPlan;
        plan.insert(1, {QStringLiteral("pitwall-broken"), QStringLiteral("INSERT INTO x SELECT * FROM missing_table"), true});
        const QString error = deployAndWait(deployer, plan);
        QVERIFY2(error.contains(QLatin1String("pitwall-broken is FAILED")), qPrintable(error));
        QVERIFY(error.contains(QLatin1String("Table 'missing_table' does not exist")));
        QVERIFY(!flink.statements.contains(QStringLiteral("pitwall-commentary"))); // stopped there
        // Deployed again once fixed: the failed one is replaced.
        plan[1].sql = QStringLiteral("INSERT INTO x SELECT 1");
        flink.log.clear();
        QCOMPARE(deployAndWait(deployer, plan), QString());
        QVERIFY(flink.log.contains(QStringLiteral("DELETE pitwall-broken")));
        QVERIFY(flink.log.contains(QStringLiteral("POST pitwall-commentary")));
    }

    void refusedKeyAndMissingSettingsAreSaid()
    {
        FakeFlink flink;
        FakeHttpServer server([&flink](const FakeRequest &request) { return flink.handle(request); });
        FlinkStatementsClient client(fakeFlinkSettings(server, QStringLiteral("wrong-secret-99")));
        FlinkDeployer deployer(&client, 20, 10000);
        const QString error = deployAndWait(deployer, kPlan);
        QVERIFY2(error.contains(QLatin1String("refused the API key")), qPrintable(error));
        QVERIFY(error.contains(QLatin1String("Flink API key")));
        QVERIFY(!error.contains(QLatin1String("wrong-secret-99")));

        FlinkSettings empty;
        FlinkStatementsClient unconfigured(empty);
        std::optional<Expected<FlinkStatement>> answer;
        unconfigured.get(QStringLiteral("x"), [&answer](Expected<FlinkStatement> s) { answer = s; });
        QVERIFY(!answer.has_value()); // never before the call returns
        QVERIFY(QTest::qWaitFor([&answer] { return answer.has_value(); }, 5000));
        QVERIFY(answer->error().message.contains(QLatin1String("organization ID")));

        FlinkDeployer badNames(&client);
        QCOMPARE(deployAndWait(badNames, {{QStringLiteral("Bad_Name"), QStringLiteral("SELECT 1"), false}}),
                 QStringLiteral("'Bad_Name' is not a valid statement name"));
    }
};

QTEST_GUILESS_MAIN(TestFlink)
#include "tst_flink.moc"
