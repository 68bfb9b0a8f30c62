// The race engineer (tool calling) during a simulated race, against fake OpenAI and
// Bedrock endpoints that ask for tools the way the real APIs do: the tools run on the
// live race, their results go back to the model, and the answer comes from them.
#include "../support/FakeHttpServer.h"
#include "context/RaceContext.h"
#include "core/Grid.h"
#include "mcp/McpTools.h"
#include "engineer/RaceEngineer.h"
#include "aiservices/AiServices.h"
#include "pipeline/RaceSession.h"
#include "stream/KafkaEndpoint.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace pitwall;
using namespace pitwall::test;

namespace {

QJsonObject parsed(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// An OpenAI chat answer: tool calls (name -> arguments) or text.
QByteArray openAiAnswer(const QList<QPair<QString, QJsonObject>> &calls, const QString &text = {})
{
    QJsonArray toolCalls;
    int n = 0;
    for (const auto &[name, arguments] : calls)
        toolCalls.append(QJsonObject{{"id", QStringLiteral("call_%1_%2").arg(name).arg(++n)},
                                     {"type", "function"},
                                     {"function", QJsonObject{{"name", name}, {"arguments", QString::fromUtf8(compact(arguments))}}}});
    QJsonObject message{{"role", "assistant"}, {"content", text.isEmpty() ? QJsonValue() : QJsonValue(text)}};
    if (!toolCalls.isEmpty())
        message.insert("tool_calls", toolCalls);
    return compact(
        {{"id", "chatcmpl-1"},
         {"object", "chat.completion"},
         {"model", "fake-gpt"},
         {"choices",
          QJsonArray{QJsonObject{{"index", 0}, {"message", message}, {"finish_reason", toolCalls.isEmpty() ? "stop" : "tool_calls"}}}},
         {"usage", QJsonObject{{"prompt_tokens", 300}, {"completion_tokens", 20}}}});
}

QByteArray converseAnswer(const QList<QPair<QString, QJsonObject>> &calls, const QString &text = {})
{
    QJsonArray content;
    if (!text.isEmpty())
        content.append(QJsonObject{{"text", text}});
    int n = 0;
    for (const auto &[name, input] : calls)
        content.append(QJsonObject{
            {"toolUse", QJsonObject{{"toolUseId", QStringLiteral("tooluse_%1").arg(++n)}, {"name", name}, {"input", input}}}});
    return compact({{"output", QJsonObject{{"message", QJsonObject{{"role", "assistant"}, {"content", content}}}}},
                    {"stopReason", calls.isEmpty() ? "end_turn" : "tool_use"},
                    {"usage", QJsonObject{{"inputTokens", 300}, {"outputTokens", 20}, {"totalTokens", 320}}}});
}

} // namespace

class TestRaceEngineer : public QObject {
    Q_OBJECT

    std::shared_ptr<KafkaEndpoint> m_endpoint;
    std::shared_ptr<AiServices> m_raceAi;
    std::shared_ptr<RaceContext> m_context;
    std::shared_ptr<McpTools> m_tools;
    std::unique_ptr<RaceSession> m_session;

    std::shared_ptr<AiServices> startAi(ai::LlmChoice choice, const QString &baseUrl)
    {
        ai::AiSettings settings;
        settings.llm = choice;
        if (choice == ai::LlmChoice::OpenAi) {
            settings.openai.baseUrl = baseUrl + QStringLiteral("/v1");
            settings.openai.apiKey = QStringLiteral("sk-engineer-test");
            settings.openai.model = QStringLiteral("fake-gpt");
        } else {
            settings.bedrock.region = QStringLiteral("us-east-1");
            settings.bedrock.endpoint = baseUrl;
            settings.bedrock.model = QStringLiteral("anthropic.claude-3-5-sonnet-20240620-v1:0");
            settings.bedrock.credentials = {QStringLiteral("AKIDEXAMPLE"), QStringLiteral("engineer-secret"), {}};
        }
        auto started = AiServices::start(settings);
        if (!started)
            qWarning() << started.error().message;
        return started ? started.value() : nullptr;
    }

    struct Outcome {
        QStringList tools; // name, in order
        QList<bool> toolFailed;
        QString answer;
        QString error;
    };

    Outcome askAndWait(RaceEngineer &engineer, const QString &question)
    {
        Outcome outcome;
        connect(&engineer, &RaceEngineer::toolCalled, this,
                [&outcome](const QString &name, const QJsonObject &, const QString &, bool failed) {
                    outcome.tools << name;
                    outcome.toolFailed << failed;
                });
        QSignalSpy answered(&engineer, &RaceEngineer::answered);
        QSignalSpy failed(&engineer, &RaceEngineer::failed);
        engineer.ask(question);
        (void)QTest::qWaitFor([&] { return answered.count() + failed.count() > 0; }, 30000);
        disconnect(&engineer, &RaceEngineer::toolCalled, this, nullptr);
        if (!answered.isEmpty())
            outcome.answer = answered.first().first().toString();
        if (!failed.isEmpty())
            outcome.error = failed.first().first().toString();
        return outcome;
    }

private slots:
    void initTestCase()
    {
        auto endpoint = KafkaEndpoint::prepare(std::nullopt);
        QVERIFY(endpoint.hasValue());
        m_endpoint = endpoint.value();
        m_raceAi = AiServices::offline();
        m_context = std::make_shared<RaceContext>();
        m_tools = std::make_shared<McpTools>(m_context, McpTools::commentarySearch(m_raceAi, m_context, 5000));

        SessionOptions options;
        options.race.circuitId = QStringLiteral("monza");
        options.race.laps = 8;
        options.race.seed = 5;
        options.speed = 15;
        options.ai = m_raceAi;
        options.context = m_context;
        m_session = std::make_unique<RaceSession>(m_endpoint, Grid::builtIn(), options);
        QSignalSpy started(m_session.get(), &RaceSession::started);
        m_session->start();
        QVERIFY(started.wait(20000));
        // Two laps in, so there are gaps and lap times to ask about.
        QVERIFY(QTest::qWaitFor(
            [this] {
                return m_context->leaderboard().size() == 20 && m_context->leaderboard().at(1).toObject().value("lap").toInt() >= 3;
            },
            90000));
    }

    void cleanupTestCase()
    {
        if (m_session) {
            QSignalSpy stopped(m_session.get(), &RaceSession::stopped);
            m_session->stop();
            stopped.wait(30000);
        }
    }

    // OpenAI: the model reads the leaderboard, then asks for the gap between the first
    // two, then answers from the gap it was given.
    void openAiCallsToolsOverRounds()
    {
        QJsonObject gapGiven;
        FakeHttpServer server([&gapGiven](const FakeRequest &request) {
            const auto body = parsed(request.body);
            const auto messages = body.value("messages").toArray();
            const auto last = messages.last().toObject();
            if (last.value("role").toString() == QLatin1String("user"))
                return FakeResponse::json(200, openAiAnswer({{"get_leaderboard", {}}}));
            const auto content = QJsonDocument::fromJson(last.value("content").toString().toUtf8()).object();
            if (content.contains("leaderboard")) {
                const auto rows = content.value("leaderboard").toArray();
                return FakeResponse::json(
                    200, openAiAnswer({{"get_gap", QJsonObject{{"driver_a", rows.at(0).toObject().value("driver_name")},
                                                               {"driver_b", rows.at(1).toObject().value("driver_name")}}}}));
            }
            gapGiven = content;
            return FakeResponse::json(200, openAiAnswer({}, QStringLiteral("The gap is %1 s; %2 is faster.")
                                                                .arg(content.value("gap_s").toDouble())
                                                                .arg(content.value("faster_recently").toString())));
        });
        auto ai = startAi(ai::LlmChoice::OpenAi, server.baseUrl());
        QVERIFY(ai);
        RaceEngineer engineer(ai, m_tools);
        QVERIFY(engineer.unavailableReason().isEmpty());
        const auto outcome = askAndWait(engineer, QStringLiteral("What's the gap between the first two, and who is faster?"));
        QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
        QCOMPARE(outcome.tools, (QStringList{"get_leaderboard", "get_gap"}));
        QCOMPARE(outcome.toolFailed, (QList<bool>{false, false}));
        // The gap the model got is the race's: two real drivers, a number, a faster one.
        QVERIFY(gapGiven.value("gap_s").isDouble());
        QVERIFY(gapGiven.value("gap_s").toDouble() >= 0);
        QVERIFY(m_context->resolveDriver(gapGiven.value("faster_recently").toString()).has_value());
        QCOMPARE(outcome.answer, QStringLiteral("The gap is %1 s; %2 is faster.")
                                     .arg(gapGiven.value("gap_s").toDouble())
                                     .arg(gapGiven.value("faster_recently").toString()));

        // What went over the wire: the tools with their schemas, the calls echoed with their ids.
        QCOMPARE(server.requests().size(), 3);
        const auto first = parsed(server.requests().at(0).body);
        const auto tools = first.value("tools").toArray();
        QCOMPARE(tools.size(), m_tools->definitions().size());
        QCOMPARE(tools.first().toObject().value("type").toString(), QStringLiteral("function"));
        QCOMPARE(tools.first().toObject().value("function").toObject().value("parameters").toObject(),
                 m_tools->definitions().first().toObject().value("inputSchema").toObject());
        QCOMPARE(first.value("messages").toArray().first().toObject().value("role").toString(), QStringLiteral("system"));
        const auto third = parsed(server.requests().at(2).body).value("messages").toArray();
        // system, user, assistant(tool_calls), tool, assistant(tool_calls), tool
        QCOMPARE(third.size(), 6);
        const auto assistant = third.at(4).toObject();
        QCOMPARE(assistant.value("role").toString(), QStringLiteral("assistant"));
        const QString callId = assistant.value("tool_calls").toArray().first().toObject().value("id").toString();
        QCOMPARE(third.at(5).toObject().value("tool_call_id").toString(), callId);
        QCOMPARE(server.requests().at(0).header("Authorization"), QByteArray("Bearer sk-engineer-test"));

        // A follow-up continues the conversation.
        const auto followUp = askAndWait(engineer, QStringLiteral("And now?"));
        QVERIFY2(followUp.error.isEmpty(), qPrintable(followUp.error));
        const auto fourth = parsed(server.requests().at(3).body).value("messages").toArray();
        QCOMPARE(fourth.size(), 8); // the first exchange, its answer, the new question
        QCOMPARE(fourth.at(6).toObject().value("content").toString(), outcome.answer);
    }

    // Bedrock Converse: toolConfig out, toolUse back, toolResult (with status) out.
    void bedrockToolUse()
    {
        QJsonObject resultGiven;
        FakeHttpServer server([&resultGiven](const FakeRequest &request) {
            if (!request.header("Authorization").startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"))
                return FakeResponse::json(403, "{\"message\":\"unsigned\"}");
            const auto messages = parsed(request.body).value("messages").toArray();
            const auto content = messages.last().toObject().value("content").toArray();
            const auto toolResult = content.first().toObject().value("toolResult").toObject();
            if (toolResult.isEmpty())
                return FakeResponse::json(200, converseAnswer(
                                                   {{"get_race_events", QJsonObject{{"since", 0}}}, {"get_pit_wall_coffee", {}}}));
            resultGiven = QJsonObject{{"first", content.at(0).toObject().value("toolResult")},
                                      {"second", content.at(1).toObject().value("toolResult")}};
            return FakeResponse::json(200, converseAnswer({}, QStringLiteral("Nothing unusual.")));
        });
        auto ai = startAi(ai::LlmChoice::Bedrock, server.baseUrl());
        QVERIFY(ai);
        RaceEngineer engineer(ai, m_tools);
        const auto outcome = askAndWait(engineer, QStringLiteral("Anything happen so far?"));
        QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
        QCOMPARE(outcome.answer, QStringLiteral("Nothing unusual."));
        // Both calls ran; the unknown tool is an error the model is told about, not a crash.
        QCOMPARE(outcome.tools, (QStringList{"get_race_events", "get_pit_wall_coffee"}));
        QCOMPARE(outcome.toolFailed, (QList<bool>{false, true}));
        const auto first = resultGiven.value("first").toObject();
        const auto second = resultGiven.value("second").toObject();
        QCOMPARE(first.value("toolUseId").toString(), QStringLiteral("tooluse_1"));
        QCOMPARE(first.value("status").toString(), QStringLiteral("success"));
        QVERIFY(first.value("content").toArray().first().toObject().value("json").toObject().contains("events"));
        QCOMPARE(second.value("status").toString(), QStringLiteral("error"));
        QVERIFY(second.value("content").toArray().first().toObject().value("json").toObject().value("error").toString().contains(
            "unknown tool"));

        const auto request = parsed(server.requests().first().body);
        const auto toolSpec = request.value("toolConfig").toObject().value("tools").toArray().first().toObject().value("toolSpec").toObject();
        QCOMPARE(toolSpec.value("inputSchema").toObject().value("json").toObject(),
                 m_tools->definitions().first().toObject().value("inputSchema").toObject());
        QVERIFY(server.requests().first().target.endsWith("/converse"));
    }

    // Bad arguments from the model go back to it as a tool error; a model that never
    // stops calling tools is cut off with a message; a failing endpoint is said plainly.
    void misbehavingModels()
    {
        int calls = 0;
        FakeHttpServer server([&calls](const FakeRequest &) {
            ++calls;
            QJsonObject call{{"id", QStringLiteral("c%1").arg(calls)},
                             {"type", "function"},
                             {"function", QJsonObject{{"name", "get_driver"}, {"arguments", "[not json"}}}};
            return FakeResponse::json(
                200, compact({{"model", "fake-gpt"},
                              {"choices", QJsonArray{QJsonObject{
                                              {"message", QJsonObject{{"role", "assistant"}, {"tool_calls", QJsonArray{call}}}}}}}}));
        });
        auto ai = startAi(ai::LlmChoice::OpenAi, server.baseUrl());
        QVERIFY(ai);
        RaceEngineer engineer(ai, m_tools);
        const auto looping = askAndWait(engineer, QStringLiteral("Tell me about the leader"));
        QVERIFY(looping.answer.isEmpty());
        QVERIFY2(looping.error.contains(QString::number(RaceEngineer::kMaxRounds)), qPrintable(looping.error));
        QCOMPARE(calls, RaceEngineer::kMaxRounds);
        QCOMPARE(looping.toolFailed.count(true), RaceEngineer::kMaxRounds - 1);
        const auto body = parsed(server.requests().at(1).body).value("messages").toArray();
        QVERIFY(body.last().toObject().value("content").toString().contains("JSON object"));

        server.setHandler([](const FakeRequest &) {
            return FakeResponse::json(401, "{\"error\":{\"message\":\"Incorrect API key\",\"code\":\"invalid_api_key\"}}");
        });
        const auto refused = askAndWait(engineer, QStringLiteral("Who leads?"));
        QVERIFY2(refused.error.contains("API key"), qPrintable(refused.error));
        QVERIFY(!refused.error.contains("sk-engineer-test"));
    }

    void noLlmSaysWhatToConfigure()
    {
        RaceEngineer engineer(m_raceAi, m_tools);
        QVERIFY(!engineer.unavailableReason().isEmpty());
        const auto outcome = askAndWait(engineer, QStringLiteral("Who leads?"));
        QVERIFY(outcome.answer.isEmpty());
        QVERIFY(outcome.error.contains("--llm bedrock"));
        QVERIFY(outcome.error.contains("OPENAI_API_KEY"));
    }
};

QTEST_GUILESS_MAIN(TestRaceEngineer)
#include "tst_raceengineer.moc"
