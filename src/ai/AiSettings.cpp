#include "AiSettings.h"

#include "secrets/SecretKeys.h"

#include <QFile>
#include <QSettings>
#include <QUrl>
#include <optional>

namespace pitwall::ai {

namespace {

// [section] key = value; '#' and ';' start comments. The AWS files are this simple INI.
QHash<QString, QHash<QString, QString>> readIni(const QString &path)
{
    QHash<QString, QHash<QString, QString>> sections;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return sections;
    QString section;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';')))
            continue;
        if (line.startsWith(QLatin1Char('[')) && line.endsWith(QLatin1Char(']'))) {
            section = line.mid(1, line.size() - 2).trimmed();
            continue;
        }
        const auto equals = line.indexOf(QLatin1Char('='));
        if (equals > 0)
            sections[section].insert(line.left(equals).trimmed().toLower(), line.mid(equals + 1).trimmed());
    }
    return sections;
}

template <typename Choice>
Expected<Choice> parseChoice(const QString &value, const QString &origin, const std::vector<std::pair<QString, Choice>> &options)
{
    QStringList names;
    for (const auto &[name, choice] : options) {
        if (value.compare(name, Qt::CaseInsensitive) == 0)
            return choice;
        names << name;
    }
    return Error{QStringLiteral("%1: '%2' is not one of %3").arg(origin, value, names.join(QStringLiteral(", ")))};
}

// The first non-empty of flag, environment, saved setting, with where it came from.
struct Sourced {
    QString value;
    QString origin;
};

Sourced pick(const QString &flagValue, const QString &flagName, const QProcessEnvironment &environment,
             const QStringList &variables, QSettings *saved, const QString &key)
{
    if (!flagValue.isEmpty())
        return {flagValue, flagName};
    for (const auto &variable : variables)
        if (const QString value = environment.value(variable); !value.isEmpty())
            return {value, variable};
    if (saved && !key.isEmpty()) {
        const QString value = saved->value(key).toString();
        if (!value.isEmpty())
            return {value, QStringLiteral("setting %1").arg(key)};
    }
    return {};
}

// The choice picked from a flag, the environment or the settings, when there was one
// (`choice` keeps its default otherwise); an unknown name is the error.
template <typename Choice>
std::optional<Error> readChoice(const Sourced &picked, const std::vector<std::pair<QString, Choice>> &options, Choice &choice)
{
    if (picked.value.isEmpty())
        return std::nullopt;
    const auto parsed = parseChoice<Choice>(picked.value, picked.origin, options);
    if (!parsed)
        return parsed.error();
    choice = parsed.value();
    return std::nullopt;
}

} // namespace

QString AiSettings::llmLabel() const
{
    switch (llm) {
    case LlmChoice::Offline: return QStringLiteral("offline");
    case LlmChoice::Bedrock: return bedrock.model;
    case LlmChoice::OpenAi: return openai.model;
    }
    return QStringLiteral("offline");
}

AwsProfile readAwsProfile(const QString &profile, const QString &credentialsFile, const QString &configFile)
{
    AwsProfile result;
    const auto credentials = readIni(credentialsFile).value(profile);
    result.credentials.accessKeyId = credentials.value(QStringLiteral("aws_access_key_id"));
    result.credentials.secretAccessKey = credentials.value(QStringLiteral("aws_secret_access_key"));
    result.credentials.sessionToken = credentials.value(QStringLiteral("aws_session_token"));
    // ~/.aws/config names sections "default" and "profile <name>".
    const auto config = readIni(configFile);
    auto section = config.value(profile == QLatin1String("default") ? profile : QStringLiteral("profile ") + profile);
    if (section.isEmpty())
        section = config.value(profile);
    result.region = section.value(QStringLiteral("region"));
    if (result.credentials.accessKeyId.isEmpty()) { // the config file may hold keys too
        result.credentials.accessKeyId = section.value(QStringLiteral("aws_access_key_id"));
        result.credentials.secretAccessKey = section.value(QStringLiteral("aws_secret_access_key"));
        result.credentials.sessionToken = section.value(QStringLiteral("aws_session_token"));
    }
    return result;
}

QString redactedUri(const QString &uri)
{
    QUrl url(uri);
    if (!url.isValid() || url.password().isEmpty())
        return uri.contains(QLatin1Char('@')) ? uri.section(QLatin1Char('@'), -1).prepend(QStringLiteral("****@")) : uri;
    url.setPassword(QStringLiteral("****"));
    return url.toString();
}

Expected<AiSettings> resolveAiSettings(const AiFlags &flags, const QProcessEnvironment &environment, QSettings *saved,
                                       const QString &homeDirectory, const StoredSecret &storedSecret)
{
    auto stored = [&storedSecret](const QString &key) { return storedSecret ? storedSecret(key) : QString(); };
    AiSettings settings;
    if (auto error = readChoice(pick(flags.llm, QStringLiteral("--llm"), environment, {QStringLiteral("PITWALL_LLM")}, saved,
                                     QStringLiteral("ai/llm")),
                                {{QStringLiteral("offline"), LlmChoice::Offline},
                                 {QStringLiteral("bedrock"), LlmChoice::Bedrock},
                                 {QStringLiteral("openai"), LlmChoice::OpenAi}},
                                settings.llm))
        return *error;
    if (auto error = readChoice(pick(flags.embedder, QStringLiteral("--embedder"), environment,
                                     {QStringLiteral("PITWALL_EMBEDDER")}, saved, QStringLiteral("ai/embedder")),
                                {{QStringLiteral("offline"), EmbedderChoice::Offline}, {QStringLiteral("openai"), EmbedderChoice::OpenAi}},
                                settings.embedder))
        return *error;
    if (auto error = readChoice(pick(flags.vectorStore, QStringLiteral("--vector-store"), environment,
                                     {QStringLiteral("PITWALL_VECTOR_STORE")}, saved, QStringLiteral("ai/vector_store")),
                                {{QStringLiteral("local"), VectorStoreChoice::Local},
                                 {QStringLiteral("mongodb"), VectorStoreChoice::MongoDb}},
                                settings.vectorStore))
        return *error;

    // Amazon Bedrock: explicit keys in the environment win over a profile's.
    const QString profile = environment.value(QStringLiteral("AWS_PROFILE"), QStringLiteral("default"));
    const QString awsDirectory = homeDirectory + QStringLiteral("/.aws/");
    const auto fromProfile = readAwsProfile(
        profile, environment.value(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), awsDirectory + QStringLiteral("credentials")),
        environment.value(QStringLiteral("AWS_CONFIG_FILE"), awsDirectory + QStringLiteral("config")));
    const QString storedKeyId = stored(secrets::keys::kAwsAccessKeyId);
    if (environment.contains(QStringLiteral("AWS_ACCESS_KEY_ID"))) {
        settings.bedrock.credentials = {environment.value(QStringLiteral("AWS_ACCESS_KEY_ID")),
                                        environment.value(QStringLiteral("AWS_SECRET_ACCESS_KEY")),
                                        environment.value(QStringLiteral("AWS_SESSION_TOKEN"))};
    } else if (!environment.contains(QStringLiteral("AWS_PROFILE")) && !storedKeyId.isEmpty()) {
        settings.bedrock.credentials = {storedKeyId, stored(secrets::keys::kAwsSecretAccessKey), stored(secrets::keys::kAwsSessionToken)};
    } else {
        settings.bedrock.credentials = fromProfile.credentials;
    }
    settings.bedrock.region = pick({}, {}, environment, {QStringLiteral("AWS_REGION"), QStringLiteral("AWS_DEFAULT_REGION")},
                                   saved, QStringLiteral("ai/bedrock_region"))
                                  .value;
    if (settings.bedrock.region.isEmpty())
        settings.bedrock.region = fromProfile.region;
    settings.bedrock.model =
        pick({}, {}, environment, {QStringLiteral("PITWALL_BEDROCK_MODEL")}, saved, QStringLiteral("ai/bedrock_model")).value;
    if (settings.bedrock.model.isEmpty())
        settings.bedrock.model = QStringLiteral("us.anthropic.claude-3-5-sonnet-20240620-v1:0"); // the demo's

    // OpenAI, or a compatible server by base URL.
    settings.openai.apiKey = environment.value(QStringLiteral("OPENAI_API_KEY"));
    if (settings.openai.apiKey.isEmpty())
        settings.openai.apiKey = stored(secrets::keys::kOpenAiApiKey);
    if (const auto base = pick({}, {}, environment, {QStringLiteral("OPENAI_BASE_URL")}, saved, QStringLiteral("ai/openai_base_url"));
        !base.value.isEmpty())
        settings.openai.baseUrl = base.value;
    if (const auto model = pick({}, {}, environment, {QStringLiteral("PITWALL_OPENAI_MODEL")}, saved, QStringLiteral("ai/openai_model"));
        !model.value.isEmpty())
        settings.openai.model = model.value;
    if (const auto model = pick({}, {}, environment, {QStringLiteral("PITWALL_EMBEDDING_MODEL")}, saved,
                                QStringLiteral("ai/embedding_model"));
        !model.value.isEmpty())
        settings.openai.embeddingModel = model.value;

    // --llm-endpoint and --llm-model apply to the chosen provider.
    if (!flags.llmEndpoint.isEmpty()) {
        const QUrl url(flags.llmEndpoint);
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) || url.host().isEmpty())
            return Error{QStringLiteral("--llm-endpoint: '%1' is not an http(s) URL").arg(flags.llmEndpoint)};
        (settings.llm == LlmChoice::Bedrock ? settings.bedrock.endpoint : settings.openai.baseUrl) = flags.llmEndpoint;
    }
    if (!flags.llmModel.isEmpty())
        (settings.llm == LlmChoice::Bedrock ? settings.bedrock.model : settings.openai.model) = flags.llmModel;

    // MongoDB Atlas.
    const auto uri = pick(flags.mongoUri, QStringLiteral("--mongodb-uri"), environment, {QStringLiteral("MONGODB_URI")}, saved, {});
    settings.mongo.uri = uri.value.isEmpty() ? stored(secrets::keys::kMongoUri) : uri.value;
    if (saved) {
        settings.mongo.database = saved->value(QStringLiteral("ai/mongodb_database"), settings.mongo.database).toString();
        settings.mongo.collection = saved->value(QStringLiteral("ai/mongodb_collection"), settings.mongo.collection).toString();
        settings.mongo.index = saved->value(QStringLiteral("ai/mongodb_index"), settings.mongo.index).toString();
        const auto limits = saved->value(QStringLiteral("ai/requests_per_minute")).toInt();
        if (limits > 0)
            settings.limits.requestsPerMinute = limits;
        if (const int tokens = saved->value(QStringLiteral("ai/tokens_per_minute")).toInt(); tokens > 0)
            settings.limits.tokensPerMinute = tokens;
        if (const qint64 tokens = saved->value(QStringLiteral("ai/tokens_per_day")).toLongLong(); tokens > 0)
            settings.limits.tokensPerDay = tokens;
        if (const QByteArray prices = saved->value(QStringLiteral("ai/prices")).toByteArray(); !prices.isEmpty()) {
            auto table = PriceTable::fromJson(prices);
            if (!table)
                return Error{QStringLiteral("setting ai/prices: %1").arg(table.error().message)};
            settings.prices = table.value();
        }
    }

    const auto filterText = pick(flags.commentaryFilter, QStringLiteral("--commentary-filter"), environment, {}, saved,
                                 QStringLiteral("ai/commentary_filter"));
    if (!filterText.value.isEmpty()) {
        auto filter = MomentFilter::parse(filterText.value);
        if (!filter)
            return Error{QStringLiteral("%1: %2").arg(filterText.origin, filter.error().message)};
        settings.filter = filter.value();
    }

    // What the choices need, said before a race starts rather than during it.
    if (settings.llm == LlmChoice::Bedrock) {
        if (!settings.bedrock.credentials.isComplete())
            return Error{QStringLiteral("--llm bedrock needs AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                                        "(and AWS_SESSION_TOKEN for temporary ones), or AWS_PROFILE with ~/.aws/credentials")};
        if (settings.bedrock.region.isEmpty())
            return Error{QStringLiteral("--llm bedrock needs a region: set AWS_REGION, or region in ~/.aws/config")};
    }
    if (settings.llm == LlmChoice::OpenAi && settings.openai.apiKey.isEmpty() &&
        QUrl(settings.openai.baseUrl).host() == QLatin1String("api.openai.com"))
        return Error{QStringLiteral("--llm openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server)")};
    if (settings.embedder == EmbedderChoice::OpenAi && settings.openai.apiKey.isEmpty() &&
        QUrl(settings.openai.baseUrl).host() == QLatin1String("api.openai.com"))
        return Error{QStringLiteral("--embedder openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible server)")};
    if (settings.vectorStore == VectorStoreChoice::MongoDb && settings.mongo.uri.isEmpty())
        return Error{QStringLiteral("--vector-store mongodb needs --mongodb-uri or MONGODB_URI")};
    return settings;
}

} // namespace pitwall::ai
