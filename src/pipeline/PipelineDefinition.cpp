#include "PipelineDefinition.h"

#include "aiservices/AiServices.h"
#include "AnomalyStages.h"
#include "AskStages.h"
#include "CommentaryStage.h"
#include "EnrichmentStage.h"
#include "ForecastStages.h"
#include "core/Topics.h"

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
    stages.push_back(StageDefinition{
        QStringLiteral("enrichment"),
        QStringLiteral("The demo's commentary input (driver, position, type) with race context"),
        {QString::fromLatin1(topics::kDriverPositions)},
        {QString::fromLatin1(topics::kCommentaryInput)},
        [] { return std::make_unique<EnrichmentProcessor>(); },
        // One OVER window per SELECT level (Confluent Cloud's streaming rule): the place
        // gained since the previous row inside, the places gained over 30 s outside; both
        // ordered by the message's own time (event_time, declared with a watermark), as
        // the local processor keeps its 30 s by the message's timestamp.
        QStringLiteral("INSERT INTO `f1-commentary-input`\n"
                       "SELECT race_id, `timestamp`, driver_name, team_name, `position`, type, position_change,\n"
                       "       COALESCE(FIRST_VALUE(`position`) OVER (PARTITION BY race_id, driver_name ORDER BY event_time\n"
                       "                RANGE BETWEEN INTERVAL '30' SECOND PRECEDING AND CURRENT ROW) - `position`, 0) AS places_gained_30s,\n"
                       "       gap_to_leader, `interval`, lap, tyre, pit_stops\n"
                       "FROM (\n"
                       "  SELECT race_id, `timestamp`, event_time, driver_name, team_name, `position`,\n"
                       "         CASE WHEN `position` = 1 THEN 'highlight' WHEN `position` <= 3 THEN 'warning' ELSE 'info' END AS type,\n"
                       "         COALESCE(LAG(`position`) OVER (PARTITION BY race_id, driver_name ORDER BY event_time) - `position`, 0)\n"
                       "           AS position_change,\n"
                       "         gap_to_leader, `interval`, lap, tyre, pit_stops\n"
                       "  FROM `f1-driver-positions`);")});
    stages.push_back(
        StageDefinition{QStringLiteral("engine-anomalies"),
                        QStringLiteral("The demo's ML_DETECT_ANOMALIES on engine_temperature, per team"),
                        {QString::fromLatin1(topics::kCarMetrics)},
                        {QString::fromLatin1(topics::kCarMetricsAnomalies)},
                        [] { return std::make_unique<EngineAnomalyProcessor>(parsed(kEngineAnomalyConfig)); },
                        QStringLiteral("INSERT INTO `f1-car-metrics-anomalies`\n"
                                       "SELECT CAST(key AS STRING) AS key, TO_TIMESTAMP_LTZ(`timestamp`, 3) AS ts, team_name, engine_temperature,\n"
                                       "       anomaly.is_anomaly AS is_anomaly, anomaly.forecast_value AS forecast_value,\n"
                                       "       anomaly.lower_bound AS lower_bound, anomaly.upper_bound AS upper_bound, %2 AS confidence\n"
                                       "FROM (\n"
                                       "  SELECT key, `timestamp`, team_name, engine_temperature,\n"
                                       "         ML_DETECT_ANOMALIES(engine_temperature, TO_TIMESTAMP_LTZ(`timestamp`, 3), %1)\n"
                                       "           OVER (PARTITION BY team_name ORDER BY TO_TIMESTAMP_LTZ(`timestamp`, 3)\n"
                                       "                 RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS anomaly\n"
                                       "  FROM `f1-car-metrics`)\n"
                                       "WHERE anomaly.is_anomaly = TRUE;")
                            .arg(flinkJsonObject(kEngineAnomalyConfig))
                            .arg(parsed(kEngineAnomalyConfig).confidencePercentage)});
    stages.push_back(StageDefinition{
        QStringLiteral("telemetry-anomalies"),
        QStringLiteral("ML_DETECT_ANOMALIES on every car's engine, oil, tyre and brake temperatures (locally only, not in the "
                       "Flink SQL: tyres and brakes are judged against the same point of the car's previous laps and its other wheels)"),
        {QString::fromLatin1(topics::kCarTelemetry)},
        {QString::fromLatin1(topics::kTelemetryAnomalies)},
        [] { return std::make_unique<TelemetryAnomalyProcessor>(telemetryAnomalyDetectorConfig()); },
        QStringLiteral("INSERT INTO `f1-telemetry-anomalies`\n"
                       "SELECT race_id, driver_name, team_name, metric, `timestamp`, actual_value, forecast_value, lower_bound,\n"
                       "       upper_bound, %2 AS confidence, is_anomaly\n"
                       "FROM (\n"
                       "  -- the rule across wheels: two or more tyres (or brakes) at once is the car's load, not a fault\n"
                       "  SELECT *, COUNT(*) OVER (PARTITION BY driver_name, wheel_group ORDER BY event_time\n"
                       "                           RANGE BETWEEN INTERVAL '0' SECOND PRECEDING AND CURRENT ROW) AS wheels_reported\n"
                       "  FROM (\n"
                       "    SELECT race_id, driver_name, team_name, metric, wheel_group, `timestamp`, event_time,\n"
                       "           anomaly.actual_value AS actual_value, anomaly.forecast_value AS forecast_value,\n"
                       "           anomaly.lower_bound AS lower_bound, anomaly.upper_bound AS upper_bound, anomaly.is_anomaly AS is_anomaly,\n"
                       "           -- the persistence rule: this row and the one before it both outside the band\n"
                       "           SUM(CASE WHEN anomaly.is_anomaly THEN 1 ELSE 0 END)\n"
                       "             OVER (PARTITION BY driver_name, metric ORDER BY event_time\n"
                       "                   ROWS BETWEEN %3 PRECEDING AND CURRENT ROW) AS flagged_rows\n"
                       "    FROM (\n"
                       "      SELECT race_id, driver_name, team_name, metric, wheel_group, `timestamp`, event_time,\n"
                       "             ML_DETECT_ANOMALIES(reading, TO_TIMESTAMP_LTZ(`timestamp`, 3), %1)\n"
                       "               OVER (PARTITION BY driver_name, metric ORDER BY event_time\n"
                       "                     RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS anomaly\n"
                       "      FROM `f1-car-telemetry`\n"
                       "      CROSS JOIN UNNEST(ARRAY[\n"
                       "        ROW('engine_temperature', engine_temperature, 'engine'), ROW('oil_temperature', oil_temperature, 'oil'),\n"
                       "        ROW('tyre_temp_fl', tyre_temp_fl, 'tyres'), ROW('tyre_temp_fr', tyre_temp_fr, 'tyres'),\n"
                       "        ROW('tyre_temp_rl', tyre_temp_rl, 'tyres'), ROW('tyre_temp_rr', tyre_temp_rr, 'tyres'),\n"
                       "        ROW('brake_temp_fl', brake_temp_fl, 'brakes'), ROW('brake_temp_fr', brake_temp_fr, 'brakes'),\n"
                       "        ROW('brake_temp_rl', brake_temp_rl, 'brakes'), ROW('brake_temp_rr', brake_temp_rr, 'brakes')])\n"
                       "        AS m(metric, reading, wheel_group)\n"
                       "      WHERE reading IS NOT NULL))\n"
                       "  WHERE flagged_rows = %4)\n"
                       "WHERE wheel_group IN ('engine', 'oil') OR wheels_reported = 1;")
            .arg(flinkJsonObject(kTelemetryAnomalyConfig))
            .arg(parsed(kTelemetryAnomalyConfig).confidencePercentage)
            .arg(kTelemetryAnomalyPersistenceRows - 1)
            .arg(kTelemetryAnomalyPersistenceRows)});
    stages.push_back(StageDefinition{
        QStringLiteral("lap-time-forecast"),
        QStringLiteral("ML_FORECAST of each car's green-flag lap times, three laps ahead"),
        {QString::fromLatin1(topics::kRaceEvents)},
        {QString::fromLatin1(topics::kForecasts)},
        [] { return std::make_unique<LapTimeForecastProcessor>(parsed(kLapTimeForecastConfig)); },
        QStringLiteral("INSERT INTO `f1-forecasts`\n"
                       "SELECT race_id, driver_name, 'lap_time' AS metric, `timestamp`, f.step, f.forecast_value, f.lower_bound,\n"
                       "       f.upper_bound, f.rmse\n"
                       "FROM (\n"
                       "  SELECT race_id, driver_name, `timestamp`,\n"
                       "         ML_FORECAST(CAST(JSON_VALUE(details, '$.lap_time_ms') AS DOUBLE) / 1000, TO_TIMESTAMP_LTZ(`timestamp`, 3), %1)\n"
                       "           OVER (PARTITION BY race_id, driver_name ORDER BY event_time\n"
                       "                 RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS forecasts\n"
                       "  FROM `f1-race-events`\n"
                       "  WHERE kind = 'lap_completed' AND lap > 1 AND JSON_VALUE(details, '$.pit_lap') = 'false'\n"
                       "    AND JSON_VALUE(details, '$.neutralised') = 'false')\n"
                       "CROSS JOIN UNNEST(forecasts) WITH ORDINALITY AS f(ts, forecast_value, lower_bound, upper_bound, rmse, aic, step);")
            .arg(flinkJsonObject(kLapTimeForecastConfig))});
    stages.push_back(StageDefinition{
        QStringLiteral("tyre-temperature-forecast"),
        QStringLiteral("ML_FORECAST of each car's four tyre temperatures, ten seconds ahead"),
        {QString::fromLatin1(topics::kCarTelemetry)},
        {QString::fromLatin1(topics::kForecasts)},
        [] { return std::make_unique<TyreTemperatureForecastProcessor>(parsed(kTyreForecastConfig)); },
        QStringLiteral("INSERT INTO `f1-forecasts`\n"
                       "SELECT race_id, driver_name, metric, `timestamp`, f.step, f.forecast_value, f.lower_bound, f.upper_bound, f.rmse\n"
                       "FROM (\n"
                       "  SELECT race_id, driver_name, metric, `timestamp`,\n"
                       "         ML_FORECAST(reading, window_time, %1)\n"
                       "           OVER (PARTITION BY race_id, driver_name, metric ORDER BY window_time\n"
                       "                 RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS forecasts\n"
                       "  FROM (SELECT race_id, driver_name, m.metric, window_time, MIN(`timestamp`) AS `timestamp`, FIRST_VALUE(m.reading) AS reading\n"
                       "        FROM TABLE(TUMBLE(TABLE `f1-car-telemetry`, DESCRIPTOR(event_time), INTERVAL '1' SECOND))\n"
                       "        CROSS JOIN UNNEST(ARRAY[ROW('tyre_temp_fl', tyre_temp_fl), ROW('tyre_temp_fr', tyre_temp_fr),\n"
                       "                                ROW('tyre_temp_rl', tyre_temp_rl), ROW('tyre_temp_rr', tyre_temp_rr)]) AS m(metric, reading)\n"
                       "        WHERE m.reading IS NOT NULL\n"
                       "        GROUP BY race_id, driver_name, m.metric, window_start, window_end, window_time))\n"
                       "CROSS JOIN UNNEST(forecasts) WITH ORDINALITY AS f(ts, forecast_value, lower_bound, upper_bound, rmse, aic, step);")
            .arg(flinkJsonObject(kTyreForecastConfig))});
    stages.push_back(StageDefinition{
        QStringLiteral("commentary"),
        QStringLiteral("The commentary agent: chosen moments, batched into one LLM call, checked against the race"),
        {QString::fromLatin1(topics::kCommentaryInput), QString::fromLatin1(topics::kRaceEvents),
         QString::fromLatin1(topics::kTelemetryAnomalies)},
        {QString::fromLatin1(topics::kCommentary)},
        [services] { return std::make_unique<CommentaryAgentProcessor>(services()); },
        // The demo's AI_COMPLETE statement over the same moments, with the WHERE its speaker
        // recommended. Flink calls the model once per moment; the local agent batches a
        // window of them into one call and checks each line against the race.
        QStringLiteral("INSERT INTO `f1-commentary`\n"
                       "SELECT CONCAT('comment-', CAST(`timestamp` AS STRING), '-', REPLACE(subject, ' ', '_')) AS id,\n"
                       "       r.commentary AS message, `timestamp`, type\n"
                       "FROM (\n"
                       "  SELECT `timestamp`, driver_name AS subject, type,\n"
                       "         CONCAT('Driver: ', driver_name, ', Position: ', CAST(`position` AS STRING),\n"
                       "                ', places gained: ', CAST(position_change AS STRING)) AS moment\n"
                       "  FROM `f1-commentary-input`\n"
                       "  WHERE position_change > 0 AND `position` <= 5\n"
                       "  UNION ALL\n"
                       "  SELECT `timestamp`, COALESCE(driver_name, 'race') AS subject,\n"
                       "         CASE WHEN kind IN ('safety_car', 'retirement') THEN 'warning' ELSE 'info' END AS type,\n"
                       "         CONCAT(kind, ': ', COALESCE(driver_name, ''), ' ', CAST(details AS STRING)) AS moment\n"
                       "  FROM `f1-race-events`\n"
                       "  WHERE kind IN ('pit_stop', 'fastest_lap', 'safety_car', 'retirement', 'race_started', 'race_finished')\n"
                       "  UNION ALL\n"
                       "  SELECT `timestamp`, driver_name AS subject, 'warning' AS type,\n"
                       "         CONCAT('Telemetry anomaly: ', driver_name, ' ', metric, ' reads ', CAST(actual_value AS STRING),\n"
                       "                ', expected ', CAST(lower_bound AS STRING), ' to ', CAST(upper_bound AS STRING)) AS moment\n"
                       "  FROM `f1-telemetry-anomalies`),\n"
                       "  LATERAL TABLE(AI_COMPLETE('f1_commentary_generator',\n"
                       "    CONCAT(moment, '. Generate exciting F1 commentary. Keep it under 80 characters.'))) AS r(commentary);")});
    stages.push_back(StageDefinition{QStringLiteral("commentary-index"),
                                     QStringLiteral("Every commentary line embedded and stored in the vector store"),
                                     {QString::fromLatin1(topics::kCommentary)},
                                     {},
                                     [services] { return std::make_unique<CommentaryIndexProcessor>(services()); },
                                     // No Flink statement: Confluent Cloud's MongoDB tables are read-only (spec section 3.1),
                                     // so the app's own MongoDB writer (libmongoc, vector::MongoVectorStore) stores each line
                                     // of the cloud's f1-commentary with its embedding in Atlas, in cloud mode as locally.
                                     QString()});
    stages.push_back(
        StageDefinition{QStringLiteral("ask-embed"),
                        QStringLiteral("A question's embedding, as the demo's ML_PREDICT"),
                        {QString::fromLatin1(topics::kCommentaryQueries)},
                        {QString::fromLatin1(topics::kCommentaryQueryVectors)},
                        [services] { return std::make_unique<AskEmbedProcessor>(services()); },
                        QStringLiteral("INSERT INTO `commentary_queries_vectors`\n"
                                       "SELECT query, embedding, id, race_id\n"
                                       "FROM `commentary_queries`, LATERAL TABLE(ML_PREDICT('commentary_query_embed', query));")});
    stages.push_back(StageDefinition{
        QStringLiteral("ask-search"),
        QStringLiteral("The top five commentary lines by meaning, as the demo's VECTOR_SEARCH_AGG"),
        {QString::fromLatin1(topics::kCommentaryQueryVectors)},
        {QString::fromLatin1(topics::kCommentaryQueryResults)},
        [services] { return std::make_unique<AskSearchProcessor>(services()); },
        QStringLiteral("INSERT INTO `commentary_query_results`\n"
                       "SELECT id, query, vs.search_results\n"
                       "FROM `commentary_queries_vectors`,\n"
                       "  LATERAL TABLE(VECTOR_SEARCH_AGG(mongo_commentary, DESCRIPTOR(message_embedding), embedding, 5)) AS vs;")});
    return stages;
}

} // namespace pitwall
