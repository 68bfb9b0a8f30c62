#include "HeadlessRun.h"

#include "core/Grid.h"
#include "pipeline/RaceSession.h"
#include "stream/KafkaEndpoint.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <cmath>
#include <cstdio>

namespace pitwall {

namespace {

enum ExitCode { kOk = 0, kBadKafka = 2, kRaceFailed = 3, kMessagesLost = 4 };

void say(const QString &line)
{
    std::fprintf(stderr, "pitwall: %s\n", qPrintable(line));
    std::fflush(stderr);
}

QJsonObject summary(const RaceSession &session, const SessionStats &stats, double durationS, qint64 startupMs)
{
    const double rate = durationS > 0 ? double(stats.consumed) / durationS : 0.0;
    return QJsonObject{{"produced", qint64(stats.produced)},
                       {"consumed", qint64(stats.consumed)},
                       {"errors", qint64(stats.errors)},
                       {"skipped", qint64(stats.skipped)},
                       {"rejected", qint64(stats.rejected)},
                       {"other_races", qint64(stats.otherRaces)},
                       {"bootstrap", session.endpoint().bootstrap()},
                       {"broker", session.endpoint().isEmbedded() ? "embedded" : "external"},
                       {"race_id", session.raceId()},
                       {"duration_s", std::round(durationS * 1000.0) / 1000.0},
                       {"startup_ms", startupMs},
                       {"messages_per_s", std::round(rate * 10.0) / 10.0},
                       {"last_error", stats.lastError}};
}

} // namespace

int runHeadless(const KafkaSelection &kafka, int durationSeconds)
{
    QElapsedTimer clock;
    clock.start();
    auto config = kafka.toConfig();
    if (!config) {
        say(config.error().message);
        return kBadKafka;
    }
    say(config.value() ? QStringLiteral("connecting to Kafka at %1").arg(config.value()->bootstrap())
                       : QStringLiteral("starting the embedded Kafka broker"));
    auto endpoint = KafkaEndpoint::prepare(config.value());
    if (!endpoint) {
        say(endpoint.error().message);
        return kBadKafka;
    }
    say(QStringLiteral("Kafka bootstrap %1 (%2)")
            .arg(endpoint.value()->bootstrap(), endpoint.value()->isEmbedded() ? "embedded" : "external"));

    RaceSession session(endpoint.value(), Grid::builtIn());
    int exitCode = kOk;
    qint64 startupMs = 0;
    QElapsedTimer raceClock;
    QTimer progress;
    progress.setInterval(1000);
    QObject::connect(&progress, &QTimer::timeout, [&] {
        const auto stats = session.stats();
        say(QStringLiteral("t=%1s produced=%2 consumed=%3 lag=%4 skipped=%5 errors=%6")
                .arg((raceClock.elapsed() + 500) / 1000).arg(stats.produced).arg(stats.consumed).arg(stats.lag)
                .arg(stats.skipped).arg(stats.errors));
    });
    QObject::connect(&session, &RaceSession::started, [&] {
        startupMs = clock.elapsed();
        raceClock.start();
        say(QStringLiteral("race %1 started (%2 ms after launch), running %3 s")
                .arg(session.raceId()).arg(startupMs).arg(durationSeconds));
        progress.start();
        QTimer::singleShot(durationSeconds * 1000, Qt::PreciseTimer, &session, &RaceSession::stop);
    });
    QObject::connect(&session, &RaceSession::failed, [&](const QString &reason) {
        say(QStringLiteral("race failed: %1").arg(reason));
        exitCode = kRaceFailed;
        QCoreApplication::exit(exitCode);
    });
    QObject::connect(&session, &RaceSession::stopped, [&](const SessionStats &stats) {
        progress.stop();
        const double durationS = raceClock.elapsed() / 1000.0;
        if (stats.produced != stats.consumed || stats.skipped > 0 || stats.errors > 0) {
            say(QStringLiteral("%1 of %2 messages read back, %3 skipped, %4 errors%5")
                    .arg(stats.consumed).arg(stats.produced).arg(stats.skipped).arg(stats.errors)
                    .arg(stats.lastError.isEmpty() ? QString() : QStringLiteral(" (last: %1)").arg(stats.lastError)));
            exitCode = kMessagesLost;
        } else {
            say(QStringLiteral("race finished: all %1 messages read back").arg(stats.consumed));
        }
        std::printf("%s\n", QJsonDocument(summary(session, stats, durationS, startupMs)).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
        QCoreApplication::exit(exitCode);
    });
    session.start();
    QCoreApplication::exec();
    return exitCode;
}

} // namespace pitwall
