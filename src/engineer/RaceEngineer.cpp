#include "RaceEngineer.h"

#include "mcp/McpTools.h"
#include "aiservices/AiServices.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QThreadPool>

namespace pitwall {

namespace {

const QString kSystemPrompt = QStringLiteral(
    "You are the race engineer on a Formula 1 pit wall, answering the team's questions about the race that is running "
    "now. Get every number from the tools (leaderboard, driver telemetry and laps, gaps, anomalies, race events, "
    "commentary search); never guess one. Refer to drivers by name. Answer in at most four short sentences; say when "
    "the data does not answer the question.");

// Runs `work` on `receiver`'s thread, unless the receiver is gone.
void deliver(const std::shared_ptr<QObject> &receiver, std::function<void()> work)
{
    QMetaObject::invokeMethod(receiver.get(), std::move(work), Qt::QueuedConnection);
}

ai::LlmToolResult runTool(const McpTools &tools, const ai::LlmToolCall &call)
{
    if (!call.inputError.isEmpty())
        return {call.id, QJsonObject{{"error", call.inputError}}, true};
    auto result = tools.call(call.name, call.input);
    if (!result)
        return {call.id, QJsonObject{{"error", result.error().message}}, true};
    const QByteArray json = QJsonDocument(result.value()).toJson(QJsonDocument::Compact);
    if (json.size() > RaceEngineer::kMaxResultChars)
        return {call.id,
                QJsonObject{{"truncated", true},
                            {"note", QStringLiteral("the result was too long; ask for fewer items (k, laps, since)")},
                            {"excerpt", QString::fromUtf8(json.left(RaceEngineer::kMaxResultChars))}},
                false};
    return {call.id, result.value(), false};
}

} // namespace

QString describeToolResult(const QString &tool, const ai::LlmToolResult &result)
{
    const auto &content = result.content;
    if (result.isError)
        return RaceEngineer::tr("error: %1").arg(content.value(QLatin1String("error")).toString());
    if (content.value(QLatin1String("truncated")).toBool())
        return RaceEngineer::tr("a long result, cut to %1 characters").arg(RaceEngineer::kMaxResultChars);
    // The first array in the result says how much came back; otherwise its fields.
    for (auto it = content.begin(); it != content.end(); ++it)
        if (it.value().isArray()) {
            const auto count = it.value().toArray().size();
            return count == 1 ? RaceEngineer::tr("%1: 1 item").arg(it.key()) : RaceEngineer::tr("%1: %2 items").arg(it.key()).arg(count);
        }
    QStringList fields = content.keys();
    if (fields.size() > 6)
        fields = fields.mid(0, 6) << QStringLiteral("…");
    return tool + QStringLiteral(": ") + fields.join(QStringLiteral(", "));
}

RaceEngineer::RaceEngineer(std::shared_ptr<AiServices> ai, std::shared_ptr<McpTools> tools, QObject *parent)
    : QObject(parent)
    , m_ai(std::move(ai))
    , m_tools(std::move(tools))
    , m_receiver(new QObject, [](QObject *object) { object->deleteLater(); })
{
    for (const auto &value : m_tools->definitions()) {
        const auto definition = value.toObject();
        m_toolSpecs.append({definition.value(QLatin1String("name")).toString(), definition.value(QLatin1String("description")).toString(),
                            definition.value(QLatin1String("inputSchema")).toObject()});
    }
}

RaceEngineer::~RaceEngineer() = default;

QString RaceEngineer::unavailableReason() const
{
    if (m_ai && m_ai->hasLlm() && m_ai->governor())
        return {};
    return tr("The race engineer needs a language model that can call tools. Start Pit Wall with --llm bedrock "
              "(with AWS_REGION, AWS credentials or a profile, and --llm-model) or --llm openai (with OPENAI_API_KEY, "
              "or --llm-endpoint for a compatible server), or save one in the AI settings.");
}

void RaceEngineer::startOver()
{
    if (!m_busy)
        m_conversation.clear();
}

void RaceEngineer::ask(const QString &question)
{
    const QString text = question.simplified();
    if (m_busy) {
        emit failed(tr("The race engineer is still answering the last question."));
        return;
    }
    if (text.isEmpty()) {
        emit failed(tr("Type a question first."));
        return;
    }
    if (const QString reason = unavailableReason(); !reason.isEmpty()) {
        emit failed(reason);
        return;
    }
    m_busy = true;
    m_conversation.append({ai::LlmMessage::Role::User, text, {}, {}});
    callModel(1);
}

void RaceEngineer::callModel(int round)
{
    ai::LlmRequest request;
    request.system = kSystemPrompt;
    request.messages = m_conversation;
    request.tools = m_toolSpecs;
    request.maxTokens = 600;
    request.temperature = 0.2;
    request.timeoutMs = 30'000;
    QPointer<RaceEngineer> self(this);
    auto receiver = m_receiver;
    auto *governor = m_ai->governor();
    m_ai->post([governor, request, receiver, self, round] {
        governor->submit(request, governor->nowMs() + 60'000, [receiver, self, round](Expected<ai::LlmReply, ai::LlmError> reply) {
            deliver(receiver, [self, round, reply = std::move(reply)] {
                if (!self)
                    return;
                if (!reply)
                    self->finishWithError(tr("The model did not answer: %1").arg(reply.error().message));
                else
                    self->onReply(round, reply.value());
            });
        });
    });
}

void RaceEngineer::onReply(int round, const ai::LlmReply &reply)
{
    m_conversation.append({ai::LlmMessage::Role::Assistant, reply.text, reply.toolCalls, {}});
    if (reply.toolCalls.isEmpty()) {
        m_busy = false;
        emit answered(reply.text.trimmed(), reply.model);
        return;
    }
    if (round >= kMaxRounds) {
        finishWithError(tr("The model was still calling tools after %1 rounds; ask a narrower question.").arg(kMaxRounds));
        return;
    }
    // The tools run off this thread: the commentary search waits for the AI thread.
    QPointer<RaceEngineer> self(this);
    auto receiver = m_receiver;
    auto tools = m_tools;
    const auto calls = reply.toolCalls;
    QThreadPool::globalInstance()->start([tools, calls, receiver, self, round] {
        QList<ai::LlmToolResult> results;
        for (const auto &call : calls)
            results.append(runTool(*tools, call));
        deliver(receiver, [self, round, results] {
            if (self)
                self->onToolResults(round, results);
        });
    });
}

void RaceEngineer::onToolResults(int round, const QList<ai::LlmToolResult> &results)
{
    const auto &calls = m_conversation.last().toolCalls;
    for (int i = 0; i < results.size() && i < calls.size(); ++i)
        emit toolCalled(calls[i].name, calls[i].input, describeToolResult(calls[i].name, results[i]), results[i].isError);
    m_conversation.append({ai::LlmMessage::Role::User, {}, {}, results});
    callModel(round + 1);
}

void RaceEngineer::finishWithError(const QString &message)
{
    // The unanswered question leaves the conversation, so the next one starts clean.
    while (!m_conversation.isEmpty()) {
        const bool question = m_conversation.last().role == ai::LlmMessage::Role::User && m_conversation.last().toolResults.isEmpty();
        m_conversation.removeLast();
        if (question)
            break;
    }
    m_busy = false;
    emit failed(message);
}

} // namespace pitwall
