// The Flink SQL files (resources/flink/*.sql): every one is compiled in and loads, each
// stage's statement comes from its file with every placeholder filled, and the loader
// refuses a missing file, a placeholder without value and a value without placeholder.
#include "../support/CloudTestSettings.h"
#include "cloud/CloudPipelinePlan.h"
#include "cloud/FlinkSqlFiles.h"
#include "pipeline/PipelineDefinition.h"

#include <QDir>
#include <QTest>

using namespace pitwall;
using namespace pitwall::cloud;
using pitwall::test::allCloudServices;

class TestFlinkSqlFiles : public QObject {
    Q_OBJECT

private slots:
    // A file added to resources/flink but not to a library's qt_add_resources is caught here.
    void everyFileIsCompiledIn()
    {
        const QDir folder(QStringLiteral(PITWALL_SOURCE_DIR "/resources/flink"));
        const auto files = folder.entryList({QStringLiteral("*.sql")}, QDir::Files);
        QVERIFY(files.size() >= 11);
        for (const auto &file : files)
            QVERIFY2(QFile::exists(QStringLiteral(":/flink/") + file), qPrintable(file));
    }

    void everyStageStatementLoadsFromItsFile()
    {
        for (const auto &stage : pipelineDefinition()) {
            if (stage.name == QLatin1String("commentary-index")) {
                QVERIFY(stage.flinkSql.isEmpty()); // the app writes Atlas itself
                QVERIFY(!QFile::exists(QStringLiteral(":/flink/commentary-index.sql")));
                continue;
            }
            QVERIFY2(QFile::exists(QStringLiteral(":/flink/%1.sql").arg(stage.name)), qPrintable(stage.name));
            QVERIFY2(stage.flinkSql.startsWith(QLatin1String("INSERT INTO `")), qPrintable(stage.name));
            QVERIFY2(stage.flinkSql.endsWith(QLatin1Char(';')), qPrintable(stage.name));
            QVERIFY2(!stage.flinkSql.contains(QLatin1String("{{")), qPrintable(stage.name));
        }
    }

    void noPlaceholderReachesThePlan()
    {
        const auto plan = makeCloudPlan(cloudStages(pipelineDefinition()), allCloudServices());
        int models = 0;
        for (const auto &statement : plan.statements) {
            QVERIFY2(!statement.sql.isEmpty(), qPrintable(statement.name));
            QVERIFY2(!statement.sql.contains(QLatin1String("{{")), qPrintable(statement.name));
            models += statement.sql.startsWith(QLatin1String("CREATE MODEL")) ? 1 : 0;
        }
        QCOMPARE(models, 2);
    }

    // The header comment documents the file; the statement sent starts after it.
    void theHeaderCommentIsNotSent()
    {
        const auto sql = loadFlinkSql(QStringLiteral("ask-embed"));
        QVERIFY(sql);
        QVERIFY(sql.value().startsWith(QLatin1String("INSERT INTO `commentary_queries_vectors`\n")));
        QVERIFY(sql.value().endsWith(QLatin1String(";")));
    }

    void aMissingFileIsAnError()
    {
        const auto sql = loadFlinkSql(QStringLiteral("no-such-stage"));
        QVERIFY(!sql);
        QVERIFY(sql.error().message.contains(QLatin1String(":/flink/no-such-stage.sql")));
    }

    void aPlaceholderWithoutValueIsAnError()
    {
        const auto sql = loadFlinkSql(QStringLiteral("lap-time-forecast"));
        QVERIFY(!sql);
        QVERIFY(sql.error().message.contains(QLatin1String("{{ml_config}}")));
    }

    void aValueWithoutPlaceholderIsAnError()
    {
        const auto sql = loadFlinkSql(QStringLiteral("ask-embed"), {{QStringLiteral("model"), QStringLiteral("x")}});
        QVERIFY(!sql);
        QVERIFY(sql.error().message.contains(QLatin1String("{{model}}")));
    }

    // Values are put in once: one that holds "{{...}}" is not read as a placeholder again.
    void valuesAreNotScannedAgain()
    {
        const auto sql = loadFlinkSql(QStringLiteral("lap-time-forecast"),
                                      {{QStringLiteral("ml_config"), QStringLiteral("{{ml_config}}")}});
        QVERIFY(sql);
        QCOMPARE(sql.value().count(QLatin1String("{{ml_config}}")), 1);
    }
};

QTEST_GUILESS_MAIN(TestFlinkSqlFiles)
#include "tst_flinksqlfiles.moc"
