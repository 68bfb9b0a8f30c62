// Benchmark: real races. Imports the 2018 Azerbaijan GP (F1 live-timing archive) and the
// 2024 Austrian GP (OpenF1 positions of 20 cars) from ../shared/data/f1, timing each
// stage (read, build, store: lines/s and race-seconds imported per wall-second), then
// plays each imported race to the embedded Kafka broker as fast as the readers allow and,
// in the same run, a simulated race of about the same race length (the baseline), and
// compares race-seconds per wall-second. Figures are printed at the end.
// Targets: a full race imports in under 10 s; its replay at max is no slower than the
// simulated race's.
//
//   build/tests/bench/bench_realrace

#include "core/Grid.h"
#include "core/Topics.h"
#include "pipeline/RaceRunner.h"
#include "pipeline/ReplayRunner.h"
#include "realrace/RealRaceImport.h"
#include "sim/Circuit.h"
#include "sim/RaceSimulator.h"
#include "storage/RaceLibrary.h"
#include "stream/KafkaEndpoint.h"
#include "stream/KafkaProducer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <thread>

using namespace pitwall;

namespace {

struct Figures {
    QString name;
    qint64 lines = 0;
    qint64 messages = 0;
    double raceS = 0;
    double readS = 0, buildS = 0, storeS = 0;
    double replayRaceSPerS = 0;
    double simulatedRaceSPerS = 0;
    double simulatedRaceS = 0;
};

// Plays a source to its end as fast as possible: race-seconds per wall-second.
double playToTheEnd(RaceSource &source, KafkaProducer &producer)
{
    std::atomic<bool> done = false;
    QElapsedTimer timer;
    timer.start();
    source.start([&done] { done = true; });
    while (!done)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    producer.flush(60000);
    return source.raceTimeS() / (double(timer.nsecsElapsed()) / 1e9);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("library.sqlite"));
    auto library = RaceLibrary::open(path).value();
    auto endpoint = KafkaEndpoint::prepare(std::nullopt).value();
    auto producer = KafkaProducer::create(endpoint->clientConfig()).value();

    std::vector<Figures> all;
    for (const auto &[name, folder] :
         {std::pair{QStringLiteral("2018 Azerbaijan GP, live timing"), QStringLiteral("livetiming_2018_azerbaijan_gp_race")},
          std::pair{QStringLiteral("2024 Austrian GP, OpenF1 positions"), QStringLiteral("openf1_2024_austrian_gp_race")}}) {
        const QString source = QStringLiteral(PITWALL_SHARED_DATA_DIR "/f1/") + folder;
        auto imported = realrace::importRealRace(*library, {source});
        if (!imported) {
            std::fprintf(stderr, "bench_realrace: %s: %s\n", qPrintable(name), qPrintable(imported.error().message));
            return 1;
        }
        Figures f;
        f.name = name;
        f.lines = imported->linesRead;
        f.messages = imported->record.messageCount;
        f.raceS = double(imported->record.durationMs) / 1000.0;
        f.readS = imported->readSeconds;
        f.buildS = imported->buildSeconds;
        f.storeS = imported->storeSeconds;

        // The imported race replayed to Kafka, then a simulated race of about the same length.
        ReplayRunner replay(path, imported->record, ReplayRunner::Mode::Rerun, *producer, 0.0);
        f.replayRaceSPerS = playToTheEnd(replay, *producer);
        SimOptions options;
        options.circuitId = QStringLiteral("red-bull-ring");
        const double lapS = 68.0; // the Red Bull Ring's race pace, near enough for the length
        options.laps = std::clamp(int(std::lround(f.raceS / lapS)), 1, 100);
        options.seed = 17;
        options.raceId = QStringLiteral("race-bench-real-%1").arg(all.size());
        RaceRunner simulated(RaceSimulator::create(Grid::builtIn(), options).value(), *producer, 0.0);
        f.simulatedRaceSPerS = playToTheEnd(simulated, *producer);
        f.simulatedRaceS = simulated.raceTimeS();
        all.push_back(f);
    }

    std::printf("\n=== bench_realrace: importing and replaying real races ===\n");
    for (const auto &f : all) {
        const double importS = f.readS + f.buildS + f.storeS;
        std::printf("%s\n", qPrintable(f.name));
        std::printf("  %-46s %10lld lines, %lld messages, %.0f race-s\n", "source", (long long)f.lines, (long long)f.messages, f.raceS);
        std::printf("  %-46s %10.2f s (read %.2f, build %.2f, store %.2f; target < 10 s)\n", "import", importS, f.readS, f.buildS,
                    f.storeS);
        std::printf("  %-46s %10.0f lines/s, %.0f race-s per wall-s\n", "import speed", double(f.lines) / f.readS, f.raceS / importS);
        std::printf("  %-46s %10.0f race-s per wall-s\n", "simulated race to Kafka at max (baseline)", f.simulatedRaceSPerS);
        std::printf("  %-46s %10.0f race-s per wall-s (%.2f x the simulated race of %.0f race-s)\n",
                    "imported race to Kafka at max", f.replayRaceSPerS, f.replayRaceSPerS / f.simulatedRaceSPerS, f.simulatedRaceS);
    }
    return 0;
}
