// The cloud plan made from the pipeline definition, and its deployment against a fake of
// Confluent Cloud Flink: connections through REST (secrets in auth_data, never in SQL),
// models and tables before the INSERTs, each table declared before a statement uses it,
// stages without their AI service kept local with the reason, deploy idempotent, stop
// and delete.
#include "../support/FakeConfluentFlink.h"
#include "../support/FakeSchemaRegistry.h"
#include "cloud/CloudPipeline.h"
#include "cloud/CloudPlanExport.h"
#include "cloud/CloudTables.h"
#include "pipeline/PipelineDefinition.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>

using namespace pitwall;
using namespace pitwall::cloud;
using namespace pitwall::test;

namespace {

const QString kAwsSecret = QStringLiteral("aws-secret-31415");
const QString kOpenAiKey = QStringLiteral("sk-openai-27182");
const QString kMongoPassword = QStringLiteral("mongo-pass-16180");

CloudAiSettings allServices()
{
    CloudAiSettings ai;
    ai.awsRegion = QStringLiteral("us-east-1");
    ai.awsAccessKeyId = QStringLiteral("AKIAEXAMPLE");
    ai.awsSecretAccessKey = kAwsSecret;
    ai.bedrockModel = QStringLiteral("us.anthropic.claude-3-5-sonnet-20240620-v1:0");
    ai.openAiApiKey = kOpenAiKey;
    ai.embeddingModel = QStringLiteral("text-embedding-3-small");
    ai.mongoUri = QStringLiteral("mongodb+srv://racer:%1@cluster0.abcd.mongodb.net/?retryWrites=true").arg(kMongoPassword);
    ai.mongoDatabase = QStringLiteral("reinvent");
    ai.mongoCollection = QStringLiteral("commentary");
    ai.mongoIndex = QStringLiteral("vector_index");
    return ai;
}

// The tables a statement reads or writes: every `quoted` name and the Mongo table.
QStringList tablesIn(const QString &sql)
{
    QStringList names;
    static const QRegularExpression quoted(QStringLiteral("`([a-z0-9_-]+)`"));
    for (auto it = quoted.globalMatch(sql); it.hasNext();)
        if (const QString name = it.next().captured(1); cloudTable(name))
            names << name;
    if (sql.contains(QLatin1String(kMongoTableName)))
        names << QString::fromLatin1(kMongoTableName);
    return names;
}

// What the fake Flink was asked to create, in order: name and SQL of each statement.
QStringList created(const FakeFlink &flink)
{
    QStringList out;
    for (const auto &entry : flink.log)
        if (entry.startsWith(QLatin1String("POST ")))
            out << entry.mid(5) + QLatin1Char('\n') + flink.statements.value(entry.mid(5)).sql;
    return out;
}

// The statements of a plan deployed through the deployer alone, as `pitwall cloud plan --json` gives them.
QStringList deployedThroughDeployer(const QList<PlannedStatement> &statements)
{
    FakeFlink flink;
    FakeHttpServer server([&flink](const FakeRequest &request) { return flink.handle(request); });
    FlinkStatementsClient client(fakeFlinkSettings(server));
    FlinkDeployer deployer(&client, 10, 20000);
    QSignalSpy finished(&deployer, &FlinkDeployer::finished);
    deployer.deploy(statements);
    if (!finished.wait(60000) || !finished.first().first().toString().isEmpty())
        return {QStringLiteral("(deploy failed)")};
    return created(flink);
}

// The same plan deployed as the window's Deploy does (CloudPipeline: schemas, connections, statements).
QStringList deployedAsTheWindowDoes(const CloudPlan &plan)
{
    FakeFlink flink;
    FakeHttpServer server([&flink](const FakeRequest &request) { return flink.handle(request); });
    CloudPipeline pipeline(fakeFlinkSettings(server), std::nullopt, 10, 20000);
    QSignalSpy finished(&pipeline, &CloudPipeline::finished);
    pipeline.deploy(plan);
    if (!finished.wait(60000) || !finished.first().at(1).toString().isEmpty())
        return {QStringLiteral("(deploy failed)")};
    return created(flink);
}

QString waitFor(QSignalSpy &finished)
{
    if (!finished.wait(60000))
        return QStringLiteral("(no answer)");
    const QString error = finished.takeFirst().at(1).toString();
    return error.isEmpty() ? QStringLiteral("ok") : error;
}

} // namespace

class TestCloudPipeline : public QObject {
    Q_OBJECT

private slots:
    void withoutAiServicesTheAiStagesStayLocal()
    {
        const CloudPlan plan = makeCloudPlan(cloudStages(pipelineDefinition()), {});
        QCOMPARE(plan.cloudStages, (QStringList{"enrichment", "engine-anomalies", "telemetry-anomalies", "lap-time-forecast",
                                                "tyre-temperature-forecast"}));
        QVERIFY(plan.connections.isEmpty());
        QVERIFY(plan.localStages.value("commentary").contains(QLatin1String("Bedrock")));
        QVERIFY(plan.localStages.value("ask-embed").contains(QLatin1String("OpenAI")));
        QVERIFY(plan.localStages.value("ask-search").contains(QLatin1String("MongoDB")));
        QVERIFY(plan.localStages.value("commentary-index").contains(QLatin1String("MongoDB Atlas through the app")));
        for (const auto &statement : plan.statements)
            QVERIFY2(!statement.sql.contains(QLatin1String("CREATE MODEL")), qPrintable(statement.name));
    }

    void thePlanDeclaresEveryTableBeforeUsingIt()
    {
        const CloudPlan plan = makeCloudPlan(cloudStages(pipelineDefinition()), allServices());
        QCOMPARE(plan.cloudStages.size(), 8); // all but the vector-store writer
        QCOMPARE(plan.localStages.keys(), QStringList{"commentary-index"});
        QSet<QString> names, declared;
        bool insertsStarted = false;
        for (const auto &statement : plan.statements) {
            QVERIFY2(FlinkStatementsClient::isValidName(statement.name), qPrintable(statement.name));
            QVERIFY2(!names.contains(statement.name), qPrintable(statement.name));
            names.insert(statement.name);
            if (statement.sql.startsWith(QLatin1String("CREATE TABLE IF NOT EXISTS"))) {
                QVERIFY2(!insertsStarted, qPrintable(statement.name + " comes after an INSERT"));
                QVERIFY(!statement.streaming);
                declared.insert(tablesIn(statement.sql).value(0));
            } else if (statement.sql.startsWith(QLatin1String("CREATE MODEL IF NOT EXISTS"))) {
                QVERIFY(!insertsStarted);
            } else {
                QVERIFY2(statement.sql.startsWith(QLatin1String("INSERT INTO")), qPrintable(statement.sql));
                QVERIFY(statement.streaming);
                insertsStarted = true;
                for (const auto &table : tablesIn(statement.sql))
                    QVERIFY2(declared.contains(table), qPrintable(statement.name + " uses undeclared " + table));
            }
        }
        // The demo's model names, on the connections Pit Wall made.
        const auto model = std::find_if(plan.statements.begin(), plan.statements.end(),
                                        [](const auto &s) { return s.name == "pitwall-model-commentary"; });
        QVERIFY(model != plan.statements.end());
        QVERIFY(model->sql.contains(QLatin1String("`f1_commentary_generator`")));
        QVERIFY(model->sql.contains(QLatin1String("'bedrock.connection' = 'pitwall-bedrock'")));
        QVERIFY(model->sql.contains(QLatin1String("ANTHROPIC-MESSAGES")));
        // The Mongo table on its connection, with the index and the embedding column.
        const auto mongo = std::find_if(plan.statements.begin(), plan.statements.end(),
                                        [](const auto &s) { return s.name == "pitwall-table-mongo-commentary"; });
        QVERIFY(mongo != plan.statements.end());
        QVERIFY(mongo->sql.contains(QLatin1String("'mongodb.index' = 'vector_index'")));
        QVERIFY(mongo->sql.contains(QLatin1String("'mongodb.connection' = 'pitwall-mongodb'")));
        // The Avro topics keep the demo's format; the key of the car metrics is raw bytes.
        QVERIFY(createTableSql(*cloudTable("f1-car-metrics")).contains(QLatin1String("'key.format' = 'raw', 'value.format' = 'avro-registry'")));
        QVERIFY(createTableSql(*cloudTable("f1-commentary")).contains(QLatin1String("'value.format' = 'json-registry'")));

        // Secrets go to the connections only: no statement's text holds one.
        for (const auto &statement : plan.statements)
            for (const auto &secret : {kAwsSecret, kOpenAiKey, kMongoPassword})
                QVERIFY2(!statement.sql.contains(secret), qPrintable(statement.name));
        QCOMPARE(plan.connections.size(), 3);
        QCOMPARE(plan.connections[0].endpoint,
                 QStringLiteral("https://bedrock-runtime.us-east-1.amazonaws.com/model/us.anthropic.claude-3-5-sonnet-20240620-v1:0/invoke"));
        QCOMPARE(plan.connections[1].endpoint, QStringLiteral("https://api.openai.com/v1/embeddings"));
        QCOMPARE(plan.connections[2].endpoint, QStringLiteral("mongodb+srv://cluster0.abcd.mongodb.net"));
        QCOMPARE(plan.connections[2].secrets.value("USERNAME").toString(), QStringLiteral("racer"));
        QCOMPARE(plan.connections[2].secrets.value("PASSWORD").toString(), kMongoPassword);
    }

    void deploysStopsAndDeletes()
    {
        FakeFlink flink;
        FakeHttpServer server([&flink](const FakeRequest &request) { return flink.handle(request); });
        FakeRegistry registry;
        FakeHttpServer registryServer([&registry](const FakeRequest &request) { return registry.handle(request); });
        registry::RegistrySettings registrySettings;
        registrySettings.url = registryServer.baseUrl();
        registrySettings.apiKey = QStringLiteral("SRKEY");
        registrySettings.apiSecret = QStringLiteral("sr-secret-55");
        CloudPipeline pipeline(fakeFlinkSettings(server), registrySettings, 10, 20000);
        QSignalSpy finished(&pipeline, &CloudPipeline::finished);
        QMap<QString, QString> phases;
        QStringList details;
        connect(&pipeline, &CloudPipeline::phaseChanged, this, [&](const QString &name, const QString &phase, const QString &detail) {
            phases[name] = phase;
            details << detail;
        });
        const CloudPlan plan = makeCloudPlan(cloudStages(pipelineDefinition()), allServices());

        pipeline.deploy(plan);
        QCOMPARE(waitFor(finished), QStringLiteral("ok"));
        QCOMPARE(flink.connectionLog, (QStringList{"POST pitwall-bedrock", "POST pitwall-openai-embedding", "POST pitwall-mongodb"}));
        // Every table's schema registered first, so Flink's tables and the app's producers agree.
        QCOMPARE(registry.posts, int(plan.schemas.size()));
        QCOMPARE(plan.schemas.size(), plan.statements.size() - plan.cloudStages.size() - 3); // less INSERTs, models, Mongo table
        QCOMPARE(phases.value("f1-commentary-value"), QStringLiteral("REGISTERED"));
        // The secrets travel as auth_data (Confluent's field names), as JSON text.
        const auto auth = flink.connections["pitwall-bedrock"]["spec"].toObject()["auth_data"].toObject();
        QCOMPARE(auth["kind"].toString(), QStringLiteral("PlaintextProvider"));
        const auto data = QJsonDocument::fromJson(auth["data"].toString().toUtf8()).object();
        QCOMPARE(data["AWS_SECRET_ACCESS_KEY"].toString(), kAwsSecret);
        QCOMPARE(flink.connections["pitwall-openai-embedding"]["spec"].toObject()["connection_type"].toString(),
                 QStringLiteral("OPENAI"));
        QCOMPARE(flink.statements.size(), plan.statements.size());
        for (const auto &statement : plan.statements)
            QCOMPARE(phases.value(statement.name), statement.streaming ? QStringLiteral("RUNNING") : QStringLiteral("COMPLETED"));
        QCOMPARE(phases.value("pitwall-bedrock"), QStringLiteral("READY"));

        // Again: nothing made twice.
        flink.log.clear();
        flink.connectionLog.clear();
        pipeline.deploy(plan);
        QCOMPARE(waitFor(finished), QStringLiteral("ok"));
        QVERIFY2(flink.log.isEmpty() && flink.connectionLog.isEmpty(), qPrintable(flink.log.join(',') + flink.connectionLog.join(',')));

        // Stop: every INSERT, none of the DDL; they are kept.
        pipeline.stop(plan);
        QCOMPARE(waitFor(finished), QStringLiteral("ok"));
        QCOMPARE(flink.log.size(), plan.cloudStages.size());
        QVERIFY(flink.log.contains(QStringLiteral("PATCH pitwall-commentary")));
        QCOMPARE(phases.value("pitwall-commentary"), QStringLiteral("STOPPED"));
        QCOMPARE(flink.statements.size(), plan.statements.size());

        // Deploy after a stop runs them again (a stopped statement is replaced).
        pipeline.deploy(plan);
        QCOMPARE(waitFor(finished), QStringLiteral("ok"));
        QCOMPARE(phases.value("pitwall-commentary"), QStringLiteral("RUNNING"));

        // Delete: statements, then connections; nothing left.
        flink.connectionLog.clear();
        pipeline.remove(plan);
        QCOMPARE(waitFor(finished), QStringLiteral("ok"));
        QVERIFY(flink.statements.isEmpty());
        QVERIFY(flink.connections.isEmpty());
        QCOMPARE(flink.connectionLog.last(), QStringLiteral("DELETE pitwall-bedrock"));
        QCOMPARE(phases.value("pitwall-enrichment"), QStringLiteral("DELETED"));

        for (const auto &detail : details)
            for (const auto &secret : {kAwsSecret, kOpenAiKey, kMongoPassword})
                QVERIFY(!detail.contains(secret));
    }

    // The printed JSON is the plan: read back, every statement deploys exactly as from the window.
    void theJsonPlanRoundTripsThroughTheDeployer()
    {
        const CloudPlan plan = makeCloudPlan(cloudStages(pipelineDefinition()), allServices());
        const QByteArray json = QJsonDocument(planToJson(plan)).toJson();
        for (const auto &secret : {kAwsSecret, kOpenAiKey, kMongoPassword})
            QVERIFY(!json.contains(secret.toUtf8()));
        QVERIFY(json.contains("\"AWS_SECRET_ACCESS_KEY\": \"<AWS_SECRET_ACCESS_KEY>\""));
        const auto read = planFromJson(json);
        QVERIFY2(read.hasValue(), qPrintable(read.hasValue() ? QString() : read.error().message));
        QCOMPARE(read->statements.size(), plan.statements.size());
        QCOMPARE(read->schemas.size(), plan.schemas.size());
        QCOMPARE(read->cloudStages, plan.cloudStages);
        QCOMPARE(read->connections.size(), plan.connections.size());
        QCOMPARE(read->connections[0].endpoint, plan.connections[0].endpoint);
        const QStringList window = deployedAsTheWindowDoes(plan);
        QCOMPARE(window.size(), plan.statements.size());
        QCOMPARE(deployedThroughDeployer(read->statements), window);

        // Not a plan: refused with words.
        QVERIFY(!planFromJson("[]").hasValue());
        QVERIFY(
            !planFromJson(R"({"format":"pitwall-cloud-plan","version":1,"statements":[{"name":"Bad Name!","sql":"SELECT 1"}]})").hasValue());
        QVERIFY(!planFromJson(QByteArray(5 * 1024 * 1024, ' ')).hasValue());
    }

    // `pitwall cloud plan --json` with nothing saved: the plan of the non-AI stages, deployable as is.
    void theCommandPrintsThePlan()
    {
        QTemporaryDir home;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath("config"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath("data"));
        auto run = [&env](const QStringList &arguments) {
            QProcess process;
            process.setProcessEnvironment(env);
            process.start(QStringLiteral(PITWALL_BINARY), arguments);
            process.waitForFinished(60000);
            return std::make_pair(process.exitCode(), process.readAllStandardOutput());
        };
        const auto [jsonExit, json] = run({"cloud", "plan", "--json"});
        QCOMPARE(jsonExit, 0);
        const auto read = planFromJson(json);
        QVERIFY2(read.hasValue(), json.left(500).constData());
        const CloudPlan window = makeCloudPlan(cloudStages(pipelineDefinition()), {});
        QCOMPARE(read->cloudStages, window.cloudStages);
        QCOMPARE(deployedThroughDeployer(read->statements), deployedAsTheWindowDoes(window));

        const auto [sqlExit, sql] = run({"cloud", "plan"});
        QCOMPARE(sqlExit, 0);
        QCOMPARE(QString::fromUtf8(sql), planToSql(window));
        QVERIFY(sql.contains("INSERT INTO `f1-commentary-input`"));
        QCOMPARE(run({"cloud", "plan", "--sql", "--json"}).first, 1);
        QCOMPARE(run({"cloud", "apply"}).first, 1);
    }

    void oneActionAtATime()
    {
        FakeFlink flink;
        FakeHttpServer server([&flink](const FakeRequest &request) { return flink.handle(request); });
        CloudPipeline pipeline(fakeFlinkSettings(server), std::nullopt, 10, 20000);
        QSignalSpy finished(&pipeline, &CloudPipeline::finished);
        const CloudPlan plan = makeCloudPlan(cloudStages(pipelineDefinition()), {});
        pipeline.deploy(plan);
        pipeline.remove(plan);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(0).value<CloudPipeline::Action>(), CloudPipeline::Action::Delete);
        QVERIFY(finished.first().at(1).toString().contains(QLatin1String("still running")));
        finished.clear();
        QCOMPARE(waitFor(finished), QStringLiteral("ok"));
        QCOMPARE(flink.statements.size(), plan.statements.size());
    }
};

QTEST_GUILESS_MAIN(TestCloudPipeline)
#include "tst_cloudpipeline.moc"
