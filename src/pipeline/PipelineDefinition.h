#pragma once
// The one description of the pipeline: for each stage its input and output topics, the
// processor that runs it locally, and the Flink SQL statement that does the same job in
// Confluent Cloud (its text in resources/flink/<stage>.sql, the values filled in here).
// Both come from here, so local and cloud cannot drift.

#include "StageProcessor.h"
#include "cloud/CloudPipelinePlan.h"
#include "ml/PersistentDetector.h"

#include <QStringList>
#include <functional>
#include <memory>
#include <vector>

namespace pitwall {

struct StageDefinition {
    QString name;
    QString description;
    QStringList inputTopics;
    QStringList outputTopics;
    std::function<std::unique_ptr<StageProcessor>()> makeProcessor;
    QString flinkSql;
};

class AiServices;

// ai: the LLM, embedder and vector store the AI stages use (null: offline ones).
std::vector<StageDefinition> pipelineDefinition(std::shared_ptr<AiServices> ai = {});
// What the cloud plan reads of each stage (cloud::makeCloudPlan).
std::vector<cloud::CloudStage> cloudStages(const std::vector<StageDefinition> &stages);
// The stages' names, in definition order (for switches and validation).
const QStringList &pipelineStageNames();
// The name of the stage that writes a topic (empty when no stage does).
QString stageWriting(const QString &topic);

// The detector settings of the telemetry anomaly stage (also used by its quality report
// and benchmark): the ML function's configuration and the persistence rule.
QByteArray telemetryAnomalyConfigJson();
ml::PersistentDetector::Config telemetryAnomalyDetectorConfig();

// The ML function configuration as Flink SQL: {"a":1,"b":true} -> JSON_OBJECT('a' VALUE 1, 'b' VALUE TRUE).
QString flinkJsonObject(const QByteArray &json);

} // namespace pitwall
