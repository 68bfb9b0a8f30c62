// Benchmark: simulator throughput at 20 cars x 50 Hz telemetry, as fast as possible,
// on one core: without Kafka (the simulator alone), with Kafka (encode + produce to the
// embedded broker, as a race runs), and the raw produce rate of the same messages as
// the Kafka baseline. Figures are printed at the end.
//
//   ctest --test-dir build -C bench -L bench --verbose   (or: build/tests/bench/bench_simulator)

#include "core/JsonCodec.h"
#include "core/Topics.h"
#include "sim/RaceSimulator.h"
#include "stream/KafkaEndpoint.h"
#include "stream/KafkaProducer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <cstdio>

using namespace pitwall;

namespace {

SimOptions benchRace()
{
    SimOptions options;
    options.circuitId = QStringLiteral("monza");
    options.laps = 12;
    options.seed = 2026;
    options.telemetryHz = 50;
    options.faultsPerCarHour = 1.0;
    options.startEpochMs = 1751288400000LL;
    return options;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);

    // 1. The simulator alone.
    double simOnly = 0;
    quint64 samples = 0;
    {
        auto simulator = RaceSimulator::create(Grid::builtIn(), benchRace()).value();
        SimOutput out;
        QElapsedTimer clock;
        clock.start();
        while (!simulator->finished()) {
            out.clear();
            simulator->step(out);
            samples += out.telemetry.size();
        }
        simOnly = samples / (clock.nsecsElapsed() / 1e9);
    }
    std::fprintf(stderr, "simulator alone: %llu samples\n", samples);

    // 2. The simulator through Kafka, as the race runner does it (telemetry topic).
    auto endpoint = KafkaEndpoint::prepare(std::nullopt).value();
    double withKafka = 0;
    std::vector<QByteArray> encodedSample;
    {
        auto producer = KafkaProducer::create(endpoint->clientConfig()).value();
        auto simulator = RaceSimulator::create(Grid::builtIn(), benchRace()).value();
        SimOutput out;
        quint64 produced = 0;
        QElapsedTimer clock;
        clock.start();
        while (!simulator->finished()) {
            out.clear();
            simulator->step(out);
            for (const auto &sample : out.telemetry) {
                const auto bytes = codec::encode(sample);
                producer->produce(topics::kCarTelemetry, sample.driverName.toUtf8(), bytes);
                if (encodedSample.size() < 200000)
                    encodedSample.push_back(bytes);
                ++produced;
            }
        }
        producer->flush(60000);
        withKafka = produced / (clock.nsecsElapsed() / 1e9);
        if (producer->stats().failed)
            qFatal("delivery failures: %s", qPrintable(producer->stats().lastError));
    }

    // 3. Baseline: producing the same, already encoded, messages.
    double rawProduce = 0;
    {
        auto producer = KafkaProducer::create(endpoint->clientConfig()).value();
        QElapsedTimer clock;
        clock.start();
        for (const auto &bytes : encodedSample)
            producer->produce(topics::kCarTelemetry, "car", bytes);
        producer->flush(60000);
        rawProduce = encodedSample.size() / (clock.nsecsElapsed() / 1e9);
    }
    // 4. Encoding alone, to show where the time goes.
    double encodeOnly = 0;
    {
        auto simulator = RaceSimulator::create(Grid::builtIn(), benchRace()).value();
        SimOutput out;
        std::vector<TelemetrySample> batch;
        while (batch.size() < 100000 && !simulator->finished()) {
            out.clear();
            simulator->step(out);
            batch.insert(batch.end(), out.telemetry.begin(), out.telemetry.end());
        }
        QElapsedTimer clock;
        clock.start();
        qsizetype bytes = 0;
        for (const auto &sample : batch)
            bytes += codec::encode(sample).size();
        encodeOnly = batch.size() / (clock.nsecsElapsed() / 1e9);
        if (bytes == 0)
            qFatal("nothing encoded");
    }

    std::printf("\n=== bench_simulator: 20 cars x 50 Hz, Monza, 12 laps, one core ===\n");
    std::printf("%-44s %12.0f samples/s\n", "simulator alone (no Kafka)", simOnly);
    std::printf("%-44s %12.0f samples/s\n", "simulator + JSON + produce (embedded broker)", withKafka);
    std::printf("%-44s %12.0f msg/s\n", "raw produce of the same messages (baseline)", rawProduce);
    std::printf("%-44s %12.0f samples/s\n", "JSON encoding alone", encodeOnly);
    std::printf("%-44s %12.2f x\n", "with Kafka / raw produce", withKafka / rawProduce);
    std::printf("%-44s %12.1f x real time\n", "simulator alone, race time", simOnly / (20.0 * 50.0));
    std::printf("%-44s %s\n", "target >= 1,000,000 samples/s without Kafka", simOnly >= 1e6 ? "met" : "NOT MET");
    return simOnly >= 1e6 ? 0 : 1;
}
