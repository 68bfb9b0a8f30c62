#include "PipelineDefinition.h"

#include "aiservices/AiServices.h"
#include "AnomalyStages.h"
#include "AskStages.h"
#include "CommentaryStage.h"
#include "EnrichmentStage.h"
#include "ForecastStages.h"
#include "cloud/FlinkSqlFiles.h"
#include "core/Topics.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace pitwall {

namespace {

// The demo's statement (../shared/spec section 1.3): horizon 1, 90% confidence, 16 rows to train.
const QByteArray kEngineAnomalyConfig = R"({"horizon":1,"confidencePercentage":90.0,"minTrainingSize":16})";
// Telemetry runs at 10 Hz per car: more history, a stricter band, a fixed order and a refit
// every 5 s for speed (the forecast still moves with every row)...
const QByteArray kTelemetryAnomalyConfig =
    R"({"horizon":1,"confidencePercentage":99.999,"minTrainingSize":256,"maxTrainingSize":256,"p":1,"d":1,"q":1,"updateInterval":50})";
// ...and an anomaly is reported once two rows in a row fall outside the band.
constexpr int kTelemetryAnomalyPersistenceRows = 2;

// About 50 racing laps a race: short windows, three laps ahead.
const QByteArray kLapTimeForecastConfig = R"({"horizon":3,"confidencePercentage":90.0,"minTrainingSize":8,"maxTrainingSize":64})";
// Tyre temperatures once a second, ten seconds ahead.
const QByteArray kTyreForecastConfig =
    R"({"horizon":10,"confidencePercentage":90.0,"minTrainingSize":32,"maxTrainingSize":256,"p":1,"d":1,"q":1,"updateInterval":10})";

ml::ArimaConfig parsed(const QByteArray &json)
{
    auto config = ml::ArimaConfig::fromJson(json);
    Q_ASSERT_X(config.hasValue(), "pipelineDefinition", "a built-in stage configuration is invalid");
    return config.hasValue() ? config.value() : ml::ArimaConfig{};
}

// The values of a stage's statement (resources/flink/<stage>.sql): the ML function's settings...
cloud::SqlValues mlConfigValues(const QByteArray &config)
{
    return {{QStringLiteral("ml_config"), flinkJsonObject(config)}};
}

// ...and for a detector, its confidence too.
cloud::SqlValues detectorValues(const QByteArray &config)
{
    auto values = mlConfigValues(config);
    values.insert(QStringLiteral("confidence"), QString::number(parsed(config).confidencePercentage));
    return values;
}

// ...and for the telemetry detector, its persistence rule.
cloud::SqlValues telemetryAnomalyValues()
{
    auto values = detectorValues(kTelemetryAnomalyConfig);
    values.insert(QStringLiteral("persistence_rows"), QString::number(kTelemetryAnomalyPersistenceRows));
    values.insert(QStringLiteral("preceding_rows"), QString::number(kTelemetryAnomalyPersistenceRows - 1));
    return values;
}

} // namespace

std::vector<cloud::CloudStage> cloudStages(const std::vector<StageDefinition> &stages)
{
    std::vector<cloud::CloudStage> outlines;
    outlines.reserve(stages.size());
    for (const auto &stage : stages)
        outlines.push_back({stage.name, stage.inputTopics, stage.outputTopics, stage.flinkSql});
    return outlines;
}

const QStringList &pipelineStageNames()
{
    static const QStringList names = [] {
        QStringList all;
        for (const auto &stage : pipelineDefinition())
            all << stage.name;
        return all;
    }();
    return names;
}

QString stageWriting(const QString &topic)
{
    static const QHash<QString, QString> writers = [] {
        QHash<QString, QString> byTopic;
        for (const auto &stage : pipelineDefinition())
            for (const auto &output : stage.outputTopics)
                byTopic.insert(output, stage.name);
        return byTopic;
    }();
    return writers.value(topic);
}

QByteArray telemetryAnomalyConfigJson()
{
    return kTelemetryAnomalyConfig;
}

ml::PersistentDetector::Config telemetryAnomalyDetectorConfig()
{
    return {parsed(kTelemetryAnomalyConfig), kTelemetryAnomalyPersistenceRows};
}

QString flinkJsonObject(const QByteArray &json)
{
    const auto object = QJsonDocument::fromJson(json).object();
    QStringList pairs;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const auto &value = it.value();
        const QString literal = value.isBool()     ? (value.toBool() ? QStringLiteral("TRUE") : QStringLiteral("FALSE"))
                                : value.isDouble() ? QString::number(value.toDouble(), 'g', 10)
                                                   : QLatin1Char('\'') + value.toString() + QLatin1Char('\'');
        pairs << QStringLiteral("'%1' VALUE %2").arg(it.key(), literal);
    }
    return QStringLiteral("JSON_OBJECT(%1)").arg(pairs.join(QLatin1String(", ")));
}

std::vector<StageDefinition> pipelineDefinition(std::shared_ptr<AiServices> ai)
{
    // Without services given (tests, tools), each AI stage gets its own offline ones.
    auto services = [ai] { return ai ? ai : AiServices::offline(); };
    std::vector<StageDefinition> stages;
    stages.push_back(StageDefinition{QStringLiteral("enrichment"),
                                     QStringLiteral("The demo's commentary input (driver, position, type) with race context"),
                                     {QString::fromLatin1(topics::kDriverPositions)},
                                     {QString::fromLatin1(topics::kCommentaryInput)},
                                     [] { return std::make_unique<EnrichmentProcessor>(); },
                                     cloud::flinkSql(QStringLiteral("enrichment"))});
    stages.push_back(StageDefinition{QStringLiteral("engine-anomalies"),
                                     QStringLiteral("The demo's ML_DETECT_ANOMALIES on engine_temperature, per team"),
                                     {QString::fromLatin1(topics::kCarMetrics)},
                                     {QString::fromLatin1(topics::kCarMetricsAnomalies)},
                                     [] { return std::make_unique<EngineAnomalyProcessor>(parsed(kEngineAnomalyConfig)); },
                                     cloud::flinkSql(QStringLiteral("engine-anomalies"), detectorValues(kEngineAnomalyConfig))});
    stages.push_back(StageDefinition{
        QStringLiteral("telemetry-anomalies"),
        QStringLiteral("ML_DETECT_ANOMALIES on every car's engine, oil, tyre and brake temperatures (locally only, not in the "
                       "Flink SQL: tyres and brakes are judged against the same point of the car's previous laps and its other wheels)"),
        {QString::fromLatin1(topics::kCarTelemetry)},
        {QString::fromLatin1(topics::kTelemetryAnomalies)},
        [] { return std::make_unique<TelemetryAnomalyProcessor>(telemetryAnomalyDetectorConfig()); },
        cloud::flinkSql(QStringLiteral("telemetry-anomalies"), telemetryAnomalyValues())});
    stages.push_back(StageDefinition{QStringLiteral("lap-time-forecast"),
                                     QStringLiteral("ML_FORECAST of each car's green-flag lap times, three laps ahead"),
                                     {QString::fromLatin1(topics::kRaceEvents)},
                                     {QString::fromLatin1(topics::kForecasts)},
                                     [] { return std::make_unique<LapTimeForecastProcessor>(parsed(kLapTimeForecastConfig)); },
                                     cloud::flinkSql(QStringLiteral("lap-time-forecast"), mlConfigValues(kLapTimeForecastConfig))});
    stages.push_back(StageDefinition{QStringLiteral("tyre-temperature-forecast"),
                                     QStringLiteral("ML_FORECAST of each car's four tyre temperatures, ten seconds ahead"),
                                     {QString::fromLatin1(topics::kCarTelemetry)},
                                     {QString::fromLatin1(topics::kForecasts)},
                                     [] { return std::make_unique<TyreTemperatureForecastProcessor>(parsed(kTyreForecastConfig)); },
                                     cloud::flinkSql(QStringLiteral("tyre-temperature-forecast"), mlConfigValues(kTyreForecastConfig))});
    stages.push_back(
        StageDefinition{QStringLiteral("commentary"),
                        QStringLiteral("The commentary agent: chosen moments, batched into one LLM call, checked against the race"),
                        {QString::fromLatin1(topics::kCommentaryInput), QString::fromLatin1(topics::kRaceEvents),
                         QString::fromLatin1(topics::kTelemetryAnomalies)},
                        {QString::fromLatin1(topics::kCommentary)},
                        [services] { return std::make_unique<CommentaryAgentProcessor>(services()); },
                        cloud::flinkSql(QStringLiteral("commentary"))});
    stages.push_back(StageDefinition{QStringLiteral("commentary-index"),
                                     QStringLiteral("Every commentary line embedded and stored in the vector store"),
                                     {QString::fromLatin1(topics::kCommentary)},
                                     {},
                                     [services] { return std::make_unique<CommentaryIndexProcessor>(services()); },
                                     // No Flink statement: Confluent Cloud's MongoDB tables are read-only (spec section 3.1),
                                     // so the app's own MongoDB writer (libmongoc, vector::MongoVectorStore) stores each line
                                     // of the cloud's f1-commentary with its embedding in Atlas, in cloud mode as locally.
                                     QString()});
    stages.push_back(StageDefinition{QStringLiteral("ask-embed"),
                                     QStringLiteral("A question's embedding, as the demo's ML_PREDICT"),
                                     {QString::fromLatin1(topics::kCommentaryQueries)},
                                     {QString::fromLatin1(topics::kCommentaryQueryVectors)},
                                     [services] { return std::make_unique<AskEmbedProcessor>(services()); },
                                     cloud::flinkSql(QStringLiteral("ask-embed"))});
    stages.push_back(StageDefinition{QStringLiteral("ask-search"),
                                     QStringLiteral("The top five commentary lines by meaning, as the demo's VECTOR_SEARCH_AGG"),
                                     {QString::fromLatin1(topics::kCommentaryQueryVectors)},
                                     {QString::fromLatin1(topics::kCommentaryQueryResults)},
                                     [services] { return std::make_unique<AskSearchProcessor>(services()); },
                                     cloud::flinkSql(QStringLiteral("ask-search"))});
    return stages;
}

} // namespace pitwall
