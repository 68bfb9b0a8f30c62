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

// A stage whose work runs on the AI thread: it holds the services and the outbox that
// work's results come back through, drained by each poll (idle ones too).
class AiStageProcessor : public StageProcessor {
public:
    explicit AiStageProcessor(std::shared_ptr<AiServices> ai);
    void poll(std::vector<StageOutput> &out) override;
    bool wantsIdlePolls() const override { return true; }
    bool isSettled() const override { return m_outbox->isSettled(); }

protected:
    std::shared_ptr<AiServices> m_ai;
    std::shared_ptr<StageOutbox> m_outbox;
};

class CommentaryIndexProcessor : public AiStageProcessor {
public:
    using AiStageProcessor::AiStageProcessor;
    std::optional<QString> process(const KafkaRecord &record, std::vector<StageOutput> &out) override;
    // Sends the lines gathered since the last poll to be embedded; the outbox, which gets
    // no outputs here, counts the work under way.
    void poll(std::vector<StageOutput> &out) override;
    bool isSettled() const override { return !m_hasBatch && AiStageProcessor::isSettled(); }

private:
    std::vector<Commentary> m_batch; // embedded together, once per poll
    std::atomic<bool> m_hasBatch{false};
};

class AskEmbedProcessor : public AiStageProcessor {
public:
    using AiStageProcessor::AiStageProcessor;
    std::optional<QString> process(const KafkaRecord &record, std::vector<StageOutput> &out) override;
};

class AskSearchProcessor : public AiStageProcessor {
public:
    static constexpr int kTopK = 5; // the demo's VECTOR_SEARCH_AGG(..., 5)

    using AiStageProcessor::AiStageProcessor;
    std::optional<QString> process(const KafkaRecord &record, std::vector<StageOutput> &out) override;
};

// The prompt for a grounded answer: the question, the matches and the live race state
// (empty when no race runs), nothing else.
ai::LlmRequest askAnswerRequest(const QString &question, const QVector<CommentaryMatch> &matches, const QString &raceState);

} // namespace pitwall
