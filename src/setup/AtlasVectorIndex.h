#pragma once
// The Atlas Vector Search index the ask search needs (spec section 8.1): checked, made when
// missing (createSearchIndexes with a vectorSearch definition: the embedder's dimensions,
// cosine, the filter fields the search uses) and waited for until Atlas says it is
// queryable (PENDING → BUILDING → READY), with progress, or FAILED with Atlas's reason.
// Blocking calls: run them off the GUI thread.

#include "SetupConfig.h"
#include "core/Expected.h"

#include <QJsonArray>
#include <QJsonObject>
#include <atomic>
#include <functional>
#include <memory>

namespace pitwall::setup {

struct VectorIndexSpec {
    QString database;
    QString collection;
    QString name;                                       // e.g. vector_index
    QString path = QStringLiteral("message_embedding"); // the vector field the app writes
    int dimensions = 0;                                 // the embedder's
    QString similarity = QStringLiteral("cosine");
    QStringList filterFields{QStringLiteral("race_id")}; // what `ask --race` filters on
};

// The spec the saved choices need: their database, collection and index name, and the
// dimensions of the embedder the app will use (OpenAI's model, or the offline one's 384).
VectorIndexSpec vectorIndexSpec(const SetupConfig &config);
int embeddingDimensions(const SetupConfig &config);

// {"fields": [{"type":"vector","path":…,"numDimensions":…,"similarity":"cosine"}, {"type":"filter","path":"race_id"}]}
QJsonObject vectorIndexDefinition(const VectorIndexSpec &spec);
// {"createSearchIndexes": collection, "indexes": [{"name":…, "type":"vectorSearch", "definition":…}]}
QJsonObject createSearchIndexesCommand(const VectorIndexSpec &spec);

// One index as $listSearchIndexes reports it.
struct SearchIndexState {
    bool exists = false;
    QString status; // PENDING, BUILDING, READY, FAILED, STALE, DELETING, DOES_NOT_EXIST
    bool queryable = false;
    QString message; // Atlas's reason when FAILED
    QString problem; // what does not match the spec (a wrong type, dimensions, similarity or path), or empty
};
SearchIndexState searchIndexState(const QJsonArray &listed, const VectorIndexSpec &spec);

// The two calls Atlas answers (a test gives a fake).
class SearchIndexCommands {
public:
    virtual ~SearchIndexCommands() = default;
    // The documents of [{$listSearchIndexes: {name}}] on the collection.
    virtual Expected<QJsonArray> listSearchIndexes(const VectorIndexSpec &spec) = 0;
    // runCommand(createSearchIndexes) on the database.
    virtual Expected<QJsonObject> createSearchIndexes(const VectorIndexSpec &spec) = 0;
};

// libmongoc against the URI (Atlas, or the MONGODB_URI of the live test).
std::unique_ptr<SearchIndexCommands> mongoSearchIndexCommands(const QString &uri);

class AtlasVectorIndex {
public:
    explicit AtlasVectorIndex(SearchIndexCommands &commands, int pollMs = 2000, int timeoutMs = 10 * 60 * 1000);

    Expected<SearchIndexState> check(const VectorIndexSpec &spec);
    // Makes it when missing (an index there of that name is kept and said).
    Expected<bool> create(const VectorIndexSpec &spec);
    // Until queryable; `progress` gets each status as it changes ("PENDING", "BUILDING", …).
    // Fails with Atlas's reason on FAILED, on timeout, or when `cancelled` is set.
    Expected<bool> waitUntilQueryable(const VectorIndexSpec &spec, const std::function<void(const QString &)> &progress,
                                      const std::atomic_bool *cancelled = nullptr);

private:
    SearchIndexCommands &m_commands;
    int m_pollMs;
    int m_timeoutMs;
};

} // namespace pitwall::setup
