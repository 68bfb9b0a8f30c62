#pragma once
// The commentary agent, a pipeline stage: reads the enriched positions, the race events
// and the telemetry anomalies; chooses the moments that deserve words; gathers a short
// window of them into one LLM call (through the governor) and writes f1-commentary with
// the demo's fields plus the source and the moments each line tells. Lines are checked
// against the race; when the model is late, fails or contradicts the facts, the offline
// commentator speaks instead (marked), so the feed never stops.

#include "aiservices/AiServices.h"
#include "StageProcessor.h"
#include "ai/OfflineCommentator.h"

#include <QElapsedTimer>
#include <atomic>
#include <map>

namespace pitwall {

class CommentaryAgentProcessor : public StageProcessor {
public:
    explicit CommentaryAgentProcessor(std::shared_ptr<AiServices> ai);
    ~CommentaryAgentProcessor() override;

    std::optional<QString> process(const KafkaRecord &record, std::vector<StageOutput> &out) override;
    void poll(std::vector<StageOutput> &out) override;
    bool wantsIdlePolls() const override { return true; }
    bool isSettled() const override { return m_settled; }

private:
    struct Job {
        std::vector<std::vector<ai::RaceMoment>> groups;
        qint64 deadlineMs = 0;
    };
    struct AnswerBox; // answers from the AI thread, collected here

    void closeWindow(std::vector<StageOutput> &out);
    void collectAnswers(std::vector<StageOutput> &out);
    void publishModelAnswer(const Job &job, const QString &answer, std::vector<StageOutput> &out);
    void fallBack(const std::vector<std::vector<ai::RaceMoment>> &groups, const QString &reason, std::vector<StageOutput> &out);
    void emitLine(const ai::CommentaryLine &line, const std::vector<ai::RaceMoment> &group, const QString &source,
                  std::vector<StageOutput> &out);

    std::shared_ptr<AiServices> m_ai;
    ai::MomentSelector m_selector;
    ai::RaceFacts m_facts;
    ai::OfflineCommentator m_offline;
    QString m_raceId;
    std::vector<ai::RaceMoment> m_window;
    qint64 m_windowOpenedMs = 0;
    std::map<int, Job> m_waiting;
    int m_nextJob = 0;
    quint64 m_lineNumber = 0;
    std::shared_ptr<AnswerBox> m_answers;
    QElapsedTimer m_clock;
    std::atomic<bool> m_settled{true};
};

} // namespace pitwall
