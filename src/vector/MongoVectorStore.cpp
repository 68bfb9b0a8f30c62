#include "MongoVectorStore.h"
#include "StoredLineJson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <mongoc/mongoc.h>
#include <mutex>

namespace pitwall::vector {

namespace {

void initialiseDriverOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { mongoc_init(); });
}

QString errorText(const bson_error_t &error)
{
    return QString::fromUtf8(error.message);
}

// bson from a Qt JSON value; empty on failure (the caller reports it).
bson_t *toBson(const QJsonObject &object, QString &why)
{
    const QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    bson_error_t error;
    bson_t *document = bson_new_from_json(reinterpret_cast<const uint8_t *>(json.constData()), json.size(), &error);
    if (!document)
        why = errorText(error);
    return document;
}

} // namespace

QJsonArray vectorSearchPipeline(const ai::MongoSettings &settings, const Vector &query, int limit, const QString &raceId)
{
    QJsonArray vector;
    for (float v : query)
        vector.append(double(v));
    QJsonObject search{{QStringLiteral("index"), settings.index},
                       {QStringLiteral("path"), QStringLiteral("message_embedding")},
                       {QStringLiteral("queryVector"), vector},
                       {QStringLiteral("numCandidates"), std::max(settings.numCandidates, limit)},
                       {QStringLiteral("limit"), limit}};
    if (!raceId.isEmpty())
        search.insert(QStringLiteral("filter"), QJsonObject{{QStringLiteral("race_id"), QJsonObject{{QStringLiteral("$eq"), raceId}}}});
    const QJsonObject project{{QStringLiteral("_id"), 0},
                              {QStringLiteral("id"), 1},
                              {QStringLiteral("message"), 1},
                              {QStringLiteral("race_id"), 1},
                              {QStringLiteral("timestamp"), 1},
                              {QStringLiteral("type"), 1},
                              {QStringLiteral("source"), 1},
                              {QStringLiteral("score"), QJsonObject{{QStringLiteral("$meta"), QStringLiteral("vectorSearchScore")}}}};
    return QJsonArray{QJsonObject{{QStringLiteral("$vectorSearch"), search}}, QJsonObject{{QStringLiteral("$project"), project}}};
}

MongoVectorStore::MongoVectorStore(ai::MongoSettings settings)
    : m_settings(std::move(settings))
{
}

MongoVectorStore::~MongoVectorStore()
{
    if (m_collection)
        mongoc_collection_destroy(m_collection);
    if (m_client)
        mongoc_client_destroy(m_client);
}

QString MongoVectorStore::describe() const
{
    return QStringLiteral("MongoDB %1 %2.%3 (index %4)")
        .arg(ai::redactedUri(m_settings.uri), m_settings.database, m_settings.collection, m_settings.index);
}

Expected<bool> MongoVectorStore::open()
{
    initialiseDriverOnce();
    bson_error_t error;
    mongoc_uri_t *uri = mongoc_uri_new_with_error(m_settings.uri.toUtf8().constData(), &error);
    if (!uri)
        return Error{QStringLiteral("the MongoDB URI is not valid: %1").arg(errorText(error))};
    // Fail in seconds, not the driver's default 30, when the cluster cannot be reached.
    if (!mongoc_uri_has_option(uri, MONGOC_URI_SERVERSELECTIONTIMEOUTMS))
        mongoc_uri_set_option_as_int32(uri, MONGOC_URI_SERVERSELECTIONTIMEOUTMS, 5000);
    m_client = mongoc_client_new_from_uri_with_error(uri, &error);
    mongoc_uri_destroy(uri);
    if (!m_client)
        return Error{QStringLiteral("cannot use the MongoDB URI: %1").arg(errorText(error))};
    mongoc_client_set_appname(m_client, "pitwall");
    m_collection = mongoc_client_get_collection(m_client, m_settings.database.toUtf8().constData(),
                                                m_settings.collection.toUtf8().constData());
    bson_t *ping = BCON_NEW("ping", BCON_INT32(1));
    bson_t reply;
    const bool ok = mongoc_client_command_simple(m_client, "admin", ping, nullptr, &reply, &error);
    bson_destroy(ping);
    bson_destroy(&reply);
    if (!ok)
        return Error{QStringLiteral("MongoDB did not answer a ping: %1 (check the URI, the network access list and the "
                                    "database user)")
                         .arg(errorText(error))};
    return true;
}

Expected<bool> MongoVectorStore::add(const StoredLine &line, const Vector &embedding)
{
    if (!m_collection)
        return Error{QStringLiteral("MongoDB is not connected")};
    QString why;
    bson_t *document = toBson(storedLineJson(line, embedding), why);
    if (!document)
        return Error{QStringLiteral("cannot encode the line for MongoDB: %1").arg(why)};
    bson_error_t error;
    const bool ok = mongoc_collection_insert_one(m_collection, document, nullptr, nullptr, &error);
    bson_destroy(document);
    if (!ok)
        return Error{QStringLiteral("MongoDB refused the line: %1").arg(errorText(error))};
    ++m_added;
    return true;
}

Expected<std::vector<VectorMatch>> MongoVectorStore::search(const Vector &query, int k, const QString &raceId)
{
    if (!m_collection)
        return Error{QStringLiteral("MongoDB is not connected")};
    QString why;
    bson_t *pipeline = toBson(QJsonObject{{QStringLiteral("pipeline"), vectorSearchPipeline(m_settings, query, k, raceId)}}, why);
    if (!pipeline)
        return Error{QStringLiteral("cannot encode the search: %1").arg(why)};
    mongoc_cursor_t *cursor = mongoc_collection_aggregate(m_collection, MONGOC_QUERY_NONE, pipeline, nullptr, nullptr);
    bson_destroy(pipeline);
    std::vector<VectorMatch> matches;
    const bson_t *document = nullptr;
    while (mongoc_cursor_next(cursor, &document)) {
        char *json = bson_as_relaxed_extended_json(document, nullptr);
        const auto object = QJsonDocument::fromJson(QByteArray(json)).object();
        bson_free(json);
        StoredLine line = storedLineFromJson(object);
        if (line.message.isEmpty())
            continue; // not a commentary document
        matches.push_back({line, object.value(QLatin1String("score")).toDouble()});
    }
    bson_error_t error;
    const bool failed = mongoc_cursor_error(cursor, &error);
    mongoc_cursor_destroy(cursor);
    if (failed)
        return Error{QStringLiteral("the vector search failed: %1 (is there a vectorSearch index named '%2' on "
                                    "message_embedding%3?)")
                         .arg(errorText(error), m_settings.index,
                              raceId.isEmpty() ? QString() : QStringLiteral(", with race_id as a filter field"))};
    return matches;
}

} // namespace pitwall::vector
