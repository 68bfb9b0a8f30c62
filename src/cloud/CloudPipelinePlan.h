#pragma once
// The cloud plan, from the stages of the one pipeline definition: the Flink connections
// (made through REST, secrets never in SQL), then CREATE MODEL, CREATE TABLE and finally
// each stage's INSERT INTO, all named `pitwall-…` so a second deployment finds them. A
// stage whose service is not configured (no Bedrock: commentary; no OpenAI or Atlas: the
// ask stages) stays local and the plan says why.

#include "FlinkConnectionsClient.h"
#include "FlinkDeployer.h"
#include "registry/TopicFraming.h"

#include <QMap>
#include <QStringList>
#include <vector>

namespace pitwall::cloud {

// What the plan reads of a pipeline stage (pipeline/PipelineDefinition's cloudStages()
// makes these from the definition, which sits above this layer).
struct CloudStage {
    QString name;
    QStringList inputTopics;
    QStringList outputTopics;
    QString flinkSql; // empty: the stage cannot run in the cloud
};

// What the AI connections need; empty fields mean "not configured".
struct CloudAiSettings {
    QString awsRegion;
    QString awsAccessKeyId;
    QString awsSecretAccessKey; // secret
    QString awsSessionToken;    // secret, optional
    QString bedrockModel;       // model ID or inference profile
    QString openAiApiKey;       // secret
    QString openAiBaseUrl;      // empty: https://api.openai.com/v1
    QString embeddingModel;     // empty: text-embedding-3-small
    QString mongoUri;           // mongodb+srv://user:password@host/… (secret)
    QString mongoDatabase;
    QString mongoCollection;
    QString mongoIndex;

    bool hasBedrock() const;
    bool hasOpenAi() const;
    bool hasMongo() const;
};

struct CloudPlan {
    QList<PlannedConnection> connections;
    QList<PlannedStatement> statements; // in order: models, tables, INSERTs
    // The value schemas of the tables' topics, registered before the tables are made so
    // Flink's tables and the app's producers use the same (registry::TopicFraming).
    QList<registry::TopicSchema> schemas;
    QStringList cloudStages;            // local stages the cloud replaces once deployed
    QMap<QString, QString> localStages; // stage -> why it stays local
};

inline constexpr const char *kBedrockConnection = "pitwall-bedrock";
inline constexpr const char *kOpenAiEmbeddingConnection = "pitwall-openai-embedding";
inline constexpr const char *kMongoConnection = "pitwall-mongodb";

CloudPlan makeCloudPlan(const std::vector<CloudStage> &stages, const CloudAiSettings &ai);

// Each stage's INSERT statement name.
QString statementName(const QString &stage);

} // namespace pitwall::cloud
