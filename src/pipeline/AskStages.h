#pragma once
// The semantic-search stages, as in the demo: every commentary line is embedded and
// stored (commentary-index); a question on commentary_queries is embedded onto
// commentary_queries_vectors (ask-embed), and the top 5 stored lines by meaning go to
// commentary_query_results (ask-search), with an answer written from them when an LLM
// is configured. Embedding and search run on the AI thread; results come back in poll().

#include "aiservices/AiServices.h"
#include "StageProcessor.h"

#include <QMutex>
#include <atomic>

namespace pitwall {

// Finished work handed from the AI thread to the stage's thread.
class StageOutbox {
public:
    void started() { ++m_inFlight; }
    // Called once per started() piece of work, with what it produced (if anything).
    void finished(std::optional<StageOutput> output);
    void drainInto(std::vector<StageOutput> &out);
    bool isSettled() const;

private:
    mutable QMutex m_mutex;
    std::vector<StageOutput> m_ready;
    std::atomic<int> m_inFlight{0};
};

class CommentaryIndexProcessor : public StageProcessor {
public:
    explicit CommentaryIndexProcessor(std::shared_ptr<AiServices> ai);
    std::optional<QString> process(const KafkaRecord &record, std::vector<StageOutput> &out) override;
    void poll(std::vector<StageOutput> &out) override;
    bool wantsIdlePolls() const override { return true; }
    bool isSettled() const override { return !m_hasBatch && m_outbox->isSettled(); }

private:
    std::shared_ptr<AiServices> m_ai;
    std::vector<Commentary> m_batch; // embedded together, once per poll
    std::atomic<bool> m_hasBatch{false};
    std::shared_ptr<StageOutbox> m_outbox; // no outputs: counts the work under way
};

class AskEmbedProcessor : public StageProcessor {
public:
    explicit AskEmbedProcessor(std::shared_ptr<AiServices> ai);
    std::optional<QString> process(const KafkaRecord &record, std::vector<StageOutput> &out) override;
    void poll(std::vector<StageOutput> &out) override;
    bool wantsIdlePolls() const override { return true; }
    bool isSettled() const override { return m_outbox->isSettled(); }

private:
    std::shared_ptr<AiServices> m_ai;
    std::shared_ptr<StageOutbox> m_outbox;
};

class AskSearchProcessor : public StageProcessor {
public:
    static constexpr int kTopK = 5; // the demo's VECTOR_SEARCH_AGG(..., 5)

    explicit AskSearchProcessor(std::shared_ptr<AiServices> ai);
    std::optional<QString> process(const KafkaRecord &record, std::vector<StageOutput> &out) override;
    void poll(std::vector<StageOutput> &out) override;
    bool wantsIdlePolls() const override { return true; }
    bool isSettled() const override { return m_outbox->isSettled(); }

private:
    std::shared_ptr<AiServices> m_ai;
    std::shared_ptr<StageOutbox> m_outbox;
};

// The prompt for a grounded answer: the question, the matches and the live race state
// (empty when no race runs), nothing else.
ai::LlmRequest askAnswerRequest(const QString &question, const QVector<CommentaryMatch> &matches, const QString &raceState);

} // namespace pitwall
