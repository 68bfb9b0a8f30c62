#include "CloudPipelinePlan.h"

#include "CloudTables.h"
#include "FlinkSqlFiles.h"
#include "core/Topics.h"

#include "net/CredentialUrl.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace pitwall::cloud {

namespace {

QString literal(const QString &value)
{
    return QLatin1Char('\'') + QString(value).replace(QLatin1Char('\''), QLatin1String("''")) + QLatin1Char('\'');
}

// The demo's model names: its statements call them by these names.
const QString kCommentaryModel = QStringLiteral("f1_commentary_generator");
const QString kEmbeddingModel = QStringLiteral("commentary_query_embed");

QString bedrockEndpoint(const CloudAiSettings &ai)
{
    return QStringLiteral("https://bedrock-runtime.%1.amazonaws.com/model/%2/invoke").arg(ai.awsRegion, ai.bedrockModel);
}

QString openAiEndpoint(const CloudAiSettings &ai)
{
    QString base = ai.openAiBaseUrl.isEmpty() ? QStringLiteral("https://api.openai.com/v1") : ai.openAiBaseUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base + QStringLiteral("/embeddings");
}

QString embeddingModel(const CloudAiSettings &ai)
{
    return ai.embeddingModel.isEmpty() ? QStringLiteral("text-embedding-3-small") : ai.embeddingModel;
}

PlannedConnection bedrockConnection(const CloudAiSettings &ai)
{
    QJsonObject secrets{{QStringLiteral("AWS_ACCESS_KEY_ID"), ai.awsAccessKeyId},
                        {QStringLiteral("AWS_SECRET_ACCESS_KEY"), ai.awsSecretAccessKey}};
    if (!ai.awsSessionToken.isEmpty())
        secrets.insert(QStringLiteral("AWS_SESSION_TOKEN"), ai.awsSessionToken);
    return {QString::fromLatin1(kBedrockConnection), QStringLiteral("BEDROCK"), bedrockEndpoint(ai), secrets};
}

PlannedConnection openAiConnection(const CloudAiSettings &ai)
{
    return {QString::fromLatin1(kOpenAiEmbeddingConnection), QStringLiteral("OPENAI"), openAiEndpoint(ai),
            QJsonObject{{QStringLiteral("API_KEY"), ai.openAiApiKey}}};
}

// The connection takes the host only; user and password go in as its secrets.
PlannedConnection mongoConnection(const CloudAiSettings &ai)
{
    const QUrl uri(ai.mongoUri);
    return {QString::fromLatin1(kMongoConnection), QStringLiteral("MONGODB"), QStringLiteral("%1://%2").arg(uri.scheme(), uri.host()),
            QJsonObject{{QStringLiteral("USERNAME"), uri.userName(QUrl::FullyDecoded)},
                        {QStringLiteral("PASSWORD"), uri.password(QUrl::FullyDecoded)}}};
}

QString commentaryModelSql(const CloudAiSettings &ai)
{
    // Claude takes Anthropic's messages format; other Bedrock models are detected from the id.
    const QString format = ai.bedrockModel.contains(QLatin1String("anthropic"))
                               ? QStringLiteral(",\n  'bedrock.input_format' = 'ANTHROPIC-MESSAGES'")
                               : QString();
    return flinkSql(QStringLiteral("model-commentary"),
                    {{QStringLiteral("model"), kCommentaryModel},
                     {QStringLiteral("connection"), literal(QString::fromLatin1(kBedrockConnection))},
                     {QStringLiteral("input_format"), format}});
}

QString embeddingModelSql(const CloudAiSettings &ai)
{
    return flinkSql(QStringLiteral("model-embedding"),
                    {{QStringLiteral("model"), kEmbeddingModel},
                     {QStringLiteral("connection"), literal(QString::fromLatin1(kOpenAiEmbeddingConnection))},
                     {QStringLiteral("model_version"), literal(embeddingModel(ai))}});
}

QString tableStatementName(const QString &topic)
{
    return QStringLiteral("pitwall-table-") + QString(topic).replace(QLatin1Char('_'), QLatin1Char('-'));
}

} // namespace

// The region and model become the host and path Confluent sends the AWS keys to: only what AWS names.
bool CloudAiSettings::hasBedrock() const
{
    static const QRegularExpression model(QStringLiteral("^[A-Za-z0-9._:/-]{1,200}$"));
    return net::isAwsRegion(awsRegion) && !awsAccessKeyId.isEmpty() && !awsSecretAccessKey.isEmpty() &&
           model.match(bedrockModel).hasMatch();
}

// Confluent sends the key to the base URL: https only.
bool CloudAiSettings::hasOpenAi() const
{
    const QUrl base(openAiBaseUrl);
    return !openAiApiKey.isEmpty() && (openAiBaseUrl.isEmpty() || (base.scheme() == QLatin1String("https") && !base.host().isEmpty()));
}

bool CloudAiSettings::hasMongo() const
{
    const QUrl uri(mongoUri);
    return uri.isValid() && !uri.host().isEmpty() && !uri.userName().isEmpty() && !mongoDatabase.isEmpty() &&
           !mongoCollection.isEmpty() && !mongoIndex.isEmpty();
}

QString statementName(const QString &stage)
{
    return QStringLiteral("pitwall-") + stage;
}

CloudPlan makeCloudPlan(const std::vector<CloudStage> &stages, const CloudAiSettings &ai)
{
    CloudPlan plan;
    QList<PlannedStatement> inserts;
    QSet<QString> topicsUsed;
    bool needsBedrock = false, needsEmbedding = false, needsMongo = false;
    for (const auto &stage : stages) {
        const bool completes = stage.flinkSql.contains(QLatin1String("AI_COMPLETE"));
        const bool embeds = stage.flinkSql.contains(QLatin1String("ML_PREDICT('") + kEmbeddingModel);
        const bool searches = stage.flinkSql.contains(QLatin1String("VECTOR_SEARCH_AGG"));
        QString why;
        if (stage.flinkSql.isEmpty())
            why = QCoreApplication::translate("CloudPipelinePlan", "runs in the app: it writes each commentary line with its embedding to "
                                                                   "MongoDB Atlas through the app's MongoDB driver (Confluent Cloud's "
                                                                   "MongoDB tables are read-only)");
        else if (completes && !ai.hasBedrock())
            why = QCoreApplication::translate("CloudPipelinePlan", "needs Amazon Bedrock (region, keys and model) for AI_COMPLETE");
        else if (embeds && !ai.hasOpenAi())
            why = QCoreApplication::translate("CloudPipelinePlan", "needs an OpenAI key for the embedding model");
        else if (searches && !ai.hasMongo())
            why = QCoreApplication::translate("CloudPipelinePlan",
                                              "needs MongoDB Atlas (URI with user, database, collection, index) for VECTOR_SEARCH_AGG");
        if (!why.isEmpty()) {
            plan.localStages.insert(stage.name, why);
            continue;
        }
        needsBedrock |= completes;
        needsEmbedding |= embeds;
        needsMongo |= searches;
        for (const auto &topic : stage.inputTopics + stage.outputTopics)
            topicsUsed.insert(topic);
        plan.cloudStages << stage.name;
        inserts.append({statementName(stage.name), stage.flinkSql, true});
    }
    if (needsBedrock) {
        plan.connections.append(bedrockConnection(ai));
        plan.statements.append({QStringLiteral("pitwall-model-commentary"), commentaryModelSql(ai), false});
    }
    if (needsEmbedding) {
        plan.connections.append(openAiConnection(ai));
        plan.statements.append({QStringLiteral("pitwall-model-embedding"), embeddingModelSql(ai), false});
    }
    if (needsMongo) {
        plan.connections.append(mongoConnection(ai));
        plan.statements.append(
            {QStringLiteral("pitwall-table-mongo-commentary"),
             createMongoTableSql({QString::fromLatin1(kMongoConnection), ai.mongoDatabase, ai.mongoCollection, ai.mongoIndex}), false});
    }
    for (const auto &table : cloudTables())
        if (topicsUsed.contains(table.name)) {
            plan.schemas.append(registrySchema(table));
            plan.statements.append({tableStatementName(table.name), createTableSql(table), false});
        }
    plan.statements += inserts;
    return plan;
}

} // namespace pitwall::cloud
