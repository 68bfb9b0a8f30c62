#include "AiServices.h"

#include "ai/BedrockProvider.h"
#include "ai/OpenAiProvider.h"
#include "vector/LocalVectorIndex.h"
#include "secrets/AppSecrets.h"
#include "vector/MongoVectorStore.h"

#include <QDir>
#include <QProcessEnvironment>
#include <QSettings>
#include <QStandardPaths>

#include <QCoreApplication>
#include <QThread>
#include <QTimer>

namespace pitwall {

AiServices::AiServices(ai::AiSettings settings)
    : m_settings(std::move(settings))
{
}

Expected<std::shared_ptr<AiServices>> AiServices::start(const ai::AiSettings &settings)
{
    std::shared_ptr<AiServices> services(new AiServices(settings));
    if (settings.vectorStore == ai::VectorStoreChoice::MongoDb) {
        auto store = std::make_unique<vector::MongoVectorStore>(settings.mongo);
        if (auto opened = store->open(); !opened)
            return opened.error();
        services->m_store = std::move(store);
    } else {
        auto store = std::make_unique<vector::LocalVectorIndex>(settings.localIndexDirectory);
        if (auto opened = store->open(); !opened)
            return opened.error();
        services->m_store = std::move(store);
    }

    services->m_thread = new QThread;
    services->m_thread->setObjectName(QStringLiteral("pitwall-ai"));
    // Started from a worker (a stage starting) or the main thread, owned by the main
    // thread's side either way: that is where it is stopped and deleted.
    if (QCoreApplication::instance() && QThread::currentThread() != QCoreApplication::instance()->thread())
        services->m_thread->moveToThread(QCoreApplication::instance()->thread());
    services->m_context = new QObject;
    services->m_context->moveToThread(services->m_thread);
    services->m_thread->start();
    // The network objects are made on the thread that will use them.
    AiServices *raw = services.get();
    QMetaObject::invokeMethod(
        services->m_context,
        [raw] {
            const auto &s = raw->m_settings;
            if (s.llm == ai::LlmChoice::Bedrock)
                raw->m_provider = new ai::BedrockProvider(s.bedrock, raw->m_context);
            else if (s.llm == ai::LlmChoice::OpenAi)
                raw->m_provider = new ai::OpenAiProvider(s.openai, raw->m_context);
            if (raw->m_provider)
                raw->m_governor = new ai::LlmGovernor(raw->m_provider, s.limits, s.prices, raw->m_context);
            if (s.embedder == ai::EmbedderChoice::OpenAi) {
                raw->m_embedder = new ai::OpenAiEmbedder(s.openai, raw->m_context);
                raw->m_embeddingGovernor = raw->m_governor ? raw->m_governor
                                                           : new ai::LlmGovernor(nullptr, s.limits, s.prices, raw->m_context);
            } else {
                raw->m_embedder = new ai::OfflineEmbedder(raw->m_context);
            }
        },
        Qt::BlockingQueuedConnection);
    return services;
}

Expected<std::shared_ptr<AiServices>> AiServices::startConfigured(const ai::AiFlags &flags, const QString &vectorDirectory)
{
    QSettings saved;
    auto secretStore = secrets::openAppSecretStore(saved);
    auto settings = ai::resolveAiSettings(flags, QProcessEnvironment::systemEnvironment(), &saved, QDir::homePath(),
                                          [&saved, &secretStore](const QString &key) {
                                              return secrets::storedSecretOrEmpty(saved, *secretStore, key);
                                          });
    if (!settings)
        return settings.error();
    settings.value().localIndexDirectory =
        vectorDirectory.isEmpty()
            ? QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("vectors"))
            : vectorDirectory;
    return start(settings.value());
}

std::shared_ptr<AiServices> AiServices::offline()
{
    auto services = start(ai::AiSettings{});
    Q_ASSERT(services.hasValue()); // an in-memory index cannot fail to open
    return services.hasValue() ? services.value() : nullptr;
}

AiServices::~AiServices()
{
    if (!m_thread)
        return;
    // Its objects die on their thread (children of the context), then the thread stops.
    QMetaObject::invokeMethod(
        m_context, [context = m_context] { delete context; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

QString AiServices::embedderLabel() const
{
    return m_settings.embedder == ai::EmbedderChoice::OpenAi ? m_settings.openai.embeddingModel : QStringLiteral("offline-hash-384");
}

QString AiServices::storeLabel() const
{
    return m_store ? m_store->describe() : QString();
}

void AiServices::post(std::function<void()> work)
{
    QMetaObject::invokeMethod(m_context, std::move(work), Qt::QueuedConnection);
}

void AiServices::searchCommentary(const QString &query, int k, const QString &raceId, int timeoutMs, SearchDone done)
{
    post([this, query, k, raceId, timeoutMs, done = std::move(done)] {
        // Whichever comes first answers, the other finds it answered (both run on this thread).
        auto pending = std::make_shared<SearchDone>(done);
        QTimer::singleShot(timeoutMs, m_context, [pending, timeoutMs] {
            if (auto answer = std::exchange(*pending, nullptr))
                answer(Error{QStringLiteral("the search took longer than %1 ms").arg(timeoutMs)});
        });
        embed({query}, [this, pending, k, raceId](Expected<std::vector<ai::Vector>, ai::LlmError> vectors) {
            auto answer = std::exchange(*pending, nullptr);
            if (!answer)
                return;
            if (!vectors)
                return answer(Error{QStringLiteral("embedding the question: %1").arg(vectors.error().message)});
            answer(m_store->search(vectors.value().front(), k, raceId));
        });
    });
}

void AiServices::embed(const QStringList &texts, ai::Embedder::Done done)
{
    if (m_embeddingGovernor)
        m_embeddingGovernor->submitEmbedding(*m_embedder, texts, std::move(done));
    else
        m_embedder->embed(texts, std::move(done));
}

bool AiServices::admitQuestion()
{
    if (++m_questionsQueued > kMaxQueuedQuestions) {
        --m_questionsQueued;
        ++m_questionsRefused;
        return false;
    }
    return true;
}

void AiServices::questionDone()
{
    --m_questionsQueued;
}

ai::LlmUsage AiServices::llmUsage() const
{
    if (m_governor)
        return m_governor->usage();
    return m_embeddingGovernor ? m_embeddingGovernor->usage() : ai::LlmUsage{};
}

void AiServices::countLines(int byModel, int offline)
{
    m_linesByModel += quint64(byModel);
    m_linesOffline += quint64(offline);
}

void AiServices::countIndexed(bool ok, const QString &error)
{
    if (ok) {
        ++m_indexed;
        return;
    }
    ++m_indexErrors;
    QMutexLocker lock(&m_errorMutex);
    m_lastIndexError = error;
}

QString AiServices::lastIndexError() const
{
    QMutexLocker lock(&m_errorMutex);
    return m_lastIndexError;
}

void AiServices::setRaceState(const QString &summary)
{
    QMutexLocker lock(&m_errorMutex);
    m_raceState = summary;
}

QString AiServices::raceState() const
{
    QMutexLocker lock(&m_errorMutex);
    return m_raceState;
}

QJsonObject AiServices::summaryJson() const
{
    const auto usage = llmUsage();
    QJsonObject llm{{QStringLiteral("model"), llmLabel()},
                    {QStringLiteral("calls"), qint64(usage.calls)},
                    {QStringLiteral("tokens_in"), usage.tokensIn},
                    {QStringLiteral("tokens_out"), usage.tokensOut},
                    {QStringLiteral("failures"), qint64(usage.failures)},
                    {QStringLiteral("retries"), qint64(usage.retries)},
                    {QStringLiteral("throttled"), qint64(usage.throttled)},
                    {QStringLiteral("held_back"), qint64(usage.refusedByBudget + usage.refusedByCircuit)},
                    {QStringLiteral("fallbacks"), qint64(usage.fallbacks)},
                    {QStringLiteral("grounding_rejections"), qint64(usage.groundingRejections)},
                    {QStringLiteral("cost_usd"), usage.costUsd},
                    {QStringLiteral("lines_by_model"), qint64(m_linesByModel.load())},
                    {QStringLiteral("lines_offline"), qint64(m_linesOffline.load())},
                    {QStringLiteral("embedder"), embedderLabel()},
                    {QStringLiteral("vector_store"), storeLabel()},
                    {QStringLiteral("embedding_calls"), qint64(usage.embeddingCalls)},
                    {QStringLiteral("embedding_tokens"), usage.embeddingTokens},
                    {QStringLiteral("embeddings_refused"), qint64(usage.embeddingsRefused)},
                    {QStringLiteral("questions_refused"), qint64(m_questionsRefused.load())},
                    {QStringLiteral("indexed"), qint64(m_indexed.load())},
                    {QStringLiteral("index_errors"), qint64(m_indexErrors.load())}};
    if (!usage.lastError.isEmpty())
        llm.insert(QStringLiteral("last_error"), usage.lastError);
    return llm;
}

} // namespace pitwall
