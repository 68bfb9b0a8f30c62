#pragma once
// The local vector store: lines and vectors in memory, appended to a JSON-lines file so
// they survive restarts; exact search while small, hnswlib's HNSW graph (inner product
// on normalised vectors = cosine) once it pays off.

#include "VectorStore.h"

#include <QFile>
#include <memory>

namespace hnswlib {
template <typename T>
class HierarchicalNSW;
template <typename T>
class SpaceInterface;
} // namespace hnswlib

namespace pitwall::vector {

class LocalVectorIndex : public VectorStore {
public:
    static constexpr size_t kExactSearchUpTo = 2000;

    // directory empty: memory only. Lines already in the file are loaded (bad lines
    // are skipped and counted, never fatal).
    explicit LocalVectorIndex(const QString &directory = {});
    ~LocalVectorIndex() override;

    Expected<bool> open();
    QString describe() const override;
    Expected<bool> add(const StoredLine &line, const Vector &embedding) override;
    Expected<std::vector<VectorMatch>> search(const Vector &query, int k, const QString &raceId) override;
    qint64 size() const override { return qint64(m_lines.size()); }
    int skippedOnLoad() const { return m_skippedOnLoad; }
    bool usesGraph() const { return m_graph != nullptr; }

private:
    Expected<bool> insert(const StoredLine &line, Vector embedding);
    void buildGraph();

    QString m_directory;
    QFile m_file;
    std::vector<StoredLine> m_lines;
    std::vector<Vector> m_vectors; // normalised
    size_t m_dimensions = 0;
    int m_skippedOnLoad = 0;
    std::unique_ptr<hnswlib::SpaceInterface<float>> m_space;
    std::unique_ptr<hnswlib::HierarchicalNSW<float>> m_graph;
};

} // namespace pitwall::vector
