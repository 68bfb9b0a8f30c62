#pragma once
// Everything the setup wizard asks, in one place: which Kafka, Schema Registry, Flink,
// Bedrock, OpenAI and MongoDB Atlas. Saved split in two: the plain choices in the settings
// (under the keys the rest of the app reads), the secrets in the SecretStore. A section
// left empty is skipped: the app runs with its local default for it.

#include "core/Expected.h"
#include "secrets/SecretKeys.h"
#include "stream/KafkaSelection.h"

#include <QString>
#include <QStringList>

class QSettings;

namespace pitwall::secrets {
class SecretStore;
}

namespace pitwall::setup {

enum class SetupMode { Local, ConfluentCloud, OwnKafka };

struct SetupConfig {
    SetupMode mode = SetupMode::Local;
    // Kafka: Confluent Cloud (bootstrap + API key) or your own (bootstrap, properties file)
    QString bootstrap;
    QString kafkaApiKey;
    QString kafkaApiSecret; // secret
    QString propertiesFile;
    // Schema Registry
    QString registryUrl;
    QString registryApiKey;
    QString registryApiSecret; // secret
    // Confluent Cloud Flink
    QString flinkCloud = QStringLiteral("aws");
    QString flinkRegion;
    QString organizationId;
    QString environmentId;
    QString computePoolId;
    QString flinkApiKey;
    QString flinkApiSecret; // secret
    QString catalog;
    QString database;
    // Amazon Bedrock
    QString awsRegion;
    QString awsAccessKeyId;     // kept with the secrets
    QString awsSecretAccessKey; // secret
    QString awsSessionToken;    // secret, optional
    QString bedrockModel;
    int requestsPerMinute = 0; // 0: the default quota
    int tokensPerMinute = 0;
    // OpenAI (or a compatible server)
    QString openAiApiKey; // secret
    QString openAiBaseUrl;
    QString openAiChatModel;
    QString openAiEmbeddingModel;
    // MongoDB Atlas
    QString mongoUri; // secret (it holds the password)
    QString mongoDatabase;
    QString mongoCollection;
    QString mongoIndex;
    // Confluent Cloud resource management (the demo's admin/config.yaml)
    QString cloudApiKey;
    QString cloudApiSecret; // secret
    QString environmentName;
    QString clusterName;
    QString flinkPoolName;

    // https://flink.<region>.<cloud>.confluent.cloud
    QString flinkEndpoint() const;

    // The saved configuration; secrets the store cannot give are left empty and said in `problems`.
    static SetupConfig load(QSettings &settings, secrets::SecretStore &store, QStringList *problems = nullptr);
    // Stops at the first secret the store refuses (nothing is written to the settings then).
    Expected<bool> save(QSettings &settings, secrets::SecretStore &store) const;
};

// The saved Kafka choice with its API secret from the store (what main() and the ask
// command connect with).
KafkaSelection loadKafkaSelection(QSettings &settings, secrets::SecretStore &store);

// Each section's problem as typed, in words; empty when it is complete or left empty
// (skipped). Partly filled sections are problems: they would fail later.
QString kafkaProblem(const SetupConfig &config);
QString registryProblem(const SetupConfig &config);
QString flinkProblem(const SetupConfig &config);
QString bedrockProblem(const SetupConfig &config);
QString openAiProblem(const SetupConfig &config);
QString mongoProblem(const SetupConfig &config);

} // namespace pitwall::setup
