// The race controller without widgets: a short simulated race on the embedded broker,
// recorded into a library and replayed from it (pause, seek, stop), the race requests'
// options, and the setup's Finish reaching the next race and the MCP server's tools.

#include "control/RaceController.h"
#include "live/LiveServers.h"
#include "mcp/McpServer.h"
#include "aiservices/AiServices.h"
#include "stream/KafkaEndpoint.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace pitwall;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// The MCP search's messages for `query` (the blocking form: the AI thread answers).
QStringList searchThroughMcp(McpServer &mcp, const QString &query)
{
    const QJsonObject call{{"jsonrpc", "2.0"},
                           {"id", 1},
                           {"method", "tools/call"},
                           {"params",
                            QJsonObject{{"name", "search_commentary"}, {"arguments", QJsonObject{{"query", query}, {"k", 3}}}}}};
    const auto result = mcp.handleMessage(call).value("result").toObject().value("structuredContent").toObject();
    QStringList messages;
    for (const auto &match : result.value("results").toArray())
        messages << match.toObject().value("message").toString();
    return messages;
}

// Offline services with one line of commentary in their own index.
std::shared_ptr<AiServices> servicesKnowing(const QString &line)
{
    auto services = AiServices::offline();
    bool stored = false;
    services->post([services = services.get(), line, &stored] {
        services->embed({line}, [services, line, &stored](Expected<std::vector<ai::Vector>, ai::LlmError> vectors) {
            if (vectors)
                stored = bool(services->store()->add({QStringLiteral("l1"), line, QStringLiteral("race-1"), 1,
                                                      QStringLiteral("commentary"), QStringLiteral("test")},
                                                     vectors.value().front()));
        });
    });
    for (int waited = 0; !stored && waited < 10000; waited += 20)
        QTest::qWait(20);
    return stored ? services : nullptr;
}

} // namespace

class TestRaceController : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void requestsSetTheSessionOptions()
    {
        SessionOptions base;
        base.race.circuitId = QStringLiteral("monza");
        base.race.laps = 5;
        base.race.raceId = QStringLiteral("old");
        base.speed = 2;
        const auto configured = sessionOptionsFor(RaceRequest::configured(), base);
        QCOMPARE(configured.race.circuitId, QStringLiteral("monza"));
        QVERIFY(configured.race.raceId.isEmpty()); // a new race each time
        QVERIFY(configured.replayRaceId.isEmpty());
        QVERIFY(!configured.game.enabled);

        const auto replay = sessionOptionsFor(RaceRequest::replay(QStringLiteral("race-7"), true, QStringLiteral("spa"), 3), base);
        QCOMPARE(replay.replayRaceId, QStringLiteral("race-7"));
        QVERIFY(replay.replayRerun);
        QCOMPARE(replay.race.circuitId, QStringLiteral("spa"));
        QCOMPARE(replay.race.laps, 3);
        QCOMPARE(replay.speed, 2.0);

        GameSourceOptions game;
        game.port = 20999;
        const auto live = sessionOptionsFor(RaceRequest::f1Game(game), base);
        QVERIFY(live.game.enabled);
        QCOMPARE(live.game.port, quint16(20999));

        QSettings settings(m_dir.filePath(QStringLiteral("game.ini")), QSettings::IniFormat);
        settings.setValue(gamesettings::kPortKey, 70000); // out of range: clamped
        settings.setValue(gamesettings::kLoopbackOnlyKey, true);
        const auto saved = gamesettings::load(settings, {});
        QVERIFY(saved.enabled);
        QCOMPARE(saved.port, quint16(65535));
        QCOMPARE(saved.bind, QHostAddress(QHostAddress::LocalHost));
        GameSourceOptions commandLine;
        commandLine.enabled = true;
        commandLine.port = 21000;
        QCOMPARE(gamesettings::load(settings, commandLine).port, quint16(21000)); // the command line wins
    }

    // A stop while the session still makes its clients (the window's Stop, or SIGTERM to a
    // headless run, right after the start) ends the race once it is connected: `stopped`
    // comes, with a summary, instead of the race running on.
    void stopWhileConnectingEndsTheRace()
    {
        RaceController controller;
        SessionOptions options;
        options.race.circuitId = QStringLiteral("monza");
        options.race.laps = 30; // long: it must not end by itself within the test
        options.race.seed = 9;
        options.speed = 1;
        options.libraryPath = m_dir.filePath(QStringLiteral("stop-early.sqlite"));
        controller.setRaceOptions(options);
        QSignalSpy ready(&controller, &RaceController::kafkaReady);
        QVERIFY(controller.connectKafka(KafkaSelection{}));
        QVERIFY(ready.wait(30000));
        QVERIFY(controller.start(RaceRequest::configured()));
        RaceSession *race = controller.session();
        QCOMPARE(race->state(), RaceSession::State::Connecting);
        QSignalSpy stopped(race, &RaceSession::stopped);
        controller.stop();
        QVERIFY(stopped.wait(60000));
        QCOMPARE(race->state(), RaceSession::State::Stopped);
        QVERIFY(!race->summary().finished);
        QVERIFY(!controller.isRaceActive());
    }

    void runsRecordsAndReplaysARace()
    {
        RaceController controller;
        SessionOptions options;
        options.race.circuitId = QStringLiteral("red-bull-ring");
        options.race.laps = 2;
        options.race.seed = 5;
        options.speed = 0; // as fast as possible
        options.libraryPath = m_dir.filePath(QStringLiteral("library.sqlite"));
        controller.setRaceOptions(options);
        QSignalSpy ready(&controller, &RaceController::kafkaReady);
        QSignalSpy created(&controller, &RaceController::sessionCreated);
        QVERIFY(controller.connectKafka(KafkaSelection{}));
        QVERIFY(controller.kafka().isPreparing());
        QVERIFY(!controller.start(RaceRequest::configured())); // not before Kafka is ready
        controller.startWhenReady(RaceRequest::configured());
        QVERIFY(ready.wait(30000));
        QVERIFY(controller.kafka().endpoint()->isEmbedded());
        QCOMPARE(created.size(), 1);
        auto *race = controller.session();
        QVERIFY(race);
        QVERIFY(controller.isRaceActive());
        QVERIFY(!controller.start(RaceRequest::configured())); // one race at a time
        QSignalSpy raceStopped(race, &RaceSession::stopped);
        QVERIFY(raceStopped.wait(120000));
        QVERIFY(!controller.isRaceActive());
        const auto summary = race->summary();
        QVERIFY(summary.finished);
        QCOMPARE(summary.recordingState, QStringLiteral("finished"));
        const QString raceId = race->raceId();

        // Its replay from the library, at 1x: a jump, a hold, and a stop before the end.
        controller.setSpeed(1);
        QVERIFY(controller.start(RaceRequest::replay(raceId, false, QStringLiteral("red-bull-ring"), 2)));
        auto *replay = controller.session();
        QVERIFY(replay->isReplay());
        QCOMPARE(replay->options().replayRaceId, raceId);
        QSignalSpy started(replay, &RaceSession::started);
        QVERIFY(started.wait(15000));
        QVERIFY(controller.isRaceRunning());
        const qint64 target = replay->replayDurationMs() - 20000;
        QVERIFY(target > 0);
        controller.seek(target);
        QTRY_VERIFY_WITH_TIMEOUT(replay->stats().raceTimeS * 1000 >= double(target), 5000);
        controller.setPaused(true);
        QTest::qWait(300);
        const double held = replay->stats().raceTimeS;
        QTest::qWait(1200);
        QCOMPARE(replay->stats().raceTimeS, held);
        controller.setPaused(false);
        QTRY_VERIFY_WITH_TIMEOUT(replay->stats().raceTimeS > held, 5000);

        // The setup finished while the replay runs: the replay keeps its Kafka, which is
        // prepared anew once it has stopped; the next race gets the new AI services.
        auto fresh = AiServices::offline();
        controller.setAiServicesFactory([fresh] { return Expected<std::shared_ptr<AiServices>>(fresh); });
        QSignalSpy applied(&controller, &RaceController::setupApplied);
        QSignalSpy connecting(&controller, &RaceController::kafkaConnecting);
        controller.applySetup(KafkaSelection{});
        QVERIFY(applied.wait(10000));
        QVERIFY(applied.first().at(1).toBool()); // the running race keeps its settings
        QCOMPARE(connecting.size(), 0);
        QVERIFY(controller.kafka().isReady());
        QSignalSpy replayStopped(replay, &RaceSession::stopped);
        controller.stop();
        QVERIFY(replayStopped.wait(20000));
        QVERIFY(!replay->summary().finished);
        QCOMPARE(connecting.size(), 1); // reconnecting after the race
        QVERIFY(ready.wait(30000));
        QCOMPARE(controller.aiServices(), fresh);

        // A re-run: the pipeline afresh, and what was recorded read for comparison.
        QString recordedId;
        qsizetype recordedCommentary = -1;
        connect(&controller, &RaceController::recordedRunLoaded, this, [&](const QString &id, const Expected<RaceViewBatch> &loaded) {
            recordedId = id;
            recordedCommentary = loaded ? loaded.value().commentary.size() : -1;
        });
        QVERIFY(controller.start(RaceRequest::replay(raceId, true)));
        QVERIFY(controller.session()->options().replayRerun);
        QTRY_COMPARE_WITH_TIMEOUT(recordedId, raceId, 30000);
        QVERIFY(recordedCommentary > 0);
        RaceSession *rerun = controller.session();
        QSignalSpy rerunStopped(rerun, &RaceSession::stopped);
        // Stopped once it runs (a stop while it connects is stopWhileConnectingEndsTheRace's).
        QTRY_VERIFY_WITH_TIMEOUT(rerun->state() != RaceSession::State::Connecting, 30000);
        qInfo("re-run state before stop: %d", int(rerun->state()));
        controller.stop();
        QTRY_VERIFY_WITH_TIMEOUT(rerunStopped.size() == 1 || rerun->state() == RaceSession::State::Stopped, 30000);

        controller.setSpeed(0);
        QVERIFY(controller.start(RaceRequest::configured()));
        QCOMPARE(controller.session()->ai(), fresh);
        QSignalSpy lastStopped(controller.session(), &RaceSession::stopped);
        QVERIFY(lastStopped.wait(120000));
    }

    // Issue 20: after the setup's Finish, the MCP server searches with the new AI services.
    void setupReachesTheLiveServers()
    {
        auto before = servicesKnowing(QStringLiteral("Norris sets the fastest lap in sector two"));
        auto after = servicesKnowing(QStringLiteral("Gasly dives down the inside at the hairpin"));
        QVERIFY(before && after);
        LiveServers servers(before);
        LiveServerSettings settings;
        settings.mcpEnabled = true;
        settings.mcpPort = freePort();
        QVERIFY(servers.apply(settings));
        QVERIFY(servers.mcp());
        RaceController controller;
        controller.setAiServices(before);
        controller.setLiveServers(&servers);
        QCOMPARE(controller.raceOptions().context, servers.context()); // the races fill the servers' context
        QVERIFY(searchThroughMcp(*servers.mcp(), QStringLiteral("hairpin overtake"))
                    .contains(QStringLiteral("Norris sets the fastest lap in sector two")));

        controller.setAiServicesFactory([after] { return Expected<std::shared_ptr<AiServices>>(after); });
        QSignalSpy applied(&controller, &RaceController::setupApplied);
        controller.applySetup(KafkaSelection{});
        QVERIFY(applied.wait(10000));
        QVERIFY(!applied.first().at(1).toBool()); // no race was running
        const auto found = searchThroughMcp(*servers.mcp(), QStringLiteral("hairpin overtake"));
        QVERIFY2(found.contains(QStringLiteral("Gasly dives down the inside at the hairpin")), qPrintable(found.join('|')));
        QVERIFY(!found.contains(QStringLiteral("Norris sets the fastest lap in sector two")));
        QCOMPARE(servers.settings().mcpPort, settings.mcpPort); // still listening where it was
        QVERIFY(servers.mcpRunning());
    }
};

QTEST_GUILESS_MAIN(TestRaceController)
#include "tst_racecontroller.moc"
