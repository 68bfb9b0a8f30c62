#pragma once
// Cloud AI settings with every service configured (Bedrock with a Claude model, OpenAI,
// MongoDB Atlas), so a cloud plan made with them holds every statement: models, tables, INSERTs.

#include "cloud/CloudPipelinePlan.h"

namespace pitwall::test {

inline cloud::CloudAiSettings allCloudServices()
{
    cloud::CloudAiSettings ai;
    ai.awsRegion = QStringLiteral("us-east-1");
    ai.awsAccessKeyId = QStringLiteral("AKIAEXAMPLE");
    ai.awsSecretAccessKey = QStringLiteral("secret");
    ai.bedrockModel = QStringLiteral("us.anthropic.claude-3-5-sonnet-20240620-v1:0");
    ai.openAiApiKey = QStringLiteral("sk-test");
    ai.mongoUri = QStringLiteral("mongodb+srv://racer:pw@cluster0.abcd.mongodb.net/");
    ai.mongoDatabase = QStringLiteral("reinvent");
    ai.mongoCollection = QStringLiteral("commentary");
    ai.mongoIndex = QStringLiteral("vector_index");
    return ai;
}

} // namespace pitwall::test
