// The commentary agent in a whole headless race against a fake LLM endpoint (OpenAI
// and Bedrock shapes): lines by the model reach f1-commentary, a line that contradicts
// the race is refused and replaced, a dead endpoint falls back, the usage is in the
// summary, `pitwall ask` finds the lines, and no secret is written anywhere.
#include "../support/FakeCommentator.h"
#include "../support/FakeHttpServer.h"
#include "ai/Embedder.h"
#include "vector/MongoVectorStore.h"
#include "core/Grid.h"
#include "aiservices/AiServices.h"
#include "pipeline/AskClient.h"
#include "pipeline/RaceSession.h"
#include "stream/KafkaEndpoint.h"

#include <QSignalSpy>
#include <QtConcurrent/QtConcurrentRun>

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using pitwall::test::FakeHttpServer;
using pitwall::test::FakeRequest;
using pitwall::test::FakeResponse;

namespace {

const QString kOpenAiKey = QStringLiteral("sk-test-DO-NOT-PRINT-4f9a1c");
const QString kAwsSecret = QStringLiteral("aws-secret-DO-NOT-PRINT-77d2e0");

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject summary;
};

// Every third call's first line is one the race contradicts.
QString answerFor(const QString &prompt, int call)
{
    return pitwall::test::fakeCommentaryAnswer(prompt, call % 3 == 0);
}

} // namespace

class TestCommentaryAgent : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;

    Run pitwall(const QStringList &arguments, const QProcessEnvironment &extra)
    {
        QProcess process;
        auto environment = QProcessEnvironment::systemEnvironment();
        for (const auto &name : {"OPENAI_API_KEY", "OPENAI_BASE_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                                 "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "MONGODB_URI"})
            environment.remove(QString::fromLatin1(name));
        environment.insert(QStringLiteral("HOME"), m_home.path());
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.path());
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path());
        environment.remove(QStringLiteral("DISPLAY"));
        environment.insert(extra);
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(PITWALL_BINARY), arguments);
        Run run;
        // The fake server lives in this process: keep its event loop turning while we wait.
        (void)QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 120000);
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
        }
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        const auto lines = run.out.trimmed().split('\n');
        run.summary = QJsonDocument::fromJson(lines.last()).object();
        return run;
    }

    // Everything the app wrote: its output and every file under its home.
    void verifyNoSecretWritten(const Run &run)
    {
        for (const auto &secret : {kOpenAiKey, kAwsSecret}) {
            QVERIFY2(!run.out.contains(secret.toUtf8()) && !run.err.contains(secret.toUtf8()), "a secret in the output");
            QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                QVERIFY(file.open(QIODevice::ReadOnly));
                QVERIFY2(!file.readAll().contains(secret.toUtf8()), qPrintable(file.fileName()));
            }
        }
    }

private slots:
    void initTestCase() { QVERIFY(m_home.isValid()); }

    void openAiCommentaryInAHeadlessRace()
    {
        int calls = 0;
        FakeHttpServer server([&](const FakeRequest &request) {
            const auto messages = QJsonDocument::fromJson(request.body).object().value("messages").toArray();
            const QString prompt = messages.last().toObject().value("content").toString();
            // A question for the ask panel, or a window of moments.
            const QString content = prompt.contains(QLatin1String("\nQuestion: "))
                                        ? QStringLiteral("The commentary was full of great moments.")
                                        : answerFor(prompt, ++calls);
            const QJsonObject answer{{"id", "c"},
                                     {"object", "chat.completion"},
                                     {"model", "fake-model"},
                                     {"choices",
                                      QJsonArray{QJsonObject{{"index", 0},
                                                             {"finish_reason", "stop"},
                                                             {"message", QJsonObject{{"role", "assistant"}, {"content", content}}}}}},
                                     {"usage", QJsonObject{{"prompt_tokens", 200}, {"completion_tokens", 30}, {"total_tokens", 230}}}};
            return FakeResponse::json(200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
        });
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("OPENAI_API_KEY"), kOpenAiKey);
        const auto run = pitwall({QStringLiteral("--headless"), QStringLiteral("--laps"), QStringLiteral("4"), QStringLiteral("--speed"),
                                  QStringLiteral("max"), QStringLiteral("--seed"), QStringLiteral("11"), QStringLiteral("--llm"),
                                  QStringLiteral("openai"), QStringLiteral("--llm-model"), QStringLiteral("fake-model"),
                                  QStringLiteral("--llm-endpoint"), server.baseUrl() + QStringLiteral("/v1")},
                                 environment);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const auto llm = run.summary.value("llm").toObject();
        QCOMPARE(llm.value("model").toString(), QStringLiteral("fake-model"));
        QVERIFY2(llm.value("calls").toInt() >= 2, run.out.constData());
        QCOMPARE(llm.value("calls").toInt(), calls);
        QCOMPARE(llm.value("tokens_in").toInt(), 200 * calls);
        QCOMPARE(llm.value("tokens_out").toInt(), 30 * calls);
        QVERIFY(llm.value("lines_by_model").toInt() > 0);
        // The contradicting lines were refused and told offline instead.
        QVERIFY2(llm.value("grounding_rejections").toInt() >= 1, run.out.constData());
        QVERIFY(llm.value("fallbacks").toInt() >= llm.value("grounding_rejections").toInt());
        QCOMPARE(run.summary.value("topics").toObject().value("f1-commentary").toInt(),
                 llm.value("lines_by_model").toInt() + llm.value("lines_offline").toInt());
        QCOMPARE(llm.value("indexed").toInt(), run.summary.value("topics").toObject().value("f1-commentary").toInt());
        // The key went to the endpoint, and nowhere else.
        QCOMPARE(server.requests().first().header("authorization"), "Bearer " + kOpenAiKey.toUtf8());
        verifyNoSecretWritten(run);

        // The lines are searchable by meaning.
        const auto ask = pitwall({QStringLiteral("ask"), QStringLiteral("what a moment"), QStringLiteral("--json")}, {});
        QVERIFY2(ask.exitCode == 0, ask.err.constData());
        const auto results = ask.summary.value("search_results").toArray();
        QCOMPARE(results.size(), 5);
        QCOMPARE(results.first().toObject().value("message").toString(), QStringLiteral("What a moment here!"));
        QCOMPARE(results.first().toObject().value("source").toString(), QStringLiteral("fake-model"));
        QVERIFY(results.first().toObject().value("score").toDouble() > 0.75); // shares one of its two words
        QVERIFY(!ask.summary.contains("answer"));                             // no LLM configured for this ask

        // With the model configured, it writes an answer from the matches.
        const auto answered = pitwall({QStringLiteral("ask"), QStringLiteral("what a moment"), QStringLiteral("--json"),
                                       QStringLiteral("--llm"), QStringLiteral("openai"), QStringLiteral("--llm-endpoint"),
                                       server.baseUrl() + QStringLiteral("/v1")},
                                      environment);
        QVERIFY2(answered.exitCode == 0, answered.err.constData());
        QCOMPARE(answered.summary.value("answer").toString(), QStringLiteral("The commentary was full of great moments."));
        const QString askPrompt = QJsonDocument::fromJson(server.requests().last().body)
                                      .object()
                                      .value("messages")
                                      .toArray()
                                      .last()
                                      .toObject()
                                      .value("content")
                                      .toString();
        QVERIFY(askPrompt.contains(QLatin1String("- What a moment here!")));
        QVERIFY(askPrompt.endsWith(QLatin1String("Question: what a moment")));
        verifyNoSecretWritten(answered);
    }

    void bedrockCommentaryAndADeadEndpointFallsBack()
    {
        int calls = 0;
        FakeHttpServer server([&](const FakeRequest &request) {
            const auto body = QJsonDocument::fromJson(request.body).object();
            const QString prompt =
                body.value("messages").toArray().first().toObject().value("content").toArray().first().toObject().value("text").toString();
            const QJsonObject answer{
                {"output",
                 QJsonObject{{"message", QJsonObject{{"role", "assistant"},
                                                     {"content", QJsonArray{QJsonObject{{"text", answerFor(prompt, ++calls + 1)}}}}}}}},
                {"stopReason", "end_turn"},
                {"usage", QJsonObject{{"inputTokens", 150}, {"outputTokens", 20}, {"totalTokens", 170}}}};
            return FakeResponse::json(200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
        });
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDEXAMPLE"));
        environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), kAwsSecret);
        environment.insert(QStringLiteral("AWS_REGION"), QStringLiteral("us-east-1"));
        const QStringList race{QStringLiteral("--headless"), QStringLiteral("--laps"), QStringLiteral("3"),
                               QStringLiteral("--speed"),    QStringLiteral("max"),    QStringLiteral("--seed"),
                               QStringLiteral("5"),          QStringLiteral("--llm"),  QStringLiteral("bedrock")};
        auto run = pitwall(race + QStringList{QStringLiteral("--llm-endpoint"), server.baseUrl()}, environment);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        auto llm = run.summary.value("llm").toObject();
        QCOMPARE(llm.value("model").toString(), QStringLiteral("us.anthropic.claude-3-5-sonnet-20240620-v1:0"));
        QVERIFY(llm.value("calls").toInt() >= 2);
        QVERIFY(llm.value("lines_by_model").toInt() > 0);
        QVERIFY(llm.value("cost_usd").toDouble() > 0); // Claude 3.5 Sonnet is in the price table
        QVERIFY(server.requests().first().target.startsWith("/model/us.anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse"));
        QVERIFY(server.requests().first().header("authorization").startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
        verifyNoSecretWritten(run);

        // Nobody answers: every line is told offline, marked, and the race goes on.
        quint16 deadPort = 0;
        {
            FakeHttpServer gone([](const FakeRequest &) { return FakeResponse{}; });
            deadPort = gone.port();
        }
        run = pitwall(race + QStringList{QStringLiteral("--llm-endpoint"), QStringLiteral("http://127.0.0.1:%1").arg(deadPort)},
                      environment);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        llm = run.summary.value("llm").toObject();
        QCOMPARE(llm.value("lines_by_model").toInt(), 0);
        QVERIFY(llm.value("lines_offline").toInt() > 5);
        QCOMPARE(llm.value("fallbacks").toInt(), llm.value("lines_offline").toInt());
        QVERIFY(llm.value("last_error").toString().contains(QLatin1String("cannot reach 127.0.0.1")));
        QVERIFY(run.summary.value("topics").toObject().value("f1-commentary").toInt() == llm.value("lines_offline").toInt());
    }

    // Only with a real cluster: MONGODB_URI set, and a vectorSearch index named
    // vector_index on message_embedding (384 dimensions, cosine) with race_id as a filter
    // field, in the database PITWALL_TEST_MONGODB_DATABASE (default pitwall_test).
    void mongoDbAtlasRoundTripWhenConfigured()
    {
        const QString uri = qEnvironmentVariable("MONGODB_URI");
        if (uri.isEmpty())
            QSKIP("MONGODB_URI is not set: no MongoDB Atlas cluster to test against");
        pitwall::ai::MongoSettings settings;
        settings.uri = uri;
        settings.database = qEnvironmentVariable("PITWALL_TEST_MONGODB_DATABASE", QStringLiteral("pitwall_test"));
        pitwall::vector::MongoVectorStore store(settings);
        const auto opened = store.open();
        QVERIFY2(opened.hasValue(), qPrintable(opened.hasValue() ? QString() : opened.error().message));
        const QString race = QStringLiteral("race-test-%1").arg(QDateTime::currentMSecsSinceEpoch());
        const QString line = QStringLiteral("Hamilton pits from P4, hard tyres");
        const auto vector = pitwall::ai::OfflineEmbedder::embedOne(line);
        QVERIFY(store.add({QStringLiteral("c-1"), line, race, 1, QStringLiteral("info"), QStringLiteral("offline")}, vector).hasValue());
        // Atlas indexes new documents within seconds.
        bool found = false;
        for (int attempt = 0; attempt < 60 && !found; ++attempt) {
            const auto matches = store.search(vector, 5, race);
            QVERIFY2(matches.hasValue(), qPrintable(matches.hasValue() ? QString() : matches.error().message));
            found = !matches->empty() && matches->front().line.message == line && matches->front().score > 0.99;
            if (!found)
                QTest::qWait(1000);
        }
        QVERIFY(found);
    }

    // While a race runs, its own pipeline answers questions (the window's Ask panel path).
    void askWhileARaceRuns()
    {
        auto endpoint = pitwall::KafkaEndpoint::prepare(std::nullopt);
        QVERIFY(endpoint.hasValue());
        pitwall::SessionOptions options;
        options.race.laps = 4;
        options.race.seed = 3;
        options.race.telemetryHz = 5;
        options.speed = 1;
        options.ai = pitwall::AiServices::offline();
        pitwall::RaceSession session(endpoint.value(), pitwall::Grid::builtIn(), options);
        QSignalSpy started(&session, &pitwall::RaceSession::started);
        QSignalSpy stopped(&session, &pitwall::RaceSession::stopped);
        session.start();
        QVERIFY(started.wait(20000));
        // The start is told and stored within a second or so.
        QTRY_VERIFY_WITH_TIMEOUT(options.ai->indexed() >= 1, 15000);
        auto answer = QtConcurrent::run([&] {
            return pitwall::askThroughKafka(endpoint.value()->clientConfig(),
                                            pitwall::CommentaryQuery{QStringLiteral("lights out"), {}, session.raceId()}, 15000);
        });
        QTRY_VERIFY_WITH_TIMEOUT(answer.isFinished(), 20000);
        QCOMPARE(session.state(), pitwall::RaceSession::State::Running); // the race's own stages answered
        const auto result = answer.result();
        QVERIFY2(result.hasValue(), qPrintable(result.hasValue() ? QString() : result.error().message));
        QVERIFY(!result->results.isEmpty());
        QVERIFY2(result->results.first().message.startsWith(QLatin1String("Lights out")), qPrintable(result->results.first().message));
        QVERIFY(result->results.first().score <= 1.0);
        for (const auto &match : result->results)
            QCOMPARE(match.raceId, session.raceId());
        session.stop();
        QVERIFY(stopped.wait(30000));
    }

    void misconfigurationIsSaidBeforeTheRace()
    {
        auto run = pitwall({QStringLiteral("--headless"), QStringLiteral("--llm"), QStringLiteral("bedrock")}, {});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("AWS_ACCESS_KEY_ID"));
        run = pitwall({QStringLiteral("--headless"), QStringLiteral("--vector-store"), QStringLiteral("mongodb")}, {});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("MONGODB_URI"));
        run = pitwall({QStringLiteral("--headless"), QStringLiteral("--vector-store"), QStringLiteral("mongodb"),
                       QStringLiteral("--mongodb-uri"),
                       QStringLiteral("mongodb://racer:hunter2@127.0.0.1:1/?serverSelectionTimeoutMS=500")},
                      {});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("MongoDB did not answer a ping"), run.err.constData());
        QVERIFY(!run.err.contains("hunter2"));
        run = pitwall({QStringLiteral("--headless"), QStringLiteral("--commentary-filter"), QStringLiteral("everything")}, {});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("--commentary-filter"));
    }
};

QTEST_GUILESS_MAIN(TestCommentaryAgent)
#include "tst_commentaryagent.moc"
