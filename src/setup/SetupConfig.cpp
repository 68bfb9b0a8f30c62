#include "SetupConfig.h"

#include "net/CredentialUrl.h"

#include "secrets/AppSecrets.h"
#include "secrets/SecretStore.h"
#include "stream/KafkaSelection.h"

#include <QRegularExpression>
#include <QSettings>
#include <QUrl>

namespace pitwall::setup {

namespace {

namespace sk = secrets::keys;

// Read by the setup and by the Kafka choice (cloud mode's framing).
const QString kRegistryUrlKey = QStringLiteral("registry/url");
const QString kRegistryApiKeyKey = QStringLiteral("registry/api_key");

bool isHttpUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    return url.isValid() && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http")) &&
           !url.host().isEmpty() && url.userInfo().isEmpty();
}

bool isFlinkCloud(const QString &cloud)
{
    return cloud == QLatin1String("aws") || cloud == QLatin1String("gcp") || cloud == QLatin1String("azure");
}

bool anyFilled(std::initializer_list<const QString *> fields)
{
    for (const QString *field : fields)
        if (!field->trimmed().isEmpty())
            return true;
    return false;
}

// An empty value removes the key: the readers' defaults apply again.
void setOrRemove(QSettings &settings, const QString &key, const QString &value)
{
    if (value.trimmed().isEmpty())
        settings.remove(key);
    else
        settings.setValue(key, value.trimmed());
}

QString modeName(SetupMode mode)
{
    switch (mode) {
    case SetupMode::Local: return QStringLiteral("local");
    case SetupMode::ConfluentCloud: return QStringLiteral("confluent");
    case SetupMode::OwnKafka: return QStringLiteral("kafka");
    }
    return QStringLiteral("local");
}

SetupMode modeFromName(const QString &name)
{
    if (name == QLatin1String("confluent"))
        return SetupMode::ConfluentCloud;
    if (name == QLatin1String("kafka"))
        return SetupMode::OwnKafka;
    return SetupMode::Local;
}

// A choice as saved in the settings: its key and the field it fills. load() reads these
// lists and save() writes them: one list, so the two cannot drift apart.
template <typename Value>
struct SavedField {
    QString key;
    Value SetupConfig::*field;
};

// Plain text: an empty field removes its key (the readers' defaults apply again).
const SavedField<QString> kPlainFields[] = {
    {kRegistryUrlKey, &SetupConfig::registryUrl},
    {kRegistryApiKeyKey, &SetupConfig::registryApiKey},
    {QStringLiteral("flink/cloud"), &SetupConfig::flinkCloud},
    {QStringLiteral("flink/region"), &SetupConfig::flinkRegion},
    {QStringLiteral("flink/organization"), &SetupConfig::organizationId},
    {QStringLiteral("flink/environment"), &SetupConfig::environmentId},
    {QStringLiteral("flink/compute_pool"), &SetupConfig::computePoolId},
    {QStringLiteral("flink/api_key"), &SetupConfig::flinkApiKey},
    {QStringLiteral("flink/catalog"), &SetupConfig::catalog},
    {QStringLiteral("flink/database"), &SetupConfig::database},
    {QStringLiteral("ai/bedrock_region"), &SetupConfig::awsRegion},
    {QStringLiteral("ai/bedrock_model"), &SetupConfig::bedrockModel},
    {QStringLiteral("ai/openai_base_url"), &SetupConfig::openAiBaseUrl},
    {QStringLiteral("ai/openai_model"), &SetupConfig::openAiChatModel},
    {QStringLiteral("ai/embedding_model"), &SetupConfig::openAiEmbeddingModel},
    {QStringLiteral("ai/mongodb_database"), &SetupConfig::mongoDatabase},
    {QStringLiteral("ai/mongodb_collection"), &SetupConfig::mongoCollection},
    {QStringLiteral("ai/mongodb_index"), &SetupConfig::mongoIndex},
    {QStringLiteral("cloud/api_key"), &SetupConfig::cloudApiKey},
    {QStringLiteral("cloud/environment_name"), &SetupConfig::environmentName},
    {QStringLiteral("cloud/cluster_name"), &SetupConfig::clusterName},
    {QStringLiteral("cloud/flink_pool_name"), &SetupConfig::flinkPoolName},
};

// The quotas: a positive number is saved, 0 (the default) removes the key.
const SavedField<int> kQuotaFields[] = {
    {QStringLiteral("ai/requests_per_minute"), &SetupConfig::requestsPerMinute},
    {QStringLiteral("ai/tokens_per_minute"), &SetupConfig::tokensPerMinute},
};

// A secret as kept in the store. One that goes with an ID (`idField`) is read only when
// that ID is filled; the IDs come first, so they are loaded before their secrets.
struct SecretField {
    QString key;
    QString SetupConfig::*field;
    QString SetupConfig::*idField = nullptr;
    bool trimmed = false; // saved without surrounding blanks (pasted keys and URIs)
};

const SecretField kSecretFields[] = {
    {sk::kKafkaApiSecret, &SetupConfig::kafkaApiSecret, &SetupConfig::kafkaApiKey},
    {sk::kRegistryApiSecret, &SetupConfig::registryApiSecret, &SetupConfig::registryApiKey},
    {sk::kFlinkApiSecret, &SetupConfig::flinkApiSecret, &SetupConfig::flinkApiKey},
    {sk::kAwsAccessKeyId, &SetupConfig::awsAccessKeyId, nullptr, true},
    {sk::kAwsSecretAccessKey, &SetupConfig::awsSecretAccessKey, &SetupConfig::awsAccessKeyId},
    {sk::kAwsSessionToken, &SetupConfig::awsSessionToken, &SetupConfig::awsAccessKeyId},
    {sk::kOpenAiApiKey, &SetupConfig::openAiApiKey, nullptr, true},
    {sk::kMongoUri, &SetupConfig::mongoUri, nullptr, true},
    {sk::kCloudApiSecret, &SetupConfig::cloudApiSecret, &SetupConfig::cloudApiKey},
};

} // namespace

QString SetupConfig::flinkEndpoint() const
{
    // Both become part of the host the Flink key goes to: only names Confluent Cloud uses.
    const QString region = flinkRegion.trimmed();
    const QString cloud = flinkCloud.trimmed().toLower();
    if (!net::isCloudRegion(region) || !isFlinkCloud(cloud))
        return {};
    return QStringLiteral("https://flink.%1.%2.confluent.cloud").arg(region, cloud);
}

QString kafkaProblem(const SetupConfig &c)
{
    if (c.mode == SetupMode::Local)
        return {};
    if (c.bootstrap.trimmed().isEmpty() && c.propertiesFile.trimmed().isEmpty())
        return QObject::tr("Enter the bootstrap server (HOST:PORT) or choose a properties file.");
    const KafkaSelection selection{c.bootstrap, c.propertiesFile, c.kafkaApiKey, c.kafkaApiSecret};
    if (!c.kafkaApiKey.trimmed().isEmpty() && c.kafkaApiSecret.isEmpty())
        return QObject::tr("Enter the API secret that goes with the API key.");
    if (c.mode == SetupMode::ConfluentCloud && c.kafkaApiKey.trimmed().isEmpty())
        return QObject::tr("Confluent Cloud needs the cluster's API key and secret.");
    if (auto config = selection.toConfig(); !config)
        return config.error().message;
    return {};
}

QString registryProblem(const SetupConfig &c)
{
    if (!anyFilled({&c.registryUrl, &c.registryApiKey, &c.registryApiSecret}))
        return {};
    if (!isHttpUrl(c.registryUrl))
        return QObject::tr("The Schema Registry URL must look like https://psrc-xxxxx.region.provider.confluent.cloud.");
    if (!net::credentialUrlProblem(QUrl(c.registryUrl.trimmed())).isEmpty())
        return QObject::tr("The Schema Registry URL must start with https://: its API key would travel in clear over plain "
                           "http (http is allowed only to this machine).");
    if (c.registryApiKey.trimmed().isEmpty() || c.registryApiSecret.isEmpty())
        return QObject::tr("Enter the Schema Registry API key and secret (not the Kafka ones).");
    return {};
}

QString flinkProblem(const SetupConfig &c)
{
    if (!anyFilled({&c.flinkRegion, &c.organizationId, &c.environmentId, &c.computePoolId, &c.flinkApiKey, &c.flinkApiSecret}))
        return {};
    static const QRegularExpression uuid(QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    if (c.flinkRegion.trimmed().isEmpty())
        return QObject::tr("Enter the region of the compute pool, e.g. us-east-1.");
    if (!net::isCloudRegion(c.flinkRegion.trimmed()))
        return QObject::tr("The region is a name like us-east-1, europe-west4 or eastus (lower-case letters, digits and dashes).");
    if (!isFlinkCloud(c.flinkCloud.trimmed().toLower()))
        return QObject::tr("The cloud provider is aws, gcp or azure.");
    if (!uuid.match(c.organizationId.trimmed()).hasMatch())
        return QObject::tr("The organization ID is a UUID (Administration ▸ Organization settings).");
    // Both go into the request paths: letters and digits after the prefix, nothing else.
    static const QRegularExpression environment(QStringLiteral("^env-[a-zA-Z0-9]{1,32}$"));
    static const QRegularExpression pool(QStringLiteral("^lfcp-[a-zA-Z0-9]{1,32}$"));
    if (!environment.match(c.environmentId.trimmed()).hasMatch())
        return QObject::tr("The environment ID starts with env-.");
    if (!c.computePoolId.trimmed().isEmpty() && !pool.match(c.computePoolId.trimmed()).hasMatch())
        return QObject::tr("The compute pool ID starts with lfcp-.");
    if (c.flinkApiKey.trimmed().isEmpty() || c.flinkApiSecret.isEmpty())
        return QObject::tr("Enter the Flink API key and secret (a Flink key for this environment and region).");
    return {};
}

QString bedrockProblem(const SetupConfig &c)
{
    if (!anyFilled({&c.awsRegion, &c.awsAccessKeyId, &c.awsSecretAccessKey, &c.awsSessionToken, &c.bedrockModel}))
        return {};
    if (!net::isAwsRegion(c.awsRegion.trimmed()))
        return QObject::tr("The AWS region looks like us-east-1.");
    if (!c.awsAccessKeyId.trimmed().isEmpty() &&
        !QRegularExpression(QStringLiteral("^(AKIA|ASIA)[A-Z0-9]{12,}$")).match(c.awsAccessKeyId.trimmed()).hasMatch())
        return QObject::tr("An AWS access key ID starts with AKIA (or ASIA for temporary credentials).");
    if (c.awsAccessKeyId.trimmed().isEmpty() != c.awsSecretAccessKey.isEmpty())
        return QObject::tr("Enter both the access key ID and the secret access key (or neither, to use AWS_PROFILE).");
    if (c.awsAccessKeyId.trimmed().startsWith(QLatin1String("ASIA")) && c.awsSessionToken.isEmpty())
        return QObject::tr("Temporary credentials (ASIA…) need their session token.");
    // The model goes into the endpoint's path: an ID or an inference profile's ARN, nothing that ends a path.
    static const QRegularExpression model(QStringLiteral("^[A-Za-z0-9._:/-]{1,200}$"));
    if (!model.match(c.bedrockModel.trimmed()).hasMatch())
        return QObject::tr("Enter the model ID or inference profile, e.g. us.anthropic.claude-3-5-sonnet-20240620-v1:0.");
    if (c.requestsPerMinute < 0 || c.tokensPerMinute < 0)
        return QObject::tr("Quotas are positive numbers (or 0 for the default).");
    return {};
}

QString openAiProblem(const SetupConfig &c)
{
    if (!anyFilled({&c.openAiApiKey, &c.openAiBaseUrl, &c.openAiChatModel, &c.openAiEmbeddingModel}))
        return {};
    if (!c.openAiBaseUrl.trimmed().isEmpty() && !isHttpUrl(c.openAiBaseUrl))
        return QObject::tr("The base URL must be an http(s) URL, e.g. https://api.openai.com/v1.");
    if (!c.openAiApiKey.trimmed().isEmpty() && !c.openAiBaseUrl.trimmed().isEmpty() &&
        !net::credentialUrlProblem(QUrl(c.openAiBaseUrl.trimmed())).isEmpty())
        return QObject::tr("With an API key the base URL must start with https://: the key would travel in clear over plain "
                           "http (http is allowed only to this machine, for local models).");
    const bool officialApi = c.openAiBaseUrl.trimmed().isEmpty() || c.openAiBaseUrl.contains(QLatin1String("api.openai.com"));
    if (officialApi && c.openAiApiKey.trimmed().isEmpty())
        return QObject::tr("Enter the OpenAI API key (compatible servers may not need one: give their base URL).");
    return {};
}

QString mongoProblem(const SetupConfig &c)
{
    if (!anyFilled({&c.mongoUri}))
        return {};
    const QString uri = c.mongoUri.trimmed();
    if (!uri.startsWith(QLatin1String("mongodb+srv://")) && !uri.startsWith(QLatin1String("mongodb://")))
        return QObject::tr("The connection URI starts with mongodb+srv:// (Atlas) or mongodb://.");
    for (const QString *name : {&c.mongoDatabase, &c.mongoCollection, &c.mongoIndex})
        if (name->trimmed().isEmpty())
            return QObject::tr("Enter the database, collection and vector index names.");
    return {};
}

KafkaSelection loadKafkaSelection(QSettings &settings, secrets::SecretStore &store)
{
    auto selection = KafkaSelection::load(settings);
    if (!selection.saslUsername.isEmpty())
        if (auto secret = store.load(sk::kKafkaApiSecret))
            selection.saslPassword = secret.value();
    // The registry's wire format goes with a cluster of one's own (never the embedded broker).
    const QString registryUrl = settings.value(kRegistryUrlKey).toString();
    if (!selection.isEmbedded() && !registryUrl.isEmpty()) {
        registry::RegistrySettings registry;
        registry.url = registryUrl;
        registry.apiKey = settings.value(kRegistryApiKeyKey).toString();
        if (!registry.apiKey.isEmpty())
            if (auto secret = store.load(sk::kRegistryApiSecret))
                registry.apiSecret = secret.value();
        selection.registry = registry;
    }
    return selection;
}

SetupConfig SetupConfig::load(QSettings &s, secrets::SecretStore &store, QStringList *problems)
{
    // Before the first save there is nothing to read: the keychain is left alone.
    const bool saved = secrets::hasSavedSetup(s);
    auto secret = [&store, problems, saved](const QString &key) {
        if (!saved)
            return QString();
        auto loaded = store.load(key);
        if (!loaded) {
            if (problems)
                problems->append(loaded.error().message);
            return QString();
        }
        return loaded.value();
    };
    SetupConfig c;
    c.mode = modeFromName(s.value(QStringLiteral("setup/mode")).toString());
    const auto kafka = KafkaSelection::load(s);
    c.bootstrap = kafka.bootstrap;
    c.propertiesFile = kafka.configFile;
    c.kafkaApiKey = kafka.saslUsername;
    for (const auto &[key, field] : kPlainFields)
        c.*field = s.value(key, c.*field).toString(); // a missing key keeps the default
    for (const auto &[key, field] : kQuotaFields)
        c.*field = s.value(key, 0).toInt();
    for (const auto &secretField : kSecretFields)
        if (!secretField.idField || !(c.*secretField.idField).isEmpty())
            c.*secretField.field = secret(secretField.key);
    return c;
}

Expected<bool> SetupConfig::save(QSettings &s, secrets::SecretStore &store) const
{
    // Secrets first: if the store refuses one, the settings still describe the old setup.
    for (const auto &secretField : kSecretFields) {
        const QString value = secretField.trimmed ? (this->*secretField.field).trimmed() : this->*secretField.field;
        auto done = value.isEmpty() ? store.remove(secretField.key) : store.store(secretField.key, value);
        if (!done)
            return Error{QObject::tr("Could not keep a secret (%1): %2").arg(secretField.key, done.error().message)};
    }
    s.setValue(QStringLiteral("setup/mode"), modeName(mode));
    secrets::markSetupSaved(s);
    KafkaSelection kafka;
    if (mode != SetupMode::Local)
        kafka = KafkaSelection{bootstrap.trimmed(), propertiesFile.trimmed(), kafkaApiKey.trimmed(), {}};
    kafka.save(s);
    for (const auto &[key, field] : kPlainFields)
        setOrRemove(s, key, this->*field);
    for (const auto &[key, field] : kQuotaFields) {
        if (this->*field > 0)
            s.setValue(key, this->*field);
        else
            s.remove(key);
    }
    // The AI choices the app reads (AiSettings): the configured LLM, embedder and store.
    const bool bedrock = !awsRegion.trimmed().isEmpty() && !bedrockModel.trimmed().isEmpty();
    const bool openAi = !openAiApiKey.trimmed().isEmpty() || !openAiBaseUrl.trimmed().isEmpty();
    s.setValue(QStringLiteral("ai/llm"), bedrock  ? QStringLiteral("bedrock")
                                         : openAi ? QStringLiteral("openai")
                                                  : QStringLiteral("offline"));
    s.setValue(QStringLiteral("ai/embedder"), openAi ? QStringLiteral("openai") : QStringLiteral("offline"));
    s.setValue(QStringLiteral("ai/vector_store"), mongoUri.trimmed().isEmpty() ? QStringLiteral("local") : QStringLiteral("mongodb"));
    s.sync();
    return true;
}

} // namespace pitwall::setup
