#pragma once
// Where commentary lines and their embeddings are kept and searched by meaning: a local
// index (default) or MongoDB Atlas Vector Search. Blocking calls: used on the AI thread.

#include "ai/Embedder.h"
#include "core/Expected.h"

#include <QString>
#include <vector>

namespace pitwall::vector {

using ai::Vector;

// One stored line: the demo's fields (message, message_embedding) plus where it came from.
struct StoredLine {
    QString id;
    QString message;
    QString raceId;
    qint64 timestampMs = 0;
    QString type;
    QString source;
};

struct VectorMatch {
    StoredLine line;
    double score = 0; // higher is closer; cosine as (1 + cos) / 2 like Atlas
};

class VectorStore {
public:
    virtual ~VectorStore() = default;
    virtual QString describe() const = 0; // for status lines; no secrets
    virtual Expected<bool> add(const StoredLine &line, const Vector &embedding) = 0;
    // Top k by score; raceId non-empty: only that race's lines.
    virtual Expected<std::vector<VectorMatch>> search(const Vector &query, int k, const QString &raceId) = 0;
    virtual qint64 size() const = 0;
};

} // namespace pitwall::vector
