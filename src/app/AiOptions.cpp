#include "AiOptions.h"

namespace pitwall {

namespace {

const QCommandLineOption kLlm(QStringLiteral("llm"),
                              QStringLiteral("Commentary model: offline (default), bedrock or openai (also PITWALL_LLM)."),
                              QStringLiteral("offline|bedrock|openai"));
const QCommandLineOption kLlmEndpoint(QStringLiteral("llm-endpoint"),
                                      QStringLiteral("The model's endpoint: a Bedrock runtime URL (VPC endpoint, proxy) or an "
                                                     "OpenAI-compatible base URL such as http://localhost:11434/v1."),
                                      QStringLiteral("url"));
const QCommandLineOption kLlmModel(QStringLiteral("llm-model"),
                                   QStringLiteral("Model ID or Bedrock inference profile (default Bedrock: "
                                                  "us.anthropic.claude-3-5-sonnet-20240620-v1:0; OpenAI: gpt-4o-mini)."),
                                   QStringLiteral("id"));
const QCommandLineOption kEmbedder(QStringLiteral("embedder"), QStringLiteral("Embeddings: offline (default) or openai."),
                                   QStringLiteral("offline|openai"));
const QCommandLineOption kVectorStore(QStringLiteral("vector-store"),
                                      QStringLiteral("Where commentary is stored and searched: local (default) or mongodb."),
                                      QStringLiteral("local|mongodb"));
const QCommandLineOption kMongoUri(QStringLiteral("mongodb-uri"),
                                   QStringLiteral("MongoDB Atlas connection string (also MONGODB_URI)."), QStringLiteral("uri"));
const QCommandLineOption kCommentaryFilter(
    QStringLiteral("commentary-filter"),
    QStringLiteral("Which moments get commentary, e.g. lead_change,overtake,pit_stop,anomaly,overtake_top=3,follow=Norris."),
    QStringLiteral("filter"));
const QCommandLineOption kVectorDir(QStringLiteral("vector-dir"),
                                    QStringLiteral("Folder of the local vector index (default: the user's data folder)."),
                                    QStringLiteral("folder"));

} // namespace

void addAiOptions(QCommandLineParser &parser)
{
    parser.addOptions({kLlm, kLlmEndpoint, kLlmModel, kEmbedder, kVectorStore, kMongoUri, kCommentaryFilter, kVectorDir});
}

AiCommandLine readAiOptions(const QCommandLineParser &parser)
{
    AiCommandLine options;
    options.flags = {
        parser.value(kLlm),         parser.value(kLlmEndpoint), parser.value(kLlmModel),        parser.value(kEmbedder),
        parser.value(kVectorStore), parser.value(kMongoUri),    parser.value(kCommentaryFilter)};
    options.vectorDirectory = parser.value(kVectorDir);
    return options;
}

Expected<std::shared_ptr<AiServices>> startAiServices(const AiCommandLine &commandLine)
{
    return AiServices::startConfigured(commandLine.flags, commandLine.vectorDirectory);
}

} // namespace pitwall
