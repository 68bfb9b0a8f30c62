// The window under a live race, every panel visible at 1920x1080 (offscreen platform),
// 20 cars at 10 Hz telemetry:
//  - frame time: grabbing the whole window (layout + paint of every panel) while the race
//    runs at 1x, against the same grab of the idle window in the same run;
//  - event-to-view latency: from a message's Kafka create time to the moment the window's
//    race view holds it (the store behind the charts, map, feed and anomaly list);
//  - resident memory after a 60-lap race at max speed, against the idle window's.
// Figures are printed last. Options: --seconds N (live phase, default 30), --laps N (60),
// --per-panel (also each panel's own grab time).

#include "core/HeapTrim.h"
#include "gui/MainWindow.h"
#include "view/RaceViewStore.h"
#include "pipeline/RaceSession.h"

#include <QApplication>
#include <QDateTime>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTimer>
#include <algorithm>
#include <cstdio>

using namespace pitwall;

namespace {

// The anomaly detectors train on 25.6 s of telemetry and the tyre forecasts on 32 s:
// their first fits come at once, for every car.
constexpr qint64 kWarmUpMs = 40'000;

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(p / 100.0 * double(values.size())));
    return values[index];
}

double residentMegabytes()
{
    return double(residentBytes()) / (1024.0 * 1024.0);
}

// Runs the event loop for `ms`, sleeping when there is nothing to do, as the app's own
// loop does (processEvents(flags, ms) returns at once when idle: looping on it spins a core).
void runEventLoop(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

void waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < timeoutMs)
        runEventLoop(20);
}

std::vector<double> grabTimes(QWidget &window, int frames, int everyMs)
{
    std::vector<double> times;
    for (int i = 0; i < frames; ++i) {
        QElapsedTimer clock;
        clock.start();
        const auto pixmap = window.grab();
        times.push_back(double(clock.nsecsElapsed()) / 1e6);
        Q_UNUSED(pixmap);
        if (everyMs > 0)
            runEventLoop(everyMs);
    }
    return times;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // its own settings and race library
    int seconds = 30, laps = 60;
    const bool perPanel = QCoreApplication::arguments().contains(QStringLiteral("--per-panel"));
    const auto args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--seconds"))
            seconds = std::max(5, args[i + 1].toInt());
        if (args[i] == QLatin1String("--laps"))
            laps = std::max(1, args[i + 1].toInt());
    }

    MainWindow window{KafkaSelection{}};
    window.resize(1920, 1080);
    window.show();
    QSignalSpy ready(&window, &MainWindow::kafkaReady);
    if (!ready.wait(15000)) {
        std::fprintf(stderr, "bench_gui: Kafka did not start\n");
        return 1;
    }
    const double idleMb = residentMegabytes();
    const auto idleFrames = grabTimes(window, 40, 50);

    // Live phase: 1x, so the race's timestamps are the wall clock's.
    SessionOptions live;
    live.race.circuitId = QStringLiteral("monza");
    live.race.seed = 11;
    live.speed = 1.0;
    window.setRaceOptions(live);
    window.startRaceWhenReady();
    waitFor([&] { return window.session() && window.session()->state() == RaceSession::State::Running; }, 20000);
    std::vector<double> latencies, steadyLatencies;
    QElapsedTimer sinceStart;
    sinceStart.start();
    QObject::connect(window.session(), &RaceSession::viewBatch, &window, [&](const RaceViewBatch &batch) {
        // Connected after the window's own slot: the store already holds the batch.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const qint64 produced : batch.producedAtMs) {
            latencies.push_back(double(now - produced));
            if (sinceStart.elapsed() > kWarmUpMs)
                steadyLatencies.push_back(double(now - produced));
        }
    });
    waitFor([] { return false; }, 3000); // the pipeline warms up
    latencies.clear();
    const auto raceFrames = grabTimes(window, seconds * 10, 100);
    const size_t telemetryPoints = window.raceView()->telemetryPointCount();
    if (perPanel) {
        // Where a frame goes: each visible panel grabbed alone.
        for (auto *dock : window.findChildren<QDockWidget *>()) {
            if (dock->isVisible())
                std::printf("panel %-16s grab p50 %.2f ms\n", qPrintable(dock->objectName()), percentile(grabTimes(*dock, 30, 0), 50));
        }
        std::printf("panel %-16s grab p50 %.2f ms\n", "leaderboard", percentile(grabTimes(*window.centralWidget(), 30, 0), 50));
    }
    window.session()->stop();
    waitFor([&] { return window.session()->state() == RaceSession::State::Stopped; }, 30000);

    // Memory: a whole race at max speed, then what the process holds.
    SessionOptions full;
    full.race.circuitId = QStringLiteral("monza");
    full.race.laps = laps;
    full.race.seed = 12;
    full.speed = 0;
    window.setRaceOptions(full);
    QElapsedTimer fullClock;
    fullClock.start();
    window.startRaceWhenReady();
    waitFor([&] { return window.isResultsShown(); }, 1800000);
    const double fullS = double(fullClock.elapsed()) / 1000.0;
    waitFor([] { return false; }, 1000);
    const double afterMb = residentMegabytes();
    const size_t pointsHeld = window.raceView()->telemetryPointCount();
    const auto stats = window.session()->stats();

    const double idleP50 = percentile(idleFrames, 50);
    std::printf("\n== bench_gui: the window under a race (20 cars, 10 Hz telemetry, 1920x1080, every panel) ==\n");
    std::printf("live phase: %d s at 1x, %zu messages reached the view, %zu telemetry points held\n", seconds, latencies.size(),
                telemetryPoints);
    std::printf("%d-lap race at max speed: %.1f s, race time %.0f s, skipped %llu, view dropped %llu\n", laps, fullS,
                stats.raceTimeS, static_cast<unsigned long long>(stats.skipped), static_cast<unsigned long long>(stats.viewDropped));
    std::printf("frame (grab) idle window:   p50 %.2f ms  p99 %.2f ms\n", idleP50, percentile(idleFrames, 99));
    std::printf("frame (grab) during race:   p50 %.2f ms  p99 %.2f ms  (target p99 <= 16 ms; p50 %.2fx idle)\n",
                percentile(raceFrames, 50), percentile(raceFrames, 99), percentile(raceFrames, 50) / std::max(0.001, idleP50));
    std::printf("event-to-view latency:      p50 %.1f ms  p99 %.1f ms  (target p99 <= 50 ms; whole live phase)\n",
                percentile(latencies, 50), percentile(latencies, 99));
    std::printf("  after the detectors' first fits (%lld s on): p50 %.1f ms  p99 %.1f ms  (%zu messages)\n",
                static_cast<long long>(kWarmUpMs / 1000), percentile(steadyLatencies, 50), percentile(steadyLatencies, 99),
                steadyLatencies.size());
    std::printf("telemetry points held after it: %zu (full rate for %lld s, then 1 Hz)\n", pointsHeld,
                static_cast<long long>(RaceViewStore::kFullRateWindowMs / 1000));
    std::printf("resident memory: idle %.0f MB, after the %d-lap race %.0f MB (target <= 300 MB; %.2fx idle)\n", idleMb, laps,
                afterMb, afterMb / std::max(1.0, idleMb));
    return 0;
}
