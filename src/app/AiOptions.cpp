#include "AiOptions.h"

#include <vector>

namespace pitwall {

namespace {

// An AI flag and the field of AiFlags it fills: addAiOptions() and readAiOptions() both
// go through this one list.
struct AiFlagOption {
    QCommandLineOption option;
    QString ai::AiFlags::*flag;
};

const std::vector<AiFlagOption> &aiFlagOptions()
{
    static const std::vector<AiFlagOption> options{
        {QCommandLineOption(QStringLiteral("llm"), QStringLiteral("Commentary model: offline (default), bedrock or openai (also PITWALL_LLM)."),
                            QStringLiteral("offline|bedrock|openai")),
         &ai::AiFlags::llm},
        {QCommandLineOption(QStringLiteral("llm-endpoint"),
                            QStringLiteral("The model's endpoint: a Bedrock runtime URL (VPC endpoint, proxy) or an "
                                           "OpenAI-compatible base URL such as http://localhost:11434/v1."),
                            QStringLiteral("url")),
         &ai::AiFlags::llmEndpoint},
        {QCommandLineOption(QStringLiteral("llm-model"),
                            QStringLiteral("Model ID or Bedrock inference profile (default Bedrock: "
                                           "us.anthropic.claude-3-5-sonnet-20240620-v1:0; OpenAI: gpt-4o-mini)."),
                            QStringLiteral("id")),
         &ai::AiFlags::llmModel},
        {QCommandLineOption(QStringLiteral("embedder"), QStringLiteral("Embeddings: offline (default) or openai."),
                            QStringLiteral("offline|openai")),
         &ai::AiFlags::embedder},
        {QCommandLineOption(QStringLiteral("vector-store"),
                            QStringLiteral("Where commentary is stored and searched: local (default) or mongodb."),
                            QStringLiteral("local|mongodb")),
         &ai::AiFlags::vectorStore},
        {QCommandLineOption(QStringLiteral("mongodb-uri"), QStringLiteral("MongoDB Atlas connection string (also MONGODB_URI)."),
                            QStringLiteral("uri")),
         &ai::AiFlags::mongoUri},
        {QCommandLineOption(QStringLiteral("commentary-filter"),
                            QStringLiteral("Which moments get commentary, e.g. lead_change,overtake,pit_stop,anomaly,overtake_top=3,follow=Norris."),
                            QStringLiteral("filter")),
         &ai::AiFlags::commentaryFilter},
    };
    return options;
}

// Not a service flag: where the local index lives.
const QCommandLineOption kVectorDir(QStringLiteral("vector-dir"),
                                    QStringLiteral("Folder of the local vector index (default: the user's data folder)."),
                                    QStringLiteral("folder"));

} // namespace

void addAiOptions(QCommandLineParser &parser)
{
    for (const auto &[option, flag] : aiFlagOptions())
        parser.addOption(option);
    parser.addOption(kVectorDir);
}

AiCommandLine readAiOptions(const QCommandLineParser &parser)
{
    AiCommandLine options;
    for (const auto &[option, flag] : aiFlagOptions())
        options.flags.*flag = parser.value(option);
    options.vectorDirectory = parser.value(kVectorDir);
    return options;
}

Expected<std::shared_ptr<AiServices>> startAiServices(const AiCommandLine &commandLine)
{
    return AiServices::startConfigured(commandLine.flags, commandLine.vectorDirectory);
}

} // namespace pitwall
