#include "CommentaryStage.h"

#include "ai/CommentaryPrompt.h"
#include "ai/GroundingCheck.h"
#include "core/JsonCodec.h"
#include "core/Topics.h"

#include <QDateTime>
#include <QMutex>

namespace pitwall {

using namespace codec;

namespace {
// A window never holds more than this many moments: a burst is told in several calls.
constexpr size_t kMaxMomentsPerCall = 12;
} // namespace

struct CommentaryAgentProcessor::AnswerBox {
    QMutex mutex;
    std::vector<std::pair<int, Expected<ai::LlmReply, ai::LlmError>>> answers;
};

CommentaryAgentProcessor::CommentaryAgentProcessor(std::shared_ptr<AiServices> ai)
    : m_ai(std::move(ai))
    , m_selector(m_ai->settings().filter)
    , m_answers(std::make_shared<AnswerBox>())
{
    m_clock.start();
}

CommentaryAgentProcessor::~CommentaryAgentProcessor() = default;

std::optional<QString> CommentaryAgentProcessor::process(const KafkaRecord &record, std::vector<StageOutput> &out)
{
    const qint64 wallMs = QDateTime::currentMSecsSinceEpoch();
    std::vector<ai::RaceMoment> moments;
    // The inputs and events name the race told; an anomaly alone does not change it.
    const auto take = [&](const auto &decoded, bool namesTheRace) -> std::optional<QString> {
        if (!decoded)
            return decoded.error().describe();
        if (namesTheRace)
            m_raceId = decoded->raceId;
        moments = m_selector.take(decoded.value(), m_facts, wallMs);
        return std::nullopt;
    };
    std::optional<QString> error;
    if (record.topic == QLatin1String(topics::kCommentaryInput))
        error = take(decodeCommentaryInput(record.value), true);
    else if (record.topic == QLatin1String(topics::kRaceEvents))
        error = take(decodeRaceEvent(record.value), true);
    else if (record.topic == QLatin1String(topics::kTelemetryAnomalies))
        error = take(decodeTelemetryAnomaly(record.value), false);
    else
        return QStringLiteral("the commentary agent does not read %1").arg(record.topic);
    if (error)
        return error;
    if (!moments.empty()) {
        if (m_window.empty())
            m_windowOpenedMs = m_clock.elapsed();
        m_window.insert(m_window.end(), moments.begin(), moments.end());
        if (m_window.size() >= kMaxMomentsPerCall)
            closeWindow(out);
    }
    m_settled = m_window.empty() && m_waiting.empty();
    return std::nullopt;
}

void CommentaryAgentProcessor::poll(std::vector<StageOutput> &out)
{
    const qint64 now = m_clock.elapsed();
    if (!m_window.empty() && now - m_windowOpenedMs >= m_ai->settings().windowMs)
        closeWindow(out);
    collectAnswers(out);
    // A model that has not answered by the deadline is not waited for.
    for (auto it = m_waiting.begin(); it != m_waiting.end();) {
        if (now >= it->second.deadlineMs) {
            fallBack(it->second.groups, QStringLiteral("late"), out);
            it = m_waiting.erase(it);
        } else {
            ++it;
        }
    }
    m_settled = m_window.empty() && m_waiting.empty();
}

void CommentaryAgentProcessor::closeWindow(std::vector<StageOutput> &out)
{
    auto groups = ai::OfflineCommentator::group(m_window);
    m_window.clear();
    m_ai->setRaceState(m_facts.summary());
    if (!m_ai->hasLlm()) {
        for (const auto &group : groups)
            emitLine(m_offline.writeGroup(group), group, QStringLiteral("offline"), out);
        m_ai->countLines(0, int(groups.size()));
        return;
    }
    const int jobId = m_nextJob++;
    const int budgetMs = m_ai->settings().llmDeadlineMs;
    const auto request = ai::commentaryRequest(groups, m_facts);
    m_waiting.emplace(jobId, Job{std::move(groups), m_clock.elapsed() + budgetMs});
    // The answer box outlives this processor if the stage restarts meanwhile.
    std::weak_ptr<AnswerBox> box = m_answers;
    AiServices *services = m_ai.get();
    m_ai->post([services, request, budgetMs, jobId, box] {
        auto *governor = services->governor();
        // A little less than the stage waits, so a late answer is a timeout here, not a race.
        governor->submit(request, governor->nowMs() + budgetMs - 100, [jobId, box](Expected<ai::LlmReply, ai::LlmError> reply) {
            if (auto answers = box.lock()) {
                QMutexLocker lock(&answers->mutex);
                answers->answers.emplace_back(jobId, std::move(reply));
            }
        });
    });
}

void CommentaryAgentProcessor::collectAnswers(std::vector<StageOutput> &out)
{
    std::vector<std::pair<int, Expected<ai::LlmReply, ai::LlmError>>> answers;
    {
        QMutexLocker lock(&m_answers->mutex);
        answers.swap(m_answers->answers);
    }
    for (auto &[jobId, reply] : answers) {
        const auto job = m_waiting.find(jobId);
        if (job == m_waiting.end())
            continue; // already told by the offline commentator
        if (reply)
            publishModelAnswer(job->second, reply.value().text, out);
        else
            fallBack(job->second.groups, ai::llmErrorKindName(reply.error().kind), out);
        m_waiting.erase(job);
    }
}

void CommentaryAgentProcessor::publishModelAnswer(const Job &job, const QString &answer, std::vector<StageOutput> &out)
{
    const auto lines = ai::parseNumberedLines(answer);
    int byModel = 0;
    for (size_t i = 0; i < job.groups.size(); ++i) {
        const auto &group = job.groups[i];
        const auto line = lines.find(int(i) + 1);
        if (line == lines.end()) {
            fallBack({group}, QStringLiteral("no line"), out);
            continue;
        }
        if (const auto wrong = ai::GroundingCheck::contradiction(line->second, m_facts, group)) {
            m_ai->governor()->countGroundingRejection();
            fallBack({group}, QStringLiteral("grounding"), out);
            continue;
        }
        ai::CommentaryLine written = m_offline.writeGroup(group); // its type and covers; the model's words
        written.text = line->second;
        emitLine(written, group, m_ai->llmLabel(), out);
        ++byModel;
    }
    m_ai->countLines(byModel, 0);
}

void CommentaryAgentProcessor::fallBack(const std::vector<std::vector<ai::RaceMoment>> &groups, const QString &reason,
                                        std::vector<StageOutput> &out)
{
    for (const auto &group : groups)
        emitLine(m_offline.writeGroup(group), group, QStringLiteral("offline (fallback: %1)").arg(reason), out);
    m_ai->countLines(0, int(groups.size()));
    if (auto *governor = m_ai->governor())
        governor->countFallbacks(int(groups.size()));
}

void CommentaryAgentProcessor::emitLine(const ai::CommentaryLine &line, const std::vector<ai::RaceMoment> &group,
                                        const QString &source, std::vector<StageOutput> &out)
{
    Commentary commentary;
    qint64 latest = 0;
    QString subject;
    for (const auto &moment : group) {
        latest = std::max(latest, moment.raceTimestampMs);
        if (subject.isEmpty())
            subject = ai::RaceFacts::surname(moment.driver);
    }
    // The demo's id: 'comment-' || timestamp || '-' || name; a counter keeps ids unique.
    commentary.id = QStringLiteral("comment-%1-%2-%3").arg(latest).arg(subject.isEmpty() ? QStringLiteral("race") : subject).arg(++m_lineNumber);
    commentary.message = line.text;
    commentary.timestampMs = latest;
    commentary.type = line.type;
    commentary.source = source;
    commentary.eventIds = line.covers;
    commentary.raceId = m_raceId;
    out.push_back({topics::kCommentary, m_raceId.toUtf8(), encode(commentary)});
}

} // namespace pitwall
