// The pipeline panel's Confluent Cloud part, offscreen, against a fake Flink API: Deploy
// shows each statement's phase and hands the deployed stages to the window (the local
// copies switch off), Stop and Delete end it and give the stages back; a missing setup
// is said, in red, and nothing is called.
#include "../support/FakeConfluentFlink.h"
#include "../support/FakeSchemaRegistry.h"
#include "cloud/CloudPlanExport.h"
#include "gui/CloudDeployPanel.h"
#include "pipeline/PipelineDefinition.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace pitwall;
using namespace pitwall::cloud;
using namespace pitwall::test;

namespace {

template <typename T>
T *child(QWidget &parent, const char *name)
{
    auto *widget = parent.findChild<T *>(QLatin1String(name));
    if (!widget)
        qFatal("no %s", name);
    return widget;
}

QString phaseOf(QWidget &panel, const QString &name)
{
    auto *table = child<QTableWidget>(panel, "statementTable");
    const auto found = table->findItems(name, Qt::MatchExactly);
    return found.isEmpty() ? QStringLiteral("(no row)") : table->item(found.first()->row(), 1)->text();
}

// The fakes' organization, environment and keys; no AI services.
CloudTarget fakeTarget(const FakeHttpServer &server, const FakeHttpServer &registry)
{
    CloudTarget target;
    target.flink = fakeFlinkSettings(server);
    target.registry = registry::RegistrySettings{registry.baseUrl(), QStringLiteral("SRKEY"), QStringLiteral("sr-secret-55")};
    return target;
}

void answerNextQuestion(QObject *context, QMessageBox::StandardButton answer)
{
    QTimer::singleShot(200, context, [answer] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            box->button(answer)->click();
    });
}

} // namespace

class TestCloudDeploy : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;

private slots:
    void initTestCase()
    {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home.filePath("config"));
        QCoreApplication::setOrganizationName(QStringLiteral("PitWallTest"));
        QCoreApplication::setApplicationName(QStringLiteral("clouddeploy"));
    }

    void deploysStopsAndDeletes()
    {
        FakeFlink flink;
        FakeHttpServer server([&flink](const FakeRequest &request) { return flink.handle(request); });
        FakeRegistry schemas;
        FakeHttpServer registryServer([&schemas](const FakeRequest &request) { return schemas.handle(request); });
        int loads = 0;
        CloudDeployPanel panel([&] {
            ++loads;
            return fakeTarget(server, registryServer);
        });
        panel.setPollInterval(10);
        panel.resize(900, 300);
        panel.show();
        QCOMPARE(loads, 0); // nothing read (no keychain asked) until an action starts
        QVERIFY(!child<QPushButton>(panel, "stopButton")->isEnabled());
        QSignalSpy stages(&panel, &CloudDeployPanel::cloudStagesChanged);
        auto *status = child<QLabel>(panel, "cloudStatus");

        child<QPushButton>(panel, "deployButton")->click();
        QVERIFY(stages.wait(30000));
        QCOMPARE(stages.first().first().toStringList(), (QStringList{"enrichment", "engine-anomalies", "telemetry-anomalies",
                                                                     "lap-time-forecast", "tyre-temperature-forecast"}));
        QVERIFY2(status->text().contains(QLatin1String("Still on this machine: ask-embed")), qPrintable(status->text()));
        QVERIFY(status->toolTip().contains(QLatin1String("commentary: needs Amazon Bedrock")));
        QCOMPARE(phaseOf(panel, "pitwall-enrichment"), QStringLiteral("RUNNING"));
        QCOMPARE(phaseOf(panel, "pitwall-table-f1-forecasts"), QStringLiteral("COMPLETED"));
        QCOMPARE(phaseOf(panel, "f1-forecasts-value"), QStringLiteral("REGISTERED"));
        QCOMPARE(child<QTableWidget>(panel, "statementTable")->rowCount(), int(flink.statements.size()) + schemas.posts);
        QVERIFY(child<QPushButton>(panel, "stopButton")->isEnabled());
        QTest::qWait(50); // the status line lays out again
        QVERIFY(QDir().mkpath(QStringLiteral(PITWALL_TEST_OUTPUT_DIR)));
        QVERIFY(panel.grab().save(QStringLiteral(PITWALL_TEST_OUTPUT_DIR "/pipeline-cloud.png")));

        // A new panel (a restart) knows what was deployed and can stop it.
        CloudDeployPanel restarted([&] { return fakeTarget(server, registryServer); });
        restarted.setPollInterval(10);
        QSignalSpy restartedStages(&restarted, &CloudDeployPanel::cloudStagesChanged);
        QCOMPARE(phaseOf(restarted, "pitwall-enrichment"), QStringLiteral("—"));
        // Refresh reads what runs now, changing nothing.
        QSignalSpy restartedFinished(&restarted, &CloudDeployPanel::cloudStagesChanged);
        flink.log.clear();
        child<QPushButton>(restarted, "refreshButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(phaseOf(restarted, "pitwall-enrichment"), QStringLiteral("RUNNING"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>(restarted, "stopButton")->isEnabled(), 10000);
        QCOMPARE(phaseOf(restarted, "pitwall-table-f1-forecasts"), QStringLiteral("COMPLETED"));
        QVERIFY(flink.log.isEmpty());
        QCOMPARE(restartedFinished.size(), 0);
        QVERIFY(child<QPushButton>(restarted, "stopButton")->isEnabled());
        child<QPushButton>(restarted, "stopButton")->click();
        QVERIFY(restartedStages.wait(30000));
        QVERIFY(restartedStages.first().first().toStringList().isEmpty());
        QCOMPARE(phaseOf(restarted, "pitwall-enrichment"), QStringLiteral("STOPPED"));
        QVERIFY(flink.log.contains(QStringLiteral("PATCH pitwall-tyre-temperature-forecast")));

        // Delete, after saying yes: everything Pit Wall deployed is gone, and forgotten.
        answerNextQuestion(this, QMessageBox::Yes);
        child<QPushButton>(restarted, "deleteButton")->click();
        QVERIFY(restartedStages.wait(30000));
        QVERIFY(flink.statements.isEmpty());
        QCOMPARE(child<QTableWidget>(restarted, "statementTable")->rowCount(), 0);
        QVERIFY(!child<QPushButton>(restarted, "deleteButton")->isEnabled());
        QVERIFY(!QSettings().contains("cloud/deployed/statements"));
    }

    // "Copy plan as SQL": the plan Deploy would run, secrets as placeholders, even before Flink is set up.
    void copiesThePlanAsSql()
    {
        CloudTarget target{{}, {}, std::nullopt, QStringLiteral("Set up Confluent Cloud Flink first")};
        target.ai.openAiApiKey = QStringLiteral("sk-never-shown-42");
        CloudDeployPanel panel([&target] { return target; });
        QGuiApplication::clipboard()->clear();
        child<QPushButton>(panel, "copyPlanButton")->click();
        const QString copied = QGuiApplication::clipboard()->text();
        QCOMPARE(copied, planToSql(makeCloudPlan(cloudStages(pipelineDefinition()), target.ai)));
        QVERIFY(copied.contains(QLatin1String("'api-key' = '<API_KEY>'")));
        QVERIFY(!copied.contains(QLatin1String("sk-never-shown-42")));
        QVERIFY(child<QLabel>(panel, "cloudStatus")->text().contains(QLatin1String("Copied the plan as SQL")));
    }

    void aMissingSetupIsSaidAndNothingIsCalled()
    {
        CloudDeployPanel panel([] {
            return CloudTarget{{}, {}, std::nullopt, QStringLiteral("Set up Confluent Cloud Flink first")};
        });
        QSignalSpy stages(&panel, &CloudDeployPanel::cloudStagesChanged);
        child<QPushButton>(panel, "deployButton")->click();
        auto *status = child<QLabel>(panel, "cloudStatus");
        QCOMPARE(status->text(), QStringLiteral("Set up Confluent Cloud Flink first"));
        QVERIFY(status->styleSheet().contains(QLatin1String("e0533d")));
        QTest::qWait(100);
        QCOMPARE(stages.size(), 0);
        QVERIFY(child<QPushButton>(panel, "deployButton")->isEnabled());
    }
};

QTEST_MAIN(TestCloudDeploy)
#include "tst_clouddeploy.moc"
