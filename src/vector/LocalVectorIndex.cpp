#include "LocalVectorIndex.h"
#include "StoredLineJson.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <hnswlib/hnswlib.h>

namespace pitwall::vector {

namespace {

const QString kFileName = QStringLiteral("commentary-vectors.jsonl");

QByteArray encodeLine(const StoredLine &line, const Vector &embedding)
{
    return QJsonDocument(storedLineJson(line, embedding)).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace

LocalVectorIndex::LocalVectorIndex(const QString &directory)
    : m_directory(directory)
{
}

LocalVectorIndex::~LocalVectorIndex() = default;

Expected<bool> LocalVectorIndex::open()
{
    if (m_directory.isEmpty())
        return true;
    if (!QDir().mkpath(m_directory))
        return Error{QStringLiteral("cannot create the vector index folder %1").arg(m_directory)};
    m_file.setFileName(QDir(m_directory).filePath(kFileName));
    if (m_file.exists()) {
        if (!m_file.open(QIODevice::ReadOnly))
            return Error{QStringLiteral("cannot read %1: %2").arg(m_file.fileName(), m_file.errorString())};
        while (!m_file.atEnd()) {
            const QByteArray bytes = m_file.readLine();
            const auto object = QJsonDocument::fromJson(bytes).object();
            StoredLine line = storedLineFromJson(object);
            Vector vector = embeddingFromJson(object);
            // A line cut by a crash or edited by hand is skipped, the rest still loads.
            if (line.message.isEmpty() || vector.empty() || !insert(line, std::move(vector)))
                ++m_skippedOnLoad;
        }
        m_file.close();
    }
    if (!m_file.open(QIODevice::Append))
        return Error{QStringLiteral("cannot write %1: %2").arg(m_file.fileName(), m_file.errorString())};
    return true;
}

QString LocalVectorIndex::describe() const
{
    return m_directory.isEmpty() ? QStringLiteral("local index (memory)")
                                 : QStringLiteral("local index (%1)").arg(QDir(m_directory).filePath(kFileName));
}

Expected<bool> LocalVectorIndex::insert(const StoredLine &line, Vector embedding)
{
    if (m_dimensions == 0)
        m_dimensions = embedding.size();
    if (embedding.size() != m_dimensions)
        return Error{QStringLiteral("the embedding has %1 dimensions, the index %2: an index holds one embedder's vectors "
                                    "(use another folder for another embedder)")
                         .arg(embedding.size())
                         .arg(m_dimensions)};
    ai::normalise(embedding);
    m_lines.push_back(line);
    m_vectors.push_back(std::move(embedding));
    if (m_graph) {
        if (m_graph->cur_element_count >= m_graph->max_elements_)
            m_graph->resizeIndex(m_graph->max_elements_ * 2);
        m_graph->addPoint(m_vectors.back().data(), m_vectors.size() - 1);
    } else if (m_vectors.size() > kExactSearchUpTo) {
        buildGraph();
    }
    return true;
}

void LocalVectorIndex::buildGraph()
{
    m_space = std::make_unique<hnswlib::InnerProductSpace>(m_dimensions);
    m_graph = std::make_unique<hnswlib::HierarchicalNSW<float>>(m_space.get(), std::max<size_t>(m_vectors.size() * 2, 4096), 16, 200);
    for (size_t i = 0; i < m_vectors.size(); ++i)
        m_graph->addPoint(m_vectors[i].data(), i);
}

Expected<bool> LocalVectorIndex::add(const StoredLine &line, const Vector &embedding)
{
    auto inserted = insert(line, embedding);
    if (!inserted)
        return inserted;
    if (m_file.isOpen()) {
        const QByteArray bytes = encodeLine(line, m_vectors.back());
        if (m_file.write(bytes) != bytes.size() || !m_file.flush())
            return Error{QStringLiteral("cannot append to %1: %2 (the line stays searchable until the app closes)")
                             .arg(m_file.fileName(), m_file.errorString())};
    }
    return true;
}

Expected<std::vector<VectorMatch>> LocalVectorIndex::search(const Vector &query, int k, const QString &raceId)
{
    std::vector<VectorMatch> matches;
    if (m_vectors.empty() || k <= 0)
        return matches;
    if (query.size() != m_dimensions)
        return Error{QStringLiteral("the question's embedding has %1 dimensions, the index %2").arg(query.size()).arg(m_dimensions)};
    Vector normalised = query;
    ai::normalise(normalised);
    auto score = [&](size_t i) {
        double dot = 0;
        for (size_t d = 0; d < m_dimensions; ++d)
            dot += double(normalised[d]) * m_vectors[i][d];
        // Float rounding can put a perfect match a hair above 1: scores stay in [0, 1] like Atlas's.
        return std::clamp((1.0 + dot) / 2.0, 0.0, 1.0);
    };
    std::vector<std::pair<double, size_t>> scored;
    if (m_graph) {
        // Ask the graph for more than k when filtering by race: others' lines are dropped after.
        const size_t wanted = std::min(m_vectors.size(), size_t(raceId.isEmpty() ? k : k * 20));
        m_graph->setEf(std::max<size_t>(wanted, 64));
        auto found = m_graph->searchKnn(normalised.data(), wanted);
        while (!found.empty()) {
            scored.emplace_back(score(found.top().second), found.top().second);
            found.pop();
        }
    } else {
        for (size_t i = 0; i < m_vectors.size(); ++i)
            scored.emplace_back(score(i), i);
    }
    std::sort(scored.begin(), scored.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    for (const auto &[value, index] : scored) {
        if (!raceId.isEmpty() && m_lines[index].raceId != raceId)
            continue;
        matches.push_back({m_lines[index], value});
        if (int(matches.size()) == k)
            break;
    }
    return matches;
}

} // namespace pitwall::vector
