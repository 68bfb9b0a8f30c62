#include "Embedder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace pitwall::ai {

namespace {

// FNV-1a: stable across machines and runs (a persisted index must mean the same later).
quint64 stableHash(const QByteArray &bytes)
{
    quint64 hash = 1469598103934665603ULL;
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

void addFeature(Vector &vector, const QString &feature, float weight)
{
    const quint64 hash = stableHash(feature.toUtf8());
    const auto index = size_t(hash % OfflineEmbedder::kDimensions);
    vector[index] += (hash >> 63) ? weight : -weight;
}

const QSet<QString> &stopWords()
{
    static const QSet<QString> words{QStringLiteral("a"),       QStringLiteral("an"),         QStringLiteral("the"),
                                     QStringLiteral("of"),      QStringLiteral("to"),         QStringLiteral("for"),
                                     QStringLiteral("in"),      QStringLiteral("on"),         QStringLiteral("at"),
                                     QStringLiteral("and"),     QStringLiteral("or"),         QStringLiteral("is"),
                                     QStringLiteral("are"),     QStringLiteral("was"),        QStringLiteral("about"),
                                     QStringLiteral("with"),    QStringLiteral("what"),       QStringLiteral("which"),
                                     QStringLiteral("who"),     QStringLiteral("any"),        QStringLiteral("comments"),
                                     QStringLiteral("comment"), QStringLiteral("commentary"), QStringLiteral("show"),
                                     QStringLiteral("me"),      QStringLiteral("did"),        QStringLiteral("does"),
                                     QStringLiteral("how")};
    return words;
}

// A crude English stemmer: "passes", "passed", "passing" -> "pass"; "tyres" -> "tyre".
QString stem(const QString &word)
{
    for (const char *suffix : {"ing", "ed", "es", "s"}) {
        const QLatin1StringView ending(suffix);
        if (word.size() - ending.size() >= 3 && word.endsWith(ending)) {
            QString stemmed = word.chopped(ending.size());
            // "tyres" -> "tyr" by "es": keep the e when only "s" was the plural.
            if (ending == QLatin1StringView("es") && !stemmed.endsWith(QLatin1Char('s')) && !stemmed.endsWith(QLatin1Char('h')))
                stemmed += QLatin1Char('e');
            return stemmed;
        }
    }
    return word;
}

} // namespace

void normalise(Vector &vector)
{
    double norm = 0;
    for (float v : vector)
        norm += double(v) * v;
    norm = std::sqrt(norm);
    if (norm > 0)
        for (float &v : vector)
            v = float(v / norm);
}

double cosineScore(const Vector &a, const Vector &b)
{
    if (a.size() != b.size() || a.empty())
        return 0.0;
    double dot = 0, na = 0, nb = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        dot += double(a[i]) * b[i];
        na += double(a[i]) * a[i];
        nb += double(b[i]) * b[i];
    }
    if (na <= 0 || nb <= 0)
        return 0.5;
    return std::clamp((1.0 + dot / std::sqrt(na * nb)) / 2.0, 0.0, 1.0);
}

Vector OfflineEmbedder::embedOne(const QString &text)
{
    static const QRegularExpression wordPattern(QStringLiteral("[\\p{L}\\p{N}]+"));
    Vector vector(kDimensions, 0.0f);
    QStringList words;
    for (auto it = wordPattern.globalMatch(text.toLower()); it.hasNext();) {
        const QString word = it.next().captured();
        if (!stopWords().contains(word))
            words << stem(word);
    }
    for (int i = 0; i < words.size(); ++i) {
        addFeature(vector, QStringLiteral("w:") + words[i], 1.0f);
        if (i + 1 < words.size())
            addFeature(vector, QStringLiteral("b:") + words[i] + QLatin1Char(' ') + words[i + 1], 0.5f);
        const QString marked = QLatin1Char('^') + words[i] + QLatin1Char('$');
        for (int j = 0; j + 3 <= marked.size(); ++j)
            addFeature(vector, QStringLiteral("t:") + marked.mid(j, 3), 0.25f);
    }
    normalise(vector);
    return vector;
}

void OfflineEmbedder::embed(const QStringList &texts, Done done)
{
    std::vector<Vector> vectors;
    vectors.reserve(size_t(texts.size()));
    for (const auto &text : texts)
        vectors.push_back(embedOne(text));
    done(std::move(vectors));
}

OpenAiEmbedder::OpenAiEmbedder(OpenAiSettings settings, QObject *parent)
    : Embedder(parent)
    , m_settings(std::move(settings))
    , m_http(this)
{
}

QByteArray embeddingsRequestBody(const QString &model, const QStringList &texts)
{
    const QJsonObject body{{QStringLiteral("model"), model},
                           {QStringLiteral("input"), QJsonArray::fromStringList(texts)},
                           {QStringLiteral("encoding_format"), QStringLiteral("float")}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

Expected<std::vector<Vector>, LlmError> parseEmbeddingsResponse(const QByteArray &body, int expectedCount)
{
    const auto answer = answerObject(body, QStringLiteral("the embeddings answer"));
    if (!answer)
        return answer.error();
    const auto data = answer.value().value(QLatin1String("data")).toArray();
    if (data.size() != expectedCount)
        return LlmError{LlmError::Kind::Malformed,
                        QStringLiteral("asked for %1 embeddings, the answer has %2").arg(expectedCount).arg(data.size())};
    std::vector<Vector> vectors(static_cast<size_t>(expectedCount));
    qsizetype dimensions = -1;
    for (const auto &item : data) {
        const auto object = item.toObject();
        const int index = object.value(QLatin1String("index")).toInt(-1); // match by index, not order
        const auto values = object.value(QLatin1String("embedding")).toArray();
        if (index < 0 || index >= expectedCount || !vectors[size_t(index)].empty() || values.isEmpty() ||
            (dimensions >= 0 && values.size() != dimensions))
            return LlmError{LlmError::Kind::Malformed, QStringLiteral("embedding %1 is missing, repeated or of another size").arg(index)};
        dimensions = values.size();
        auto &vector = vectors[size_t(index)];
        vector.reserve(size_t(values.size()));
        for (const auto &value : values) {
            if (!value.isDouble())
                return LlmError{LlmError::Kind::Malformed, QStringLiteral("embedding %1 holds a value that is not a number").arg(index)};
            vector.push_back(float(value.toDouble()));
        }
    }
    return vectors;
}

void OpenAiEmbedder::embed(const QStringList &texts, Done done)
{
    if (texts.isEmpty()) {
        done(std::vector<Vector>{});
        return;
    }
    embedBatch(texts, {}, std::move(done));
}

void OpenAiEmbedder::embedBatch(QStringList remaining, std::vector<Vector> collected, Done finished)
{
    const QStringList batch = remaining.mid(0, kMaxBatch);
    remaining = remaining.mid(batch.size());
    m_http.send("POST", net::joinUrl(m_settings.baseUrl, QStringLiteral("/embeddings")), openAiHeaders(m_settings),
                embeddingsRequestBody(m_settings.embeddingModel, batch), 30'000,
                [this, batch, remaining, collected = std::move(collected),
                 finished = std::move(finished)](const net::HttpResponse &response, const net::TransportError *transport) mutable {
                    const auto answer = answerBody(response, transport, [](const net::HttpResponse &refused) {
                        return openAiError(refused, QStringLiteral("The embeddings endpoint"));
                    });
                    if (!answer) {
                        finished(answer.error());
                        return;
                    }
                    auto vectors = parseEmbeddingsResponse(answer.value(), int(batch.size()));
                    if (!vectors) {
                        finished(vectors.error());
                        return;
                    }
                    for (auto &vector : vectors.value())
                        collected.push_back(std::move(vector));
                    if (remaining.isEmpty())
                        finished(std::move(collected));
                    else
                        embedBatch(remaining, std::move(collected), std::move(finished));
                });
}

} // namespace pitwall::ai
