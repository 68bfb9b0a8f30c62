#pragma once
// MongoDB Atlas Vector Search through the official C driver (libmongoc): lines are
// inserted with their embedding (the demo's reinvent.commentary layout: message,
// message_embedding, plus our race_id, timestamp, type, source), and searched with a
// $vectorSearch aggregation (index, path, queryVector, numCandidates, limit, filter).

#include "VectorStore.h"
#include "ai/AiSettings.h"

#include <QJsonArray>

struct _mongoc_client_t;
struct _mongoc_collection_t;

namespace pitwall::vector {

class MongoVectorStore : public VectorStore {
public:
    explicit MongoVectorStore(ai::MongoSettings settings);
    ~MongoVectorStore() override;

    // Connects and pings; the error says what to fix (URI, network, credentials).
    Expected<bool> open();
    QString describe() const override;
    Expected<bool> add(const StoredLine &line, const Vector &embedding) override;
    Expected<std::vector<VectorMatch>> search(const Vector &query, int k, const QString &raceId) override;
    qint64 size() const override { return m_added; }

private:
    ai::MongoSettings m_settings;
    _mongoc_client_t *m_client = nullptr;
    _mongoc_collection_t *m_collection = nullptr;
    qint64 m_added = 0;
};

// The aggregation pipeline of a search (exposed for the tests): $vectorSearch first, as
// Atlas requires, then a $project of the fields and the score ({"$meta": "vectorSearchScore"}).
// A race filter needs "race_id" declared as a filter field in the Atlas index.
QJsonArray vectorSearchPipeline(const ai::MongoSettings &settings, const Vector &query, int limit, const QString &raceId);

} // namespace pitwall::vector
