#include "SavedCloudPlan.h"

namespace pitwall::setup {

cloud::CloudAiSettings cloudAiSettings(const SetupConfig &c)
{
    return {c.awsRegion,     c.awsAccessKeyId,       c.awsSecretAccessKey, c.awsSessionToken, c.bedrockModel,    c.openAiApiKey,
            c.openAiBaseUrl, c.openAiEmbeddingModel, c.mongoUri,           c.mongoDatabase,   c.mongoCollection, c.mongoIndex};
}

} // namespace pitwall::setup
