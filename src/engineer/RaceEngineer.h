#pragma once
// The race engineer: a chat in which the configured LLM answers questions about the live
// race by calling the MCP tools (Bedrock Converse toolUse, OpenAI tools). The model's
// calls go through the governor on the AI thread; the tools run on a pool thread (the
// commentary search waits for the AI thread); the signals arrive on this object's thread.

#include "ai/LlmTypes.h"

#include <QObject>
#include <memory>

namespace pitwall {

class AiServices;
class McpTools;

class RaceEngineer : public QObject {
    Q_OBJECT
public:
    RaceEngineer(std::shared_ptr<AiServices> ai, std::shared_ptr<McpTools> tools, QObject *parent = nullptr);
    ~RaceEngineer() override;

    // What to configure when there is no LLM; empty when the engineer can answer.
    QString unavailableReason() const;
    bool isBusy() const { return m_busy; }

    // Continues the conversation with a question; answered() or failed() follows.
    void ask(const QString &question);
    void startOver();

    static constexpr int kMaxRounds = 6;          // model calls per question
    static constexpr int kMaxResultChars = 12000; // a tool result larger than this is cut

signals:
    void toolCalled(const QString &name, const QJsonObject &arguments, const QString &outcome, bool failed);
    void answered(const QString &text, const QString &model);
    void failed(const QString &message);

private:
    void callModel(int round);
    void onReply(int round, const ai::LlmReply &reply);
    void onToolResults(int round, const QList<ai::LlmToolResult> &results);
    void finishWithError(const QString &message);

    std::shared_ptr<AiServices> m_ai;
    std::shared_ptr<McpTools> m_tools;
    QList<ai::LlmTool> m_toolSpecs;
    QList<ai::LlmMessage> m_conversation;
    bool m_busy = false;
    // Receives the other threads' answers; deleted on its own thread after the last one.
    std::shared_ptr<QObject> m_receiver;
};

// One line saying what a tool's result holds ("leaderboard: 20 cars", "error: …").
QString describeToolResult(const QString &tool, const ai::LlmToolResult &result);

} // namespace pitwall
