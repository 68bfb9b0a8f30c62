// The commentary agent's parts without a network: moment selection, the offline
// commentator over whole races, the grounding check, the prompt and its answer, the
// settings precedence, the offline embedder and the vector stores.
#include "ai/AiSettings.h"
#include "ai/CommentaryPrompt.h"
#include "ai/GroundingCheck.h"
#include "ai/MomentSelector.h"
#include "ai/OfflineCommentator.h"
#include "core/Grid.h"
#include "core/JsonCodec.h"
#include "core/Topics.h"
#include "aiservices/AiServices.h"
#include "pipeline/CommentaryStage.h"
#include "pipeline/EnrichmentStage.h"
#include "sim/RaceSimulator.h"
#include "vector/LocalVectorIndex.h"
#include "vector/MongoVectorStore.h"
#include "vector/StoredLineJson.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <set>

using namespace pitwall;
using namespace pitwall::ai;

namespace {

struct TellingResult {
    std::vector<CommentaryLine> lines;
    std::vector<QString> contradictions;
    std::map<MomentKind, int> momentsByKind;
};

// A whole simulated race through the enrichment stage, the moment selector and the
// offline commentator, windows of 3 s of race time; every line checked as it is told.
TellingResult tellRace(SimOptions options, const MomentFilter &filter = {})
{
    options.startEpochMs = 1'700'000'000'000;
    options.raceId = QStringLiteral("race-test");
    auto simulator = RaceSimulator::create(Grid::builtIn(), options);
    if (!simulator)
        qFatal("%s", qPrintable(simulator.error().message));
    EnrichmentProcessor enrichment;
    MomentSelector selector(filter);
    RaceFacts facts;
    OfflineCommentator commentator;
    TellingResult result;
    std::vector<RaceMoment> window;
    qint64 windowStart = 0;
    SimOutput out;
    auto tell = [&] {
        for (const auto &group : OfflineCommentator::group(window)) {
            const auto line = commentator.writeGroup(group);
            if (const auto wrong = GroundingCheck::contradiction(line.text, facts, group))
                result.contradictions.push_back(line.text + QStringLiteral(" -> ") + *wrong);
            result.lines.push_back(line);
        }
        window.clear();
    };
    while (!simulator.value()->finished() && simulator.value()->raceTimeS() < 4 * 3600) {
        out.clear();
        simulator.value()->step(out);
        std::vector<RaceMoment> moments;
        for (const auto &event : out.events) {
            for (auto &m : selector.take(event, facts, 0))
                moments.push_back(m);
        }
        for (const auto &position : out.positions) {
            std::vector<StageOutput> enriched;
            KafkaRecord record;
            record.topic = QString::fromLatin1(topics::kDriverPositions);
            record.value = codec::encode(position);
            enrichment.process(record, enriched);
            for (const auto &output : enriched)
                for (auto &m : selector.take(codec::decodeCommentaryInput(output.value).value(), facts, 0))
                    moments.push_back(m);
        }
        // The anomaly stage is not run here: each fault's start stands in for its anomaly.
        for (const auto &label : out.faultLabels) {
            TelemetryAnomaly anomaly{
                label.raceId, label.driverName, label.teamName, label.metric, label.startMs, 130.0, 110.0, 105.0, 115.0, 99.0,
                true};
            for (auto &m : selector.take(anomaly, facts, 0))
                moments.push_back(m);
        }
        for (const auto &m : moments) {
            ++result.momentsByKind[m.kind];
            if (window.empty())
                windowStart = m.raceTimestampMs;
            window.push_back(m);
        }
        if (!window.empty() && facts.latestMs() - windowStart >= 3000)
            tell();
    }
    tell();
    return result;
}

RaceFacts factsWith(std::initializer_list<std::pair<QString, int>> order)
{
    RaceFacts facts;
    for (const auto &[name, position] : order) {
        CommentaryInput input;
        input.raceId = QStringLiteral("r");
        input.driverName = name;
        input.teamName = QStringLiteral("Team");
        input.position = position;
        input.timestampMs = 1000;
        input.lap = 12;
        facts.apply(input);
    }
    return facts;
}

} // namespace

class TestCommentary : public QObject {
    Q_OBJECT

private slots:
    void offlineCommentaryOverWholeRacesIsShortGroundedAndVaried_data()
    {
        QTest::addColumn<QString>("circuit");
        QTest::addColumn<quint64>("seed");
        QTest::newRow("monza") << QStringLiteral("monza") << quint64(11);
        QTest::newRow("silverstone") << QStringLiteral("silverstone") << quint64(5);
        QTest::newRow("spa") << QStringLiteral("spa") << quint64(23);
    }

    void offlineCommentaryOverWholeRacesIsShortGroundedAndVaried()
    {
        QFETCH(QString, circuit);
        QFETCH(quint64, seed);
        SimOptions options;
        options.circuitId = circuit;
        options.seed = seed;
        options.laps = 25;
        options.telemetryHz = 10;
        options.faultsPerCarHour = 4;
        auto told = tellRace(options);
        QVERIFY2(told.lines.size() > 30, qPrintable(QString::number(told.lines.size())));
        std::set<QString> distinct;
        for (const auto &line : told.lines) {
            QVERIFY2(!line.text.trimmed().isEmpty(), "an empty line");
            QVERIFY2(line.text.size() <= OfflineCommentator::kMaxLength, qPrintable(line.text));
            QVERIFY(!line.covers.isEmpty());
            distinct.insert(line.text.section(QLatin1Char(' '), 1, 2)); // the wording, names aside
        }
        QVERIFY2(told.contradictions.empty(), qPrintable(told.contradictions.empty() ? QString() : told.contradictions.front()));
        QVERIFY2(distinct.size() > told.lines.size() / 4, "varied wording");
        // The race has what a race has, and each kind was told.
        for (auto kind : {MomentKind::RaceStart, MomentKind::Overtake, MomentKind::PitStop, MomentKind::FastestLap,
                          MomentKind::Anomaly, MomentKind::RaceFinish})
            QVERIFY2(told.momentsByKind[kind] > 0, qPrintable(momentKindName(kind)));
    }

    void filterChoosesWhatDeservesWords()
    {
        SimOptions options;
        options.seed = 11;
        options.laps = 15;
        options.telemetryHz = 10;
        options.faultsPerCarHour = 0;
        auto everything = tellRace(options);
        auto narrow = MomentFilter::parse(QStringLiteral("lead_change,overtake,overtake_top=3"));
        QVERIFY(narrow.hasValue());
        auto fewer = tellRace(options, narrow.value());
        QVERIFY(fewer.lines.size() < everything.lines.size());
        QCOMPARE(fewer.momentsByKind.count(MomentKind::PitStop), size_t(0));
        QVERIFY(fewer.momentsByKind[MomentKind::Overtake] < everything.momentsByKind[MomentKind::Overtake]);

        QVERIFY(!MomentFilter::parse(QStringLiteral("overtakes")).hasValue());
        QVERIFY(!MomentFilter::parse(QStringLiteral("overtake_top=0")).hasValue());
        QVERIFY(!MomentFilter::parse(QStringLiteral("colour=red")).hasValue());
        const auto follow = MomentFilter::parse(QStringLiteral("pit_stop,follow=Norris;Hamilton"));
        QCOMPARE(follow->followed, (QStringList{QStringLiteral("Norris"), QStringLiteral("Hamilton")}));
        QVERIFY(follow->kinds.contains(MomentKind::FollowedMove));
        QCOMPARE(MomentFilter::parse(follow->toText())->kinds, follow->kinds);
    }

    void groundingCheckRefusesContradictions()
    {
        const auto facts = factsWith({{QStringLiteral("Max Verstappen"), 1},
                                      {QStringLiteral("Lando Norris"), 2},
                                      {QStringLiteral("Oscar Piastri"), 3},
                                      {QStringLiteral("Lewis Hamilton"), 7}});
        RaceMoment pass{MomentKind::Overtake, 1000, 0, QStringLiteral("Lando Norris"), QStringLiteral("Oscar Piastri"), 2, 3, 12};
        const std::vector<RaceMoment> moments{pass};
        auto check = [&](const char *line) { return GroundingCheck::contradiction(QString::fromUtf8(line), facts, moments); };
        QVERIFY(!check("Norris passes Piastri for P2!"));
        QVERIFY(!check("Piastri loses P2 to Norris"));
        QVERIFY(!check("Verstappen leads, Norris up to 2nd"));
        QVERIFY(!check("What a move on lap 12!"));
        QVERIFY(!check("Fight for P4 behind them!")); // no driver named: nothing to check
        QVERIFY(check("Hamilton takes the lead!"));   // Hamilton is seventh
        QVERIFY(check("Norris leads the race!"));
        QVERIFY(check("Hamilton up to P3"));
        QVERIFY(check("Norris passes Piastri on lap 40")); // the race is on lap 12
        QVERIFY(check("Norris passes Piastri for P2 in a move that will be remembered for many years to come!!"));
        QVERIFY(check("   "));
    }

    void numberedAnswersAreRead()
    {
        const auto lines = parseNumberedLines(QStringLiteral("Here you go:\n1: Norris passes Piastri!\n 2) \"Pit stop for Hamilton\"\n"
                                                             "3. Safety car!\nnot numbered\n"));
        QCOMPARE(lines.size(), size_t(3));
        QCOMPARE(lines.at(1), QStringLiteral("Norris passes Piastri!"));
        QCOMPARE(lines.at(2), QStringLiteral("Pit stop for Hamilton"));
        QCOMPARE(lines.at(3), QStringLiteral("Safety car!"));

        const auto facts = factsWith({{QStringLiteral("Max Verstappen"), 1}, {QStringLiteral("Lando Norris"), 2}});
        RaceMoment pass{MomentKind::Overtake, 1000, 0, QStringLiteral("Lando Norris"), QStringLiteral("Oscar Piastri"), 2, 3, 12};
        RaceMoment pit{MomentKind::PitStop,           1000, 0, QStringLiteral("Max Verstappen"), {}, 1, 0, 12,
                       QStringLiteral("MEDIUM>HARD"), 2.4};
        const auto request = commentaryRequest({{pass}, {pit}}, facts);
        QVERIFY(request.system.contains(QLatin1String("under 80 characters")));
        QVERIFY(request.prompt.contains(QLatin1String("1: Overtake: Lando Norris passed Oscar Piastri for P2 (lap 12)")));
        QVERIFY(request.prompt.contains(QLatin1String("2: Pit stop: Max Verstappen, running P1, medium to hard tyres")));
        QVERIFY(request.prompt.contains(QLatin1String("P1 Max Verstappen")));
    }

    void settingsFollowFlagsThenEnvironmentThenSaved()
    {
        QTemporaryDir home;
        QDir(home.path()).mkpath(QStringLiteral(".aws"));
        QFile credentials(home.filePath(QStringLiteral(".aws/credentials")));
        QVERIFY(credentials.open(QIODevice::WriteOnly));
        credentials.write("[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = secret/default+key\n\n"
                          "[racing]\naws_access_key_id=AKIDRACING\naws_secret_access_key=racing-secret\naws_session_token=tok\n");
        credentials.close();
        QFile config(home.filePath(QStringLiteral(".aws/config")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[default]\nregion = us-west-2\n[profile racing]\nregion = eu-central-1\n");
        config.close();
        QSettings saved(home.filePath(QStringLiteral("saved.ini")), QSettings::IniFormat);
        saved.setValue(QStringLiteral("ai/llm"), QStringLiteral("openai"));
        saved.setValue(QStringLiteral("ai/openai_model"), QStringLiteral("saved-model"));

        QProcessEnvironment environment;
        // Saved settings alone: OpenAI needs a key there.
        QVERIFY(!resolveAiSettings({}, environment, &saved, home.path()).hasValue());
        environment.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-env"));
        auto settings = resolveAiSettings({}, environment, &saved, home.path());
        QVERIFY(settings.hasValue());
        QCOMPARE(settings->llm, LlmChoice::OpenAi);
        QCOMPARE(settings->openai.model, QStringLiteral("saved-model"));
        environment.insert(QStringLiteral("PITWALL_OPENAI_MODEL"), QStringLiteral("env-model"));
        QCOMPARE(resolveAiSettings({}, environment, &saved, home.path())->openai.model, QStringLiteral("env-model"));
        AiFlags flags;
        flags.llmModel = QStringLiteral("flag-model");
        QCOMPARE(resolveAiSettings(flags, environment, &saved, home.path())->openai.model, QStringLiteral("flag-model"));

        // Bedrock from the default profile, then from AWS_PROFILE, then from the environment's keys.
        flags = AiFlags{};
        flags.llm = QStringLiteral("bedrock");
        settings = resolveAiSettings(flags, environment, &saved, home.path());
        QVERIFY(settings.hasValue());
        QCOMPARE(settings->bedrock.credentials.accessKeyId, QStringLiteral("AKIDDEFAULT"));
        QCOMPARE(settings->bedrock.credentials.secretAccessKey, QStringLiteral("secret/default+key"));
        QCOMPARE(settings->bedrock.region, QStringLiteral("us-west-2"));
        QCOMPARE(settings->bedrock.model, QStringLiteral("us.anthropic.claude-3-5-sonnet-20240620-v1:0"));
        environment.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("racing"));
        settings = resolveAiSettings(flags, environment, &saved, home.path());
        QCOMPARE(settings->bedrock.credentials.accessKeyId, QStringLiteral("AKIDRACING"));
        QCOMPARE(settings->bedrock.credentials.sessionToken, QStringLiteral("tok"));
        QCOMPARE(settings->bedrock.region, QStringLiteral("eu-central-1"));
        environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDENV"));
        environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("env-secret"));
        environment.insert(QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("ap-northeast-1"));
        environment.insert(QStringLiteral("AWS_REGION"), QStringLiteral("us-east-1"));
        settings = resolveAiSettings(flags, environment, &saved, home.path());
        QCOMPARE(settings->bedrock.credentials.accessKeyId, QStringLiteral("AKIDENV"));
        QCOMPARE(settings->bedrock.region, QStringLiteral("us-east-1")); // AWS_REGION before AWS_DEFAULT_REGION
        flags.llmEndpoint = QStringLiteral("https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com");
        flags.llmModel = QStringLiteral("eu.anthropic.claude-3-7-sonnet-20250219-v1:0");
        settings = resolveAiSettings(flags, environment, &saved, home.path());
        QCOMPARE(settings->bedrock.endpoint, flags.llmEndpoint);
        QCOMPARE(settings->bedrock.model, flags.llmModel);

        // Wrong values are named with where they came from.
        flags = AiFlags{};
        flags.llm = QStringLiteral("gpt");
        QVERIFY(resolveAiSettings(flags, environment, &saved, home.path()).error().message.contains(QLatin1String("--llm")));
        flags = AiFlags{};
        flags.vectorStore = QStringLiteral("mongodb");
        QVERIFY(resolveAiSettings(flags, environment, &saved, home.path()).error().message.contains(QLatin1String("MONGODB_URI")));
        flags.llmEndpoint = QStringLiteral("ftp://x");
        QVERIFY(!resolveAiSettings(flags, environment, &saved, home.path()).hasValue());
        QProcessEnvironment empty;
        flags = AiFlags{};
        flags.llm = QStringLiteral("bedrock");
        const auto missing = resolveAiSettings(flags, empty, nullptr, QStringLiteral("/nonexistent"));
        QVERIFY(missing.error().message.contains(QLatin1String("AWS_ACCESS_KEY_ID")));
        // Nothing set: offline, needing nothing.
        QCOMPARE(resolveAiSettings({}, empty, nullptr, QStringLiteral("/nonexistent"))->llm, LlmChoice::Offline);

        QCOMPARE(redactedUri(QStringLiteral("mongodb+srv://racer:s3cret@cluster0.abcd.mongodb.net/?retryWrites=true")),
                 QStringLiteral("mongodb+srv://racer:****@cluster0.abcd.mongodb.net/?retryWrites=true"));
    }

    void offlineEmbedderFindsSharedWords()
    {
        const auto question = OfflineEmbedder::embedOne(QStringLiteral("comments about Hamilton"));
        const auto hamilton = OfflineEmbedder::embedOne(QStringLiteral("Hamilton passes Russell for P4"));
        const auto other = OfflineEmbedder::embedOne(QStringLiteral("Safety car deployed!"));
        QCOMPARE(question.size(), size_t(OfflineEmbedder::kDimensions));
        QVERIFY(cosineScore(question, hamilton) > cosineScore(question, other) + 0.1);
        // Spelling variants share letter trigrams.
        QVERIFY(cosineScore(OfflineEmbedder::embedOne(QStringLiteral("tyres")), OfflineEmbedder::embedOne(QStringLiteral("tyre"))) > 0.7);
        // The same text, the same vector, in every run.
        QCOMPARE(OfflineEmbedder::embedOne(QStringLiteral("Pit stop for Norris")),
                 OfflineEmbedder::embedOne(QStringLiteral("Pit stop for Norris")));
    }

    void localIndexSearchesExactlyThenWithTheGraphAndPersists()
    {
        QTemporaryDir directory;
        std::vector<QString> lines;
        const QStringList names{QStringLiteral("Hamilton"), QStringLiteral("Norris"), QStringLiteral("Leclerc"),
                                QStringLiteral("Verstappen"), QStringLiteral("Alonso")};
        const QStringList deeds{QStringLiteral("passes %1 for P%2"), QStringLiteral("pits from P%2, hard tyres, %1 next"),
                                QStringLiteral("sets the fastest lap, %2 tenths up ahead of %1"),
                                QStringLiteral("brake temp reads %2 degrees behind %1")};
        {
            vector::LocalVectorIndex index(directory.path());
            QVERIFY(index.open().hasValue());
            for (int i = 0; i < 2600; ++i) {
                const QString text = names[i % 5] + QLatin1Char(' ') + deeds[(i / 5) % 4].arg(names[(i + 2) % 5]).arg(i % 20 + 1);
                const vector::StoredLine line{QStringLiteral("c-%1").arg(i),
                                              text,
                                              i < 1300 ? QStringLiteral("race-a") : QStringLiteral("race-b"),
                                              i,
                                              QStringLiteral("info"),
                                              QStringLiteral("offline")};
                QVERIFY(index.add(line, OfflineEmbedder::embedOne(text)).hasValue());
                if (i == 999) {
                    // While small the search is exact: the line itself comes first with score 1.
                    const auto found = index.search(OfflineEmbedder::embedOne(text), 5, {});
                    QCOMPARE(found->size(), size_t(5));
                    QCOMPARE(found->front().line.message, text);
                    QVERIFY(qAbs(found->front().score - 1.0) < 1e-4);
                    QVERIFY(!index.usesGraph());
                }
            }
            QVERIFY(index.usesGraph());
            const auto found = index.search(OfflineEmbedder::embedOne(QStringLiteral("Hamilton pits hard tyres")), 5,
                                            QStringLiteral("race-b"));
            QCOMPARE(found->size(), size_t(5));
            for (const auto &match : found.value()) {
                QCOMPARE(match.line.raceId, QStringLiteral("race-b"));
                QVERIFY2(match.line.message.startsWith(QLatin1String("Hamilton pits")), qPrintable(match.line.message));
            }
            for (size_t i = 1; i < found->size(); ++i)
                QVERIFY(found.value()[i - 1].score >= found.value()[i].score);
            // One index, one embedder: a vector of another size is refused.
            QVERIFY(!index.add(vector::StoredLine{QStringLiteral("x"), QStringLiteral("x")}, Vector(1536, 0.1f)).hasValue());
        }
        // A line cut by a crash is skipped on load; the rest is all there.
        QFile file(QDir(directory.path()).filePath(QStringLiteral("commentary-vectors.jsonl")));
        QVERIFY(file.open(QIODevice::Append));
        file.write("{\"id\":\"cut\",\"message\":\"Norris pi");
        file.close();
        vector::LocalVectorIndex reopened(directory.path());
        QVERIFY(reopened.open().hasValue());
        QCOMPARE(reopened.size(), qint64(2600));
        QCOMPARE(reopened.skippedOnLoad(), 1);
        const auto again = reopened.search(OfflineEmbedder::embedOne(QStringLiteral("Norris sets the fastest lap")), 1, {});
        QVERIFY(again->front().line.message.startsWith(QLatin1String("Norris sets the fastest lap")));
    }

    void mongoSearchHasTheAtlasShape()
    {
        MongoSettings settings;
        const auto pipeline = vector::vectorSearchPipeline(settings, {0.5f, -0.25f}, 5, QStringLiteral("race-1"));
        QCOMPARE(pipeline.size(), 2);
        const auto search = pipeline[0].toObject().value("$vectorSearch").toObject();
        QCOMPARE(pipeline[0].toObject().keys(), QStringList{"$vectorSearch"}); // first stage, as Atlas requires
        QCOMPARE(search.value("index").toString(), QStringLiteral("vector_index"));
        QCOMPARE(search.value("path").toString(), QStringLiteral("message_embedding"));
        QCOMPARE(search.value("queryVector").toArray(), (QJsonArray{0.5, -0.25}));
        QCOMPARE(search.value("numCandidates").toInt(), 100);
        QCOMPARE(search.value("limit").toInt(), 5);
        QCOMPARE(search.value("filter").toObject().value("race_id").toObject().value("$eq").toString(), QStringLiteral("race-1"));
        const auto project = pipeline[1].toObject().value("$project").toObject();
        QCOMPARE(project.value("score").toObject().value("$meta").toString(), QStringLiteral("vectorSearchScore"));
        QCOMPARE(project.value("message").toInt(), 1);
        QVERIFY(!vector::vectorSearchPipeline(settings, {1.0f}, 5, {})[0].toObject().value("$vectorSearch").toObject().contains("filter"));
        // The stored document keeps the demo's reinvent.commentary layout.
        const auto document = vector::storedLineJson({QStringLiteral("c"), QStringLiteral("Go!"), QStringLiteral("r")}, {1.0f});
        QCOMPARE(document.value("message").toString(), QStringLiteral("Go!"));
        QCOMPARE(document.value("message_embedding").toArray(), QJsonArray{1.0});
    }

    void commentaryStageWritesOfflineLinesAndRefusesBadInput()
    {
        AiSettings settings;
        settings.windowMs = 50;
        auto services = AiServices::start(settings);
        QVERIFY(services.hasValue());
        CommentaryAgentProcessor agent(services.value());
        std::vector<StageOutput> out;
        auto feed = [&](const char *topic, const QByteArray &value) {
            KafkaRecord record;
            record.topic = QString::fromLatin1(topic);
            record.value = value;
            return agent.process(record, out);
        };
        RaceEvent pit{QStringLiteral("race-1"),
                      5000,
                      QStringLiteral("pit_stop"),
                      10,
                      QStringLiteral("Lando Norris"),
                      QJsonObject{{"from", "MEDIUM"}, {"to", "HARD"}, {"stationary_ms", 2400}, {"stop", 1}}};
        CommentaryInput input;
        input.raceId = QStringLiteral("race-1");
        input.driverName = QStringLiteral("Lando Norris");
        input.teamName = QStringLiteral("McLaren");
        input.position = 2;
        input.timestampMs = 4900;
        QVERIFY(!feed(topics::kCommentaryInput, codec::encode(input)));
        QVERIFY(!feed(topics::kRaceEvents, codec::encode(pit)));
        QVERIFY(!agent.isSettled());                                 // a window is open
        QVERIFY(feed(topics::kRaceEvents, "{not json").has_value()); // refused: dead-lettered by the runner
        QVERIFY(feed(topics::kCarMetrics, "{}").has_value());
        QTest::qWait(80);
        agent.poll(out);
        QCOMPARE(out.size(), size_t(1));
        QCOMPARE(QByteArray(out[0].topic), QByteArray(topics::kCommentary));
        const auto line = codec::decodeCommentary(out[0].value);
        QVERIFY(line.hasValue());
        QVERIFY(line->message.contains(QLatin1String("Norris")));
        QCOMPARE(line->source, QStringLiteral("offline"));
        QCOMPARE(line->eventIds, QStringList{QStringLiteral("pit_stop:Lando Norris:5000")});
        QCOMPARE(line->raceId, QStringLiteral("race-1"));
        QCOMPARE(line->timestampMs, qint64(5000));
        QCOMPARE(line->type, CommentaryType::Warning); // P2
        QVERIFY(agent.isSettled());
    }
};

QTEST_GUILESS_MAIN(TestCommentary)
#include "tst_commentary.moc"
