#pragma once
// Which models and stores the AI stages use, resolved the way each ecosystem expects:
// command-line flags first, then the standard environment variables (AWS_*, OPENAI_*,
// with ~/.aws/credentials and ~/.aws/config for AWS_PROFILE), then the saved settings.
// Nothing configured means the offline defaults: no account and no network needed.

#include "BedrockProvider.h"
#include "LlmGovernor.h"
#include "MomentSelector.h"
#include "OpenAiProvider.h"
#include "PriceTable.h"
#include "core/Expected.h"

#include <QProcessEnvironment>
#include <functional>

class QSettings;

namespace pitwall::ai {

enum class LlmChoice { Offline, Bedrock, OpenAi };
enum class EmbedderChoice { Offline, OpenAi };
enum class VectorStoreChoice { Local, MongoDb };

struct MongoSettings {
    QString uri; // contains the password: never shown or logged as is (see redactedUri)
    QString database = QStringLiteral("reinvent");
    QString collection = QStringLiteral("commentary");
    QString index = QStringLiteral("vector_index");
    int numCandidates = 100;
};

struct AiSettings {
    LlmChoice llm = LlmChoice::Offline;
    BedrockSettings bedrock;
    OpenAiSettings openai;
    EmbedderChoice embedder = EmbedderChoice::Offline;
    VectorStoreChoice vectorStore = VectorStoreChoice::Local;
    MongoSettings mongo;
    QString localIndexDirectory; // empty: in memory only
    GovernorLimits limits;
    PriceTable prices = PriceTable::defaults();
    MomentFilter filter;
    int windowMs = 750;       // moments gathered this long (wall time) go in one call
    int llmDeadlineMs = 2500; // after this the offline commentator speaks for the window

    // "offline", or the provider and model (for the commentary's source and summaries).
    QString llmLabel() const;
};

// What the command line said; empty strings: not given.
struct AiFlags {
    QString llm, llmEndpoint, llmModel, embedder, vectorStore, mongoUri, commentaryFilter;
};

// A secret the setup wizard stored (SecretStore key -> value; empty when none).
using StoredSecret = std::function<QString(const QString &key)>;

// Reads settings in precedence order: flags, environment (an AWS_PROFILE named there
// included), the wizard's stored secrets and saved settings, then the default AWS profile.
// Errors name the flag, variable or file at fault.
Expected<AiSettings> resolveAiSettings(const AiFlags &flags, const QProcessEnvironment &environment, QSettings *saved,
                                       const QString &homeDirectory, const StoredSecret &storedSecret = {});

// Credentials and region of an AWS profile from the shared files (INI, as the AWS CLI writes them).
struct AwsProfile {
    net::AwsCredentials credentials;
    QString region;
};
AwsProfile readAwsProfile(const QString &profile, const QString &credentialsFile, const QString &configFile);

// mongodb+srv://user:secret@host/... -> mongodb+srv://user:****@host/...
QString redactedUri(const QString &uri);

} // namespace pitwall::ai
