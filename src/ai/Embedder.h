#pragma once
// Text to vectors: OpenAI /v1/embeddings (or a compatible server), or the offline
// embedder. Asynchronous like the LLM providers; lives on the AI thread.

#include "net/HttpExchange.h"
#include "LlmTypes.h"
#include "OpenAiProvider.h"
#include "core/Expected.h"

#include <QObject>
#include <QStringList>
#include <functional>
#include <vector>

namespace pitwall::ai {

using Vector = std::vector<float>;

class Embedder : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(Expected<std::vector<Vector>, LlmError>)>;
    using QObject::QObject;

    virtual QString model() const = 0;
    virtual void embed(const QStringList &texts, Done done) = 0;
};

// Hashed features of the words (stemmed unigrams and bigrams, common words dropped)
// and of their letter trigrams, signed into 384 dimensions and normalised. It finds
// lines that share words or spellings with the question ("Hamilton", "pits" ~ "pit
// stop", "tyres" ~ "tyre"); it does not know meaning: synonyms and paraphrases ("stops"
// vs "boxes", "crash" vs "accident") do not match.
class OfflineEmbedder : public Embedder {
    Q_OBJECT
public:
    static constexpr int kDimensions = 384;
    using Embedder::Embedder;

    QString model() const override { return QStringLiteral("offline-hash-384"); }
    void embed(const QStringList &texts, Done done) override;
    static Vector embedOne(const QString &text);
};

class OpenAiEmbedder : public Embedder {
    Q_OBJECT
public:
    static constexpr int kMaxBatch = 256; // inputs per request (the API allows 2048)
    explicit OpenAiEmbedder(OpenAiSettings settings, QObject *parent = nullptr);

    QString model() const override { return m_settings.embeddingModel; }
    void embed(const QStringList &texts, Done done) override;

private:
    void embedBatch(QStringList remaining, std::vector<Vector> done, Done finished);

    OpenAiSettings m_settings;
    net::HttpExchange m_http;
};

// Exposed for the tests.
QByteArray embeddingsRequestBody(const QString &model, const QStringList &texts);
Expected<std::vector<Vector>, LlmError> parseEmbeddingsResponse(const QByteArray &body, int expectedCount);

// Cosine similarity as MongoDB scores it: (1 + cos) / 2, in [0, 1].
double cosineScore(const Vector &a, const Vector &b);
void normalise(Vector &vector);

} // namespace pitwall::ai
