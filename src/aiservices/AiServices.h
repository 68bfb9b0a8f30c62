#pragma once
// The AI stages' shared services: the LLM provider behind its governor, the embedder
// and the vector store, on one thread whose event loop drives their network calls.
// Stages post work to it and collect the answers on their own threads.

#include "ai/AiSettings.h"
#include "ai/Embedder.h"
#include "ai/LlmGovernor.h"
#include "core/Expected.h"
#include "vector/VectorStore.h"

#include <QJsonObject>
#include <QMutex>
#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace pitwall {

class AiServices {
public:
    // Opens the vector store (MongoDB: connects and pings) and starts the thread.
    static Expected<std::shared_ptr<AiServices>> start(const ai::AiSettings &settings);
    // Offline commentator, offline embedder, an in-memory index: needs nothing.
    static std::shared_ptr<AiServices> offline();
    // The services the user configured: `flags` (the command line's), then the environment,
    // then the saved settings and their secrets; the local index lives in `vectorDirectory`
    // or the user's data folder. Blocks while a vector store connects: not on the GUI thread.
    static Expected<std::shared_ptr<AiServices>> startConfigured(const ai::AiFlags &flags, const QString &vectorDirectory);
    ~AiServices();

    AiServices(const AiServices &) = delete;
    AiServices &operator=(const AiServices &) = delete;

    const ai::AiSettings &settings() const { return m_settings; }
    bool hasLlm() const { return m_settings.llm != ai::LlmChoice::Offline; }
    QString llmLabel() const { return m_settings.llmLabel(); }
    QString embedderLabel() const;
    QString storeLabel() const;

    // Runs `work` on the AI thread; the objects below are used there only.
    void post(std::function<void()> work);
    ai::LlmGovernor *governor() const { return m_governor; } // null when offline
    ai::Embedder *embedder() const { return m_embedder; }
    // On the AI thread: texts to vectors, through the governor when the embedder is a
    // network service (its budgets, meter and cost), straight when it is the offline one.
    void embed(const QStringList &texts, ai::Embedder::Done done);
    // Questions waiting for their embedding or search: the ask stages refuse more than
    // kMaxQueuedQuestions at once (each refusal answered and counted).
    static constexpr int kMaxQueuedQuestions = 64;
    bool admitQuestion(); // any thread; false: the queue is full (counted)
    void questionDone();  // any thread
    quint64 questionsRefused() const { return m_questionsRefused; }
    vector::VectorStore *store() const { return m_store.get(); }

    // The k stored lines closest to `query`, from any thread without waiting: `done` runs
    // once on the AI thread, with the matches, the error, or a timeout after `timeoutMs`.
    using SearchDone = std::function<void(Expected<std::vector<vector::VectorMatch>>)>;
    void searchCommentary(const QString &query, int k, const QString &raceId, int timeoutMs, SearchDone done);

    // Any thread: the meters.
    ai::LlmUsage llmUsage() const;
    void countLines(int byModel, int offline);
    void countIndexed(bool ok, const QString &error = {});
    quint64 linesByModel() const { return m_linesByModel; }
    quint64 linesOffline() const { return m_linesOffline; }
    quint64 indexed() const { return m_indexed; }
    quint64 indexErrors() const { return m_indexErrors; }
    QString lastIndexError() const;
    // The live race as the commentary agent last saw it (lap, top ten): ask's answers use it.
    void setRaceState(const QString &summary);
    QString raceState() const;
    // The headless summary's "llm" object: calls, tokens_in, tokens_out, failures, fallbacks, cost_usd, ...
    QJsonObject summaryJson() const;

private:
    explicit AiServices(ai::AiSettings settings);

    ai::AiSettings m_settings;
    QThread *m_thread = nullptr;
    QObject *m_context = nullptr; // lives on m_thread: the target of post()
    ai::LlmProvider *m_provider = nullptr;
    ai::LlmGovernor *m_governor = nullptr;
    ai::LlmGovernor *m_embeddingGovernor = nullptr; // m_governor, or its own when only the embedder is networked
    std::atomic<int> m_questionsQueued{0};
    std::atomic<quint64> m_questionsRefused{0};
    ai::Embedder *m_embedder = nullptr;
    std::unique_ptr<vector::VectorStore> m_store;

    std::atomic<quint64> m_linesByModel{0};
    std::atomic<quint64> m_linesOffline{0};
    std::atomic<quint64> m_indexed{0};
    std::atomic<quint64> m_indexErrors{0};
    mutable QMutex m_errorMutex;
    QString m_lastIndexError;
    QString m_raceState;
};

} // namespace pitwall
