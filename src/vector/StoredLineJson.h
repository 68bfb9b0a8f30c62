#pragma once
// A stored commentary line as JSON, in the demo's field names: the local index's file lines
// and the Atlas collection's documents have the same shape, written and read here.

#include "VectorStore.h"

#include <QJsonObject>

namespace pitwall::vector {

// The line with its embedding as "message_embedding".
QJsonObject storedLineJson(const StoredLine &line, const Vector &embedding);
// The line's own fields (missing ones empty; the embedding is read by embeddingFromJson).
StoredLine storedLineFromJson(const QJsonObject &object);
Vector embeddingFromJson(const QJsonObject &object);

} // namespace pitwall::vector
