#include "HeadlessRun.h"
#include "core/PrintableText.h"

#include "StopSignals.h"

#include "control/RaceController.h"
#include "aiservices/AiServices.h"
#include "stream/KafkaEndpoint.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <cmath>
#include <cstdio>

namespace pitwall {

namespace {

// A stop by SIGTERM/SIGINT/SIGHUP exits 128 + the signal's number (143, 130, 129), as a
// shell reports a killed program, but after the race was stopped and its summary printed.
enum ExitCode { kOk = 0, kBadKafka = 2, kRaceFailed = 3, kMessagesLost = 4, kStoppedBySignal = 128 };

void say(const QString &line)
{
    std::fprintf(stderr, "pitwall: %s\n", qPrintable(printable(line)));
    std::fflush(stderr);
}

double rounded(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

QJsonObject summaryJson(const RaceSession &session, const SessionStats &stats, const RaceSummary &race, double durationS,
                        qint64 startupMs, const QString &stoppedBy)
{
    QJsonObject topics;
    for (const auto &[topic, count] : stats.producedByTopic)
        topics.insert(topic, qint64(count));
    QJsonObject events;
    for (auto it = race.events.cbegin(); it != race.events.cend(); ++it)
        events.insert(it.key(), it.value());
    QJsonArray faults;
    for (const auto &label : race.faults)
        faults.append(QJsonObject{{"driver_name", label.driverName},
                                  {"team_name", label.teamName},
                                  {"metric", label.metric},
                                  {"kind", label.kind},
                                  {"start_ms", label.startMs},
                                  {"end_ms", label.endMs}});
    const auto &options = session.options();
    return QJsonObject{{"produced", qint64(stats.produced)},
                       {"consumed", qint64(stats.consumed)},
                       {"errors", qint64(stats.errors)},
                       {"skipped", qint64(stats.skipped)},
                       {"rejected", qint64(stats.rejected)},
                       {"broker_refused", qint64(stats.brokerRefused)},
                       {"other_races", qint64(stats.otherRaces)},
                       {"produced_all_topics", qint64(stats.producedAllTopics)},
                       {"topics", topics},
                       {"bootstrap", session.endpoint().bootstrap()},
                       {"broker", session.endpoint().isEmbedded() ? "embedded" : "external"},
                       {"race_id", session.raceId()},
                       {"duration_s", rounded(durationS, 3)},
                       {"startup_ms", startupMs},
                       {"messages_per_s", rounded(durationS > 0 ? stats.producedAllTopics / durationS : 0.0, 1)},
                       {"track", race.circuitId},
                       {"laps", race.laps},
                       {"leader_lap", race.leaderLap},
                       {"finished", race.finished},
                       {"stopped_by", stoppedBy.isEmpty() ? QJsonValue() : QJsonValue(stoppedBy)},
                       {"race_time_s", rounded(race.raceTimeS, 1)},
                       {"seed", QString::number(options.race.seed)},
                       {"speed", options.speed > 0 ? QJsonValue(options.speed) : QJsonValue("max")},
                       {"telemetry_hz", options.race.telemetryHz},
                       {"hero", options.race.heroDriver.isEmpty() ? QJsonValue() : QJsonValue(options.race.heroDriver)},
                       {"classification", QJsonArray::fromStringList(race.classification)},
                       {"events", events},
                       {"faults", faults},
                       {"stages", stats.stages},
                       {"replay_of", race.replayOf.isEmpty() ? QJsonValue() : QJsonValue(race.replayOf)},
                       {"library", race.libraryPath.isEmpty() ? QJsonValue()
                                                              : QJsonValue(QJsonObject{{"path", race.libraryPath},
                                                                                       {"state", race.recordingState},
                                                                                       {"recorded_messages", race.recordedMessages},
                                                                                       {"error", race.recordingError}})},
                       {"last_error", stats.lastError},
                       {"f1_game", options.game.enabled ? QJsonValue(session.gameStatus()) : QJsonValue()},
                       {"llm", session.ai()->summaryJson()}};
}

} // namespace

int runHeadless(const KafkaSelection &kafka, const SessionOptions &sessionOptions, int durationSeconds)
{
    QElapsedTimer clock;
    clock.start();
    // From the very start: a signal while connecting stops the race as soon as it runs.
    StopSignals stopSignals;
    int stopSignal = 0;
    int exitCode = kOk;
    RaceController controller;
    controller.setRaceOptions(sessionOptions);
    QObject::connect(&controller, &RaceController::kafkaConnecting, [&] {
        const QString bootstrap = controller.kafka().pendingBootstrap();
        say(bootstrap.isEmpty() ? QStringLiteral("starting the embedded Kafka broker")
                                : QStringLiteral("connecting to Kafka at %1").arg(bootstrap));
    });
    QObject::connect(&controller, &RaceController::kafkaFailed, [&](const QString &reason) {
        say(reason);
        exitCode = kBadKafka;
        QCoreApplication::exit(exitCode);
    });
    QObject::connect(&controller, &RaceController::kafkaReady, [&] {
        const auto &endpoint = *controller.kafka().endpoint();
        say(QStringLiteral("Kafka bootstrap %1 (%2)").arg(endpoint.bootstrap(), endpoint.isEmbedded() ? "embedded" : "external"));
    });

    qint64 startupMs = 0;
    QElapsedTimer raceClock;
    QTimer progress;
    progress.setInterval(1000);
    QObject::connect(&progress, &QTimer::timeout, [&] {
        const auto stats = controller.session()->stats();
        say(QStringLiteral("t=%1s lap %2 race-time %3s positions produced=%4 consumed=%5 lag=%6 skipped=%7 errors=%8 "
                           "(all topics %9)")
                .arg((raceClock.elapsed() + 500) / 1000)
                .arg(stats.leaderLap)
                .arg(qint64(stats.raceTimeS))
                .arg(stats.produced)
                .arg(stats.consumed)
                .arg(stats.lag)
                .arg(stats.skipped)
                .arg(stats.errors)
                .arg(stats.producedAllTopics));
    });
    QObject::connect(&controller, &RaceController::sessionCreated, [&](RaceSession *created) {
        RaceSession &session = *created;
        QObject::connect(&session, &RaceSession::started, [&] {
            startupMs = clock.elapsed();
            raceClock.start();
            const auto &race = session.options().race;
            say(QStringLiteral("race %1 started on %2 (seed %3, speed %4, %5 Hz telemetry) %6 ms after launch%7")
                    .arg(session.raceId(), race.circuitId)
                    .arg(race.seed)
                    .arg(session.options().speed > 0 ? QString::number(session.options().speed) + "x" : QStringLiteral("max"))
                    .arg(race.telemetryHz)
                    .arg(startupMs)
                    .arg(durationSeconds ? QStringLiteral(", stopping after %1 s").arg(durationSeconds) : QString()));
            progress.start();
            if (stopSignal) {
                session.stop();
                return;
            }
            if (durationSeconds)
                QTimer::singleShot(durationSeconds * 1000, Qt::PreciseTimer, &session, &RaceSession::stop);
        });
        QObject::connect(&session, &RaceSession::raceFinished, [&] { say(QStringLiteral("chequered flag")); });
        // A headless run follows one game session: the next one is a race of its own (the window follows it).
        QObject::connect(&session, &RaceSession::gameSessionChanged,
                         [&] { say(QStringLiteral("the F1 game started another session: this race ends here")); });
        QObject::connect(&session, &RaceSession::sourceEnded,
                         [&] { say(QStringLiteral("end of the recording: the race was stopped before its finish")); });
        QObject::connect(&session, &RaceSession::failed, [&](const QString &reason) {
            say(QStringLiteral("race failed: %1").arg(reason));
            exitCode = kRaceFailed;
            QCoreApplication::exit(exitCode);
        });
        QObject::connect(&session, &RaceSession::stopped, [&](const SessionStats &stats) {
            progress.stop();
            const double durationS = raceClock.elapsed() / 1000.0;
            if (stats.produced != stats.consumed || stats.skipped > 0 || stats.errors > 0) {
                say(QStringLiteral("%1 of %2 positions read back, %3 skipped, %4 errors%5")
                        .arg(stats.consumed)
                        .arg(stats.produced)
                        .arg(stats.skipped)
                        .arg(stats.errors)
                        .arg(stats.lastError.isEmpty() ? QString() : QStringLiteral(" (last: %1)").arg(stats.lastError)));
                exitCode = kMessagesLost;
            } else {
                say(QStringLiteral("race over: all %1 positions read back, %2 messages produced in all")
                        .arg(stats.consumed)
                        .arg(stats.producedAllTopics));
            }
            const QString stoppedBy = stopSignal ? StopSignals::name(stopSignal) : QString();
            const auto json = QJsonDocument(summaryJson(session, stats, session.summary(), durationS, startupMs, stoppedBy));
            std::printf("%s\n", json.toJson(QJsonDocument::Compact).constData());
            std::fflush(stdout);
            if (stopSignal)
                exitCode = kStoppedBySignal + stopSignal;
            QCoreApplication::exit(exitCode);
        });
    });
    QObject::connect(&stopSignals, &StopSignals::received, [&](int signalNumber) {
        if (stopSignal)
            return; // already stopping
        stopSignal = signalNumber;
        say(QStringLiteral("%1: stopping the race (again to quit at once)").arg(StopSignals::name(signalNumber)));
        const auto *session = controller.session();
        const auto state = session ? session->state() : RaceSession::State::Idle;
        if (state == RaceSession::State::Running)
            controller.stop();
        else if (state != RaceSession::State::Connecting && state != RaceSession::State::Stopping)
            QCoreApplication::exit(kStoppedBySignal + signalNumber); // before the race ran: no summary to wait for
    });
    if (auto connecting = controller.connectKafka(kafka); !connecting) {
        say(connecting.error().message);
        return kBadKafka;
    }
    controller.startWhenReady(RaceRequest::configured());
    const int loopCode = QCoreApplication::exec();
    // A signal before the race ran (no summary to wait for) ends the loop with its own code.
    return stopSignal && exitCode == kOk ? loopCode : exitCode;
}

} // namespace pitwall
