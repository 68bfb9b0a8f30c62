// Pit Wall's whole cloud plan held to Confluent Cloud Flink's documented streaming rules
// (../shared/spec/confluent-flink-ai.md §1.0-§3), and the checker itself shown to catch one
// deliberately broken statement per rule.
#include "../support/CloudTestSettings.h"
#include "../support/FlinkConformance.h"
#include "cloud/CloudTables.h"
#include "pipeline/PipelineDefinition.h"

#include <QTest>
#include <algorithm>

using namespace pitwall;
using namespace pitwall::cloud;
using namespace pitwall::test;

namespace {

// The demo's own engine-anomalies statement ran live as written (ORDER BY TO_TIMESTAMP_LTZ).
const QSet<QString> kDemoStatement{QStringLiteral("pitwall-engine-anomalies")};

QString texts(const QList<ConformanceIssue> &issues)
{
    QStringList lines;
    for (const auto &issue : issues)
        lines << issue.text();
    return lines.join(QLatin1Char('\n'));
}

// The plan's declarations (every CREATE of the plan), then one extra statement checked.
QList<ConformanceIssue> checkAfterPlan(const QString &sql)
{
    FlinkConformance checker(kDemoStatement);
    const auto planIssues = checker.check(makeCloudPlan(cloudStages(pipelineDefinition()), allCloudServices()));
    if (!planIssues.isEmpty())
        qWarning("%s", qPrintable(texts(planIssues)));
    return checker.check(QStringLiteral("broken"), sql);
}

} // namespace

class TestFlinkConformance : public QObject {
    Q_OBJECT

private slots:
    void theWholePlanConforms_data()
    {
        QTest::addColumn<bool>("services");
        QTest::newRow("all services") << true;
        QTest::newRow("no AI services") << false;
    }

    void theWholePlanConforms()
    {
        QFETCH(bool, services);
        const CloudPlan plan = makeCloudPlan(cloudStages(pipelineDefinition()), services ? allCloudServices() : CloudAiSettings{});
        FlinkConformance checker(kDemoStatement);
        const auto issues = checker.check(plan);
        QVERIFY2(issues.isEmpty(), qPrintable(texts(issues)));
        QVERIFY(plan.statements.size() > 10 || !services);
    }

    // The exemption covers exactly the demo statement's ORDER BY, nothing else.
    void theDemoStatementIsTheOnlyExemption()
    {
        FlinkConformance strict;
        const auto issues = strict.check(makeCloudPlan(cloudStages(pipelineDefinition()), allCloudServices()));
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues[0].statement, QStringLiteral("pitwall-engine-anomalies"));
        QCOMPARE(issues[0].rule, FlinkRule::OrderByTimeAttribute);
    }

    void failsOnEachBrokenRule_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<int>("rule");
        // The enrichment statement as it was: LAG over one window, FIRST_VALUE over another.
        QTest::newRow("two windows in one SELECT")
            << QStringLiteral("INSERT INTO `f1-commentary-input`\n"
                              "SELECT race_id, `timestamp`, driver_name, team_name, `position`, 'info' AS type,\n"
                              "  COALESCE(LAG(`position`) OVER w - `position`, 0) AS position_change,\n"
                              "  COALESCE(FIRST_VALUE(`position`) OVER recent - `position`, 0) AS places_gained_30s,\n"
                              "  gap_to_leader, `interval`, lap, tyre, pit_stops\n"
                              "FROM `f1-driver-positions`\n"
                              "WINDOW w AS (PARTITION BY race_id, driver_name ORDER BY `$rowtime`),\n"
                              "  recent AS (PARTITION BY race_id, driver_name ORDER BY `$rowtime`\n"
                              "             RANGE BETWEEN INTERVAL '30' SECOND PRECEDING AND CURRENT ROW);")
            << int(FlinkRule::OneWindowPerSelect);
        QTest::newRow("two inline windows") << QStringLiteral(
                                                   "INSERT INTO `f1-forecasts` SELECT race_id, SUM(x) OVER (PARTITION BY a ORDER BY `$rowtime`),\n"
                                                   "  COUNT(*) OVER (PARTITION BY b ORDER BY `$rowtime`) FROM `f1-car-telemetry`;")
                                            << int(FlinkRule::OneWindowPerSelect);
        QTest::newRow("computed ORDER BY") << QStringLiteral(
                                                  "INSERT INTO `f1-forecasts` SELECT race_id, ML_FORECAST(x, y, JSON_OBJECT('horizon' VALUE 1))\n"
                                                  "  OVER (PARTITION BY race_id ORDER BY TO_TIMESTAMP_LTZ(`timestamp`, 3)\n"
                                                  "        RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM `f1-race-events`;")
                                           << int(FlinkRule::OrderByTimeAttribute);
        QTest::newRow("$rowtime through a subquery")
            << QStringLiteral("INSERT INTO `f1-forecasts` SELECT a, SUM(b) OVER (PARTITION BY a ORDER BY `$rowtime`)\n"
                              "FROM (SELECT a, b, `$rowtime` FROM `f1-car-telemetry`);")
            << int(FlinkRule::OrderByTimeAttribute);
        QTest::newRow("plain column, no watermark")
            << QStringLiteral("INSERT INTO `f1-forecasts` SELECT a, SUM(b) OVER (PARTITION BY a ORDER BY `timestamp`)\n"
                              "FROM `f1-car-telemetry`;")
            << int(FlinkRule::OrderByTimeAttribute);
        QTest::newRow("event time computed again in a subquery")
            << QStringLiteral("INSERT INTO `f1-forecasts` SELECT a, SUM(b) OVER (PARTITION BY a ORDER BY event_time)\n"
                              "FROM (SELECT a, b, event_time + INTERVAL '1' SECOND AS event_time FROM `f1-car-telemetry`);")
            << int(FlinkRule::OrderByTimeAttribute);
        QTest::newRow("descending") << QStringLiteral("INSERT INTO `f1-forecasts` SELECT a, SUM(b) OVER (PARTITION BY a ORDER BY `$rowtime` DESC)\n"
                                                      "FROM `f1-car-telemetry`;")
                                    << int(FlinkRule::OrderByTimeAttribute);
        QTest::newRow("range into the future")
            << QStringLiteral("INSERT INTO `f1-forecasts` SELECT a, SUM(b) OVER (PARTITION BY a ORDER BY `$rowtime`\n"
                              "  ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM `f1-car-telemetry`;")
            << int(FlinkRule::PrecedingToCurrentRow);
        QTest::newRow("range not ending at the current row")
            << QStringLiteral("INSERT INTO `f1-forecasts` SELECT a, SUM(b) OVER (PARTITION BY a ORDER BY `$rowtime`\n"
                              "  ROWS BETWEEN 5 PRECEDING AND 1 PRECEDING) FROM `f1-car-telemetry`;")
            << int(FlinkRule::PrecedingToCurrentRow);
        // The commentary-index statement as it was: a table nobody declares.
        QTest::newRow("undeclared table") << QStringLiteral("INSERT INTO `commentary_vectors`\n"
                                                            "SELECT id, message, e.embedding AS message_embedding, `timestamp`, type\n"
                                                            "FROM `f1-commentary`, LATERAL TABLE(ML_PREDICT('commentary_query_embed', message)) AS e(embedding);")
                                          << int(FlinkRule::DeclaredTable);
        QTest::newRow("undeclared source table")
            << QStringLiteral("INSERT INTO `f1-forecasts` SELECT * FROM `f1-lap-times`;") << int(FlinkRule::DeclaredTable);
        QTest::newRow("undeclared external table")
            << QStringLiteral("INSERT INTO `commentary_query_results` SELECT id, query, vs.search_results FROM `commentary_queries_vectors`,\n"
                              "  LATERAL TABLE(VECTOR_SEARCH_AGG(mongo_documents, DESCRIPTOR(embedding), embedding, 5)) AS vs;")
            << int(FlinkRule::DeclaredTable);
        QTest::newRow("model not created") << QStringLiteral(
                                                  "INSERT INTO `commentary_queries_vectors` SELECT query, embedding, id, race_id\n"
                                                  "FROM `commentary_queries`, LATERAL TABLE(ML_PREDICT('openai_embed', query));")
                                           << int(FlinkRule::CreatedObject);
        QTest::newRow("ML_DETECT_ANOMALIES without its config")
            << QStringLiteral("INSERT INTO `f1-telemetry-anomalies` SELECT a, ML_DETECT_ANOMALIES(reading, event_time)\n"
                              "  OVER (PARTITION BY a ORDER BY event_time RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)\n"
                              "FROM `f1-car-telemetry`;")
            << int(FlinkRule::FunctionSignature);
        QTest::newRow("ML_FORECAST without OVER")
            << QStringLiteral("INSERT INTO `f1-forecasts` SELECT ML_FORECAST(x, event_time, JSON_OBJECT('horizon' VALUE 1)) FROM `f1-race-events`;")
            << int(FlinkRule::FunctionSignature);
        QTest::newRow("VECTOR_SEARCH_AGG without DESCRIPTOR")
            << QStringLiteral("INSERT INTO `commentary_query_results` SELECT id, query, vs.search_results FROM `commentary_queries_vectors`,\n"
                              "  LATERAL TABLE(VECTOR_SEARCH_AGG(mongo_commentary, message_embedding, embedding, 5)) AS vs;")
            << int(FlinkRule::FunctionSignature);
        QTest::newRow("AI_COMPLETE with a column for a model")
            << QStringLiteral("INSERT INTO `f1-commentary` SELECT id, r.c AS message, `timestamp`, type FROM `f1-commentary-input`,\n"
                              "  LATERAL TABLE(AI_COMPLETE(model_name, 'say something')) AS r(c);")
            << int(FlinkRule::FunctionSignature);
        QTest::newRow("connection not created")
            << QStringLiteral("CREATE MODEL IF NOT EXISTS `other_model` INPUT (input STRING) OUTPUT (embedding ARRAY<FLOAT>)\n"
                              "WITH ('provider' = 'openai', 'task' = 'embedding', 'openai.connection' = 'openai-connection');")
            << int(FlinkRule::CreatedObject);
    }

    // An upsert table (a primary key) under an OVER, directly or through a subquery.
    void failsOnAnUpsertInput()
    {
        FlinkConformance checker(kDemoStatement);
        QVERIFY(checker.check(makeCloudPlan(cloudStages(pipelineDefinition()), {})).isEmpty());
        QVERIFY(checker
                    .check(QStringLiteral("pitwall-table-latest"),
                           QStringLiteral("CREATE TABLE IF NOT EXISTS `latest-positions` (driver_name STRING, `position` INT,\n"
                                          "  PRIMARY KEY (driver_name) NOT ENFORCED) WITH ('changelog.mode' = 'upsert');"))
                    .isEmpty());
        for (const auto &sql : {QStringLiteral("INSERT INTO `f1-forecasts` SELECT driver_name, COUNT(*) OVER (PARTITION BY driver_name\n"
                                               "  ORDER BY `$rowtime`) FROM `latest-positions`;"),
                                QStringLiteral("INSERT INTO `f1-forecasts` SELECT driver_name, COUNT(*) OVER (PARTITION BY driver_name\n"
                                               "  ORDER BY `$rowtime`) FROM (SELECT * FROM `latest-positions`);")}) {
            const auto issues = checker.check(QStringLiteral("broken"), sql);
            QVERIFY2(std::any_of(issues.begin(), issues.end(),
                                 [](const auto &issue) { return issue.rule == FlinkRule::AppendOnlyInput; }),
                     qPrintable(texts(issues)));
        }
    }

    void failsOnEachBrokenRule()
    {
        QFETCH(QString, sql);
        QFETCH(int, rule);
        const auto issues = checkAfterPlan(sql);
        QVERIFY2(!issues.isEmpty(), "the checker let a broken statement through");
        for (const auto &issue : issues)
            QVERIFY2(int(issue.rule) == rule, qPrintable(issue.text()));
    }

    // What the rules allow: a watermarked event-time column forwarded unchanged, $rowtime of
    // the source table itself, window_time after a window aggregation.
    void passesWhatTheRulesAllow_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("$rowtime of the source")
            << QStringLiteral("INSERT INTO `f1-forecasts` SELECT a, SUM(b) OVER (PARTITION BY a ORDER BY `$rowtime`\n"
                              "  ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), COUNT(*) OVER (PARTITION BY a ORDER BY `$rowtime`\n"
                              "  ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM `f1-car-telemetry`;");
        QTest::newRow("event time forwarded")
            << QStringLiteral("INSERT INTO `f1-forecasts` SELECT a, SUM(b) OVER (PARTITION BY a ORDER BY event_time)\n"
                              "FROM (SELECT *, LAG(b) OVER (PARTITION BY c ORDER BY event_time) AS d\n"
                              "      FROM (SELECT a, b, c, event_time FROM `f1-car-telemetry`));");
        QTest::newRow("window_time after TUMBLE") << QStringLiteral(
            "INSERT INTO `f1-forecasts` SELECT a, SUM(b) OVER (PARTITION BY a ORDER BY window_time)\n"
            "FROM (SELECT a, window_time, MAX(b) AS b FROM TABLE(TUMBLE(TABLE `f1-car-telemetry`,\n"
            "      DESCRIPTOR(event_time), INTERVAL '1' SECOND)) GROUP BY a, window_start, window_end, window_time);");
    }

    void passesWhatTheRulesAllow()
    {
        QFETCH(QString, sql);
        const auto issues = checkAfterPlan(sql);
        QVERIFY2(issues.isEmpty(), qPrintable(texts(issues)));
    }
};

QTEST_GUILESS_MAIN(TestFlinkConformance)
#include "tst_flinkconformance.moc"
