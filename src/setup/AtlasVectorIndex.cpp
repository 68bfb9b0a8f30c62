#include "AtlasVectorIndex.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QThread>
#include <mongoc/mongoc.h>
#include <mutex>

namespace pitwall::setup {

namespace {

// OpenAI's embedding models and their sizes (spec section 7.1); the offline embedder's own.
constexpr int kOfflineDimensions = 384;

QString text(const bson_error_t &error)
{
    return QString::fromUtf8(error.message);
}

} // namespace

int embeddingDimensions(const SetupConfig &c)
{
    const bool openAi = !c.openAiApiKey.trimmed().isEmpty() || !c.openAiBaseUrl.trimmed().isEmpty();
    if (!openAi)
        return kOfflineDimensions;
    return c.openAiEmbeddingModel.trimmed() == QLatin1String("text-embedding-3-large") ? 3072 : 1536;
}

VectorIndexSpec vectorIndexSpec(const SetupConfig &c)
{
    VectorIndexSpec spec;
    spec.database = c.mongoDatabase.trimmed();
    spec.collection = c.mongoCollection.trimmed();
    spec.name = c.mongoIndex.trimmed();
    spec.dimensions = embeddingDimensions(c);
    return spec;
}

QJsonObject vectorIndexDefinition(const VectorIndexSpec &spec)
{
    QJsonArray fields{QJsonObject{{QStringLiteral("type"), QStringLiteral("vector")},
                                  {QStringLiteral("path"), spec.path},
                                  {QStringLiteral("numDimensions"), spec.dimensions},
                                  {QStringLiteral("similarity"), spec.similarity}}};
    for (const auto &field : spec.filterFields)
        fields.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("filter")}, {QStringLiteral("path"), field}});
    return {{QStringLiteral("fields"), fields}};
}

QJsonObject createSearchIndexesCommand(const VectorIndexSpec &spec)
{
    return {{QStringLiteral("createSearchIndexes"), spec.collection},
            {QStringLiteral("indexes"), QJsonArray{QJsonObject{{QStringLiteral("name"), spec.name},
                                                               {QStringLiteral("type"), QStringLiteral("vectorSearch")},
                                                               {QStringLiteral("definition"), vectorIndexDefinition(spec)}}}}};
}

SearchIndexState searchIndexState(const QJsonArray &listed, const VectorIndexSpec &spec)
{
    SearchIndexState state;
    for (const auto &value : listed) {
        const auto index = value.toObject();
        if (index.value(QLatin1String("name")).toString() != spec.name)
            continue;
        state.exists = true;
        state.status = index.value(QLatin1String("status")).toString();
        state.queryable = index.value(QLatin1String("queryable")).toBool();
        state.message = index.value(QLatin1String("message")).toString().left(500);
        if (index.value(QLatin1String("type")).toString() != QLatin1String("vectorSearch")) {
            state.problem = QStringLiteral("the index %1 is of type %2, not vectorSearch")
                                .arg(spec.name, index.value(QLatin1String("type")).toString().left(40));
            break;
        }
        // The definition as Atlas has it: the vector field must match what the app writes.
        const auto definition = index.value(QLatin1String("latestDefinition")).toObject();
        for (const auto &field : definition.value(QLatin1String("fields")).toArray()) {
            const auto f = field.toObject();
            if (f.value(QLatin1String("type")).toString() != QLatin1String("vector"))
                continue;
            const int dimensions = f.value(QLatin1String("numDimensions")).toInt();
            if (f.value(QLatin1String("path")).toString() != spec.path)
                state.problem = QStringLiteral("its vector field is %1, the app writes %2")
                                    .arg(f.value(QLatin1String("path")).toString().left(80), spec.path);
            else if (dimensions != spec.dimensions)
                state.problem = QStringLiteral("it has %1 dimensions, the embedder gives %2").arg(dimensions).arg(spec.dimensions);
            else if (f.value(QLatin1String("similarity")).toString() != spec.similarity)
                state.problem = QStringLiteral("its similarity is %1, the search expects %2")
                                    .arg(f.value(QLatin1String("similarity")).toString().left(20), spec.similarity);
        }
        break;
    }
    return state;
}

namespace {

// libmongoc against one cluster; one client per instance (used from one thread at a time).
class MongoSearchIndexCommands : public SearchIndexCommands {
public:
    explicit MongoSearchIndexCommands(const QString &uri)
    {
        static std::once_flag once;
        std::call_once(once, [] { mongoc_init(); });
        bson_error_t error;
        mongoc_uri_t *parsed = mongoc_uri_new_with_error(uri.toUtf8().constData(), &error);
        if (!parsed) {
            m_error = QStringLiteral("the MongoDB URI is not valid: %1").arg(text(error));
            return;
        }
        if (!mongoc_uri_has_option(parsed, MONGOC_URI_SERVERSELECTIONTIMEOUTMS))
            mongoc_uri_set_option_as_int32(parsed, MONGOC_URI_SERVERSELECTIONTIMEOUTMS, 5000);
        m_client = mongoc_client_new_from_uri_with_error(parsed, &error);
        mongoc_uri_destroy(parsed);
        if (!m_client)
            m_error = QStringLiteral("cannot use the MongoDB URI: %1").arg(text(error));
        else
            mongoc_client_set_appname(m_client, "pitwall");
    }
    ~MongoSearchIndexCommands() override
    {
        if (m_client)
            mongoc_client_destroy(m_client);
    }

    Expected<QJsonArray> listSearchIndexes(const VectorIndexSpec &spec) override
    {
        if (!m_client)
            return Error{m_error};
        const QJsonObject pipeline{
            {QStringLiteral("pipeline"),
             QJsonArray{QJsonObject{{QStringLiteral("$listSearchIndexes"), QJsonObject{{QStringLiteral("name"), spec.name}}}}}}};
        bson_t *command = toBson(pipeline);
        if (!command)
            return Error{QStringLiteral("cannot encode $listSearchIndexes")};
        mongoc_collection_t *collection = mongoc_client_get_collection(m_client, spec.database.toUtf8().constData(),
                                                                       spec.collection.toUtf8().constData());
        mongoc_cursor_t *cursor = mongoc_collection_aggregate(collection, MONGOC_QUERY_NONE, command, nullptr, nullptr);
        QJsonArray out;
        const bson_t *document = nullptr;
        // Bounded: one index is asked for; a few documents at most.
        while (out.size() < 100 && mongoc_cursor_next(cursor, &document)) {
            size_t length = 0;
            char *json = bson_as_relaxed_extended_json(document, &length);
            if (json && length < 1024 * 1024)
                out.append(QJsonDocument::fromJson(QByteArray(json, qsizetype(length))).object());
            bson_free(json);
        }
        bson_error_t error;
        const bool failed = mongoc_cursor_error(cursor, &error);
        mongoc_cursor_destroy(cursor);
        mongoc_collection_destroy(collection);
        bson_destroy(command);
        if (failed && error.code != kNamespaceNotFound) // no collection yet: no index either
            return Error{QStringLiteral("listing the search indexes failed: %1").arg(explain(error))};
        return out;
    }

    Expected<QJsonObject> createSearchIndexes(const VectorIndexSpec &spec) override
    {
        if (!m_client)
            return Error{m_error};
        auto created = run(spec.database, createSearchIndexesCommand(spec));
        if (!created && m_lastCode == kNamespaceNotFound) {
            // Atlas indexes an existing collection only: make the (empty) collection first.
            if (auto made = run(spec.database, {{QStringLiteral("create"), spec.collection}}); !made && m_lastCode != kNamespaceExists)
                return made.error();
            created = run(spec.database, createSearchIndexesCommand(spec));
        }
        return created;
    }

private:
    static constexpr uint32_t kNamespaceNotFound = 26;
    static constexpr uint32_t kNamespaceExists = 48;

    static bson_t *toBson(const QJsonObject &object)
    {
        const QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
        bson_error_t error;
        return bson_new_from_json(reinterpret_cast<const uint8_t *>(json.constData()), json.size(), &error);
    }

    static QString explain(const bson_error_t &error)
    {
        const QString said = text(error);
        if (said.contains(QLatin1String("not allowed")) || said.contains(QLatin1String("Unauthorized")))
            return said + QStringLiteral(" (the database user needs the readWrite role, or Atlas admin for search indexes)");
        if (said.contains(QLatin1String("createSearchIndexes")) || said.contains(QLatin1String("$listSearchIndexes")))
            return said + QStringLiteral(" (search indexes need MongoDB Atlas, or a deployment with Atlas Search)");
        return said;
    }

    Expected<QJsonObject> run(const QString &database, const QJsonObject &command)
    {
        bson_t *bson = toBson(command);
        if (!bson)
            return Error{QStringLiteral("cannot encode the command")};
        bson_t reply;
        bson_error_t error;
        const bool ok = mongoc_client_command_simple(m_client, database.toUtf8().constData(), bson, nullptr, &reply, &error);
        bson_destroy(bson);
        QJsonObject answer;
        size_t length = 0;
        if (char *json = bson_as_relaxed_extended_json(&reply, &length)) {
            if (length < 1024 * 1024)
                answer = QJsonDocument::fromJson(QByteArray(json, qsizetype(length))).object();
            bson_free(json);
        }
        bson_destroy(&reply);
        m_lastCode = ok ? 0 : error.code;
        if (!ok)
            return Error{explain(error)};
        return answer;
    }

    mongoc_client_t *m_client = nullptr;
    QString m_error;
    uint32_t m_lastCode = 0;
};

} // namespace

std::unique_ptr<SearchIndexCommands> mongoSearchIndexCommands(const QString &uri)
{
    return std::make_unique<MongoSearchIndexCommands>(uri);
}

AtlasVectorIndex::AtlasVectorIndex(SearchIndexCommands &commands, int pollMs, int timeoutMs)
    : m_commands(commands)
    , m_pollMs(pollMs)
    , m_timeoutMs(timeoutMs)
{
}

Expected<SearchIndexState> AtlasVectorIndex::check(const VectorIndexSpec &spec)
{
    auto listed = m_commands.listSearchIndexes(spec);
    if (!listed)
        return listed.error();
    return searchIndexState(listed.value(), spec);
}

Expected<bool> AtlasVectorIndex::create(const VectorIndexSpec &spec)
{
    if (spec.dimensions <= 0 || spec.dimensions > 8192)
        return Error{QStringLiteral("%1 dimensions: Atlas indexes 1 to 8192").arg(spec.dimensions)};
    auto state = check(spec);
    if (!state)
        return state.error();
    if (state->exists)
        return state->problem.isEmpty() ? Expected<bool>(true)
                                        : Expected<bool>(Error{QStringLiteral("an index named %1 is there already, but %2: delete it "
                                                                              "in Atlas or choose another name")
                                                                   .arg(spec.name, state->problem)});
    auto created = m_commands.createSearchIndexes(spec);
    if (!created)
        return Error{QStringLiteral("Atlas refused to create the index %1: %2").arg(spec.name, created.error().message)};
    return true;
}

Expected<bool> AtlasVectorIndex::waitUntilQueryable(const VectorIndexSpec &spec, const std::function<void(const QString &)> &progress,
                                                    const std::atomic_bool *cancelled)
{
    const QDeadlineTimer deadline(m_timeoutMs);
    QString last;
    while (true) {
        auto state = check(spec);
        if (!state)
            return state.error();
        const QString status = state->exists ? state->status : QStringLiteral("DOES_NOT_EXIST");
        if (status != last && progress)
            progress(status);
        last = status;
        if (!state->exists)
            return Error{QStringLiteral("the index %1 is not there (was it deleted?)").arg(spec.name)};
        if (status == QLatin1String("FAILED"))
            return Error{QStringLiteral("Atlas could not build the index %1: %2")
                             .arg(spec.name, state->message.isEmpty() ? QStringLiteral("no reason given") : state->message)};
        if (state->queryable && status == QLatin1String("READY"))
            return true;
        if (cancelled && cancelled->load())
            return Error{QStringLiteral("stopped waiting; the index %1 was %2").arg(spec.name, status)};
        if (deadline.hasExpired())
            return Error{QStringLiteral("the index %1 was still %2 after %3 s; Atlas goes on building it: check again later")
                             .arg(spec.name, status)
                             .arg(m_timeoutMs / 1000)};
        QThread::msleep(quint64(std::max(1, std::min<int>(m_pollMs, int(deadline.remainingTime())))));
    }
}

} // namespace pitwall::setup
