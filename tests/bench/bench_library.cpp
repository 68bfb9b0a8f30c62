// Benchmark: the race library with a 60-lap race (20 cars, 10 Hz telemetry, every topic
// the race produces). Records it through RaceRecorder, then measures reading it back as
// fast as possible (what a replay at "max" does before Kafka) against the live simulator
// producing the same messages (simulate + encode) in the same run, seek latency to random
// moments (time to the first message there), and the library's size per race-hour.
// Figures are printed at the end.
//
//   build/tests/bench/bench_library

#include "core/JsonCodec.h"
#include "pipeline/RaceRunner.h"
#include "pipeline/ReplayRunner.h"
#include "stream/KafkaEndpoint.h"
#include "stream/KafkaProducer.h"
#include "core/Topics.h"
#include "sim/RaceSimulator.h"
#include "storage/RaceLibrary.h"
#include "storage/RaceRecorder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <random>
#include <thread>

using namespace pitwall;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("library.sqlite"));

    SimOptions options;
    options.circuitId = QStringLiteral("monza");
    options.laps = 60;
    options.seed = 60;
    options.telemetryHz = 10;
    options.raceId = QStringLiteral("race-bench60");
    options.startEpochMs = 1751288400000LL;

    // 1. The live simulator alone: simulate and encode every message (the baseline).
    QElapsedTimer clock;
    qint64 liveMessages = 0;
    clock.start();
    {
        auto simulator = RaceSimulator::create(Grid::builtIn(), options).value();
        SimOutput out;
        while (!simulator->finished()) {
            out.clear();
            simulator->step(out);
            for (const auto &update : out.positions)
                liveMessages += !codec::encode(update).isEmpty();
            for (const auto &metrics : out.teamMetrics)
                liveMessages += !codec::encode(metrics).isEmpty();
            for (const auto &event : out.events)
                liveMessages += !codec::encode(event).isEmpty();
            for (const auto &sample : out.telemetry)
                liveMessages += !codec::encode(sample).isEmpty();
        }
    }
    const double liveRate = double(liveMessages) / (double(clock.nsecsElapsed()) / 1e9);

    // 2. Recording the same race (simulate, encode, queue; the writer thread stores).
    RaceRecord race;
    race.id = options.raceId;
    race.name = QStringLiteral("Benchmark 60 laps");
    race.circuit = options.circuitId;
    race.startedAtMs = options.startEpochMs;
    race.laps = options.laps;
    race.seed = options.seed;
    double raceHours = 0;
    qint64 recorded = 0;
    clock.restart();
    {
        auto recorder = RaceRecorder::start(path, race).value();
        auto simulator = RaceSimulator::create(Grid::builtIn(), options).value();
        const QByteArray key = options.raceId.toUtf8();
        SimOutput out;
        while (!simulator->finished()) {
            out.clear();
            simulator->step(out);
            recorder->setRaceMs(qint64(simulator->raceTimeS() * 1000));
            for (const auto &update : out.positions)
                recorder->record(topics::kDriverPositions, key, codec::encode(update));
            for (const auto &metrics : out.teamMetrics)
                recorder->record(topics::kCarMetrics, key, codec::encode(metrics));
            for (const auto &event : out.events)
                recorder->record(topics::kRaceEvents, key, codec::encode(event));
            for (const auto &sample : out.telemetry)
                recorder->record(topics::kCarTelemetry, sample.driverName.toUtf8(), codec::encode(sample));
            while (recorder->pending() > 200000) // as the race's back-pressure would
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        raceHours = simulator->raceTimeS() / 3600.0;
        if (auto finished = recorder->finish(QStringLiteral("finished"), {}); !finished) {
            std::fprintf(stderr, "bench_library: %s\n", qPrintable(finished.error().message));
            return 1;
        }
        recorded = recorder->recorded();
    }
    const double recordRate = double(recorded) / (double(clock.nsecsElapsed()) / 1e9);

    auto library = RaceLibrary::open(path).value();
    const auto stored = library->find(options.raceId).value().value();

    // 3. Reading the whole race back in order, as fast as possible.
    qint64 readBack = 0;
    clock.restart();
    library->read(options.raceId, 0, [&](const std::vector<RecordedMessage> &messages) {
        readBack += qint64(messages.size());
        return true;
    });
    const double readRate = double(readBack) / (double(clock.nsecsElapsed()) / 1e9);

    // 4. Seeks: the time until the first message at a random moment is in hand.
    std::mt19937_64 random(7);
    std::uniform_int_distribution<qint64> moment(0, stored.durationMs);
    std::vector<double> seekMs;
    for (int i = 0; i < 200; ++i) {
        const qint64 at = moment(random);
        clock.restart();
        qint64 firstMs = -1;
        library->read(options.raceId, at, [&](const std::vector<RecordedMessage> &messages) {
            firstMs = messages.front().raceMs;
            return false;
        });
        seekMs.push_back(double(clock.nsecsElapsed()) / 1e6);
        if (firstMs < at) {
            std::fprintf(stderr, "bench_library: a seek to %lld landed at %lld\n", at, firstMs);
            return 1;
        }
    }
    std::sort(seekMs.begin(), seekMs.end());

    // 5. Through Kafka, as fast as possible: the live race (simulate, encode, produce) and
    //    its replay from the library (read, produce), to the embedded broker, in turn.
    auto endpoint = KafkaEndpoint::prepare(std::nullopt).value();
    auto producer = KafkaProducer::create(endpoint->clientConfig()).value();
    auto runToTheEnd = [&](RaceSource &source) {
        std::atomic<bool> done = false;
        QElapsedTimer timer;
        timer.start();
        source.start([&done] { done = true; });
        while (!done)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        producer->flush(60000);
        quint64 produced = 0;
        for (const char *topic :
             {topics::kDriverPositions, topics::kCarMetrics, topics::kRaceEvents, topics::kFaultLabels, topics::kCarTelemetry})
            produced += source.producedTo(topic);
        return std::pair{produced, double(produced) / (double(timer.nsecsElapsed()) / 1e9)};
    };
    SimOptions kafkaOptions = options;
    kafkaOptions.raceId = QStringLiteral("race-bench60-kafka");
    RaceRunner liveRunner(RaceSimulator::create(Grid::builtIn(), kafkaOptions).value(), *producer, 0.0);
    const auto [liveProduced, liveKafkaRate] = runToTheEnd(liveRunner);
    ReplayRunner replayRunner(path, stored, ReplayRunner::Mode::Recorded, *producer, 0.0);
    const auto [replayProduced, replayKafkaRate] = runToTheEnd(replayRunner);
    const double fileBytes = double(QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size());

    std::printf("\n=== bench_library: a 60-lap race at Monza, 20 cars, 10 Hz telemetry ===\n");
    std::printf("%-50s %12lld\n", "messages in the race", (long long)recorded);
    std::printf("%-50s %12.0f msg/s\n", "live simulator: simulate + encode (baseline)", liveRate);
    std::printf("%-50s %12.0f msg/s (%.2f x live)\n", "recording: simulate + encode + store", recordRate, recordRate / liveRate);
    std::printf("%-50s %12.0f msg/s (%.2f x live)\n", "library read-back for replay, as fast as possible", readRate, readRate / liveRate);
    std::printf("%-50s %12.0f msg/s (%llu messages)\n", "live race to Kafka, as fast as possible (baseline)", liveKafkaRate,
                static_cast<unsigned long long>(liveProduced));
    std::printf("%-50s %12.0f msg/s (%.2f x live; %llu messages)\n", "replay from the library to Kafka, as fast as possible",
                replayKafkaRate, replayKafkaRate / liveKafkaRate, static_cast<unsigned long long>(replayProduced));
    std::printf("%-50s %12.1f ms (p50 %.1f ms; target p99 <= 100 ms)\n", "seek latency p99 (200 random moments)",
                seekMs[size_t(0.99 * double(seekMs.size()))], seekMs[seekMs.size() / 2]);
    std::printf("%-50s %12.1f MB (%.1f bytes a message)\n", "library size per race-hour", fileBytes / raceHours / 1e6,
                fileBytes / double(recorded));
    return 0;
}
