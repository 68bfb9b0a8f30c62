// Benchmark: how fast messages cross the embedded broker, and whether the consumer
// keeps up. Every figure is printed at the end, with ratios to baselines measured in
// the same run (the machine is small and noisy, so absolute numbers drift).
//
//   ctest --test-dir build -C bench -L bench --verbose     (or: build/tests/bench_kafka_relay)

#include "core/JsonCodec.h"
#include "core/Topics.h"
#include "pipeline/LeaderboardFeed.h"
#include "stream/KafkaConsumer.h"
#include "stream/KafkaEndpoint.h"
#include "stream/KafkaProducer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <cstdio>
#include <functional>
#include <vector>

using namespace pitwall;

namespace {

struct Figure {
    QString name;
    double value;
    QString unit;
};
std::vector<Figure> figures;

void record(const QString &name, double value, const QString &unit)
{
    figures.push_back({name, value, unit});
    std::fprintf(stderr, "  measured %s\n", qPrintable(name));
}

std::vector<QByteArray> positionMessages(int count)
{
    std::vector<QByteArray> messages;
    messages.reserve(count);
    for (int i = 0; i < count; ++i) {
        // ~150 bytes, like a real f1-driver-positions value
        messages.push_back(
            codec::encode(PositionUpdate{QStringLiteral("Driver %1").arg(i % 20), i % 20 + 1, 1732406400000LL + i,
                                         QStringLiteral("race-bench"), QStringLiteral("Red Bull Racing"), 250.0 + (i % 100)}));
    }
    return messages;
}

std::shared_ptr<KafkaEndpoint> startBroker()
{
    auto endpoint = KafkaEndpoint::prepare(std::nullopt);
    if (!endpoint)
        qFatal("%s", qPrintable(endpoint.error().message));
    return endpoint.value();
}

struct RelayResult {
    double rate = 0;     // messages/s from the first produce to the last consumed
    quint64 skipped = 0; // lost because the consumer fell behind the broker's window
};

// Produces `messages` at `pace` messages/s (0: as fast as possible) while a consumer
// with `handler` reads them.
RelayResult relay(const KafkaEndpoint &endpoint, const char *topic, const std::vector<QByteArray> &messages, double pace,
                  const std::function<void(std::vector<KafkaRecord> &&)> &handler)
{
    auto consumer =
        KafkaConsumer::create(endpoint.clientConfig(), {QString::fromLatin1(topic)}, KafkaConsumer::StartAt::End, 5000).value();
    auto producer = KafkaProducer::create(endpoint.clientConfig()).value();
    std::atomic<quint64> seen{0};
    consumer->start([&](std::vector<KafkaRecord> &&batch) {
        seen += batch.size();
        handler(std::move(batch));
    });
    static const QByteArray keys[] = {"k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "k10", "k11"};
    QElapsedTimer clock;
    clock.start();
    constexpr size_t kChunk = 500;
    for (size_t i = 0; i < messages.size(); ++i) {
        producer->produce(topic, keys[i % 12], messages[i]);
        if (pace > 0 && i % kChunk == kChunk - 1) {
            const qint64 due = qint64((i + 1) / pace * 1e9);
            while (clock.nsecsElapsed() < due)
                QThread::usleep(50);
        }
    }
    producer->flush(60000);
    while (seen + consumer->stats().skipped < messages.size() && clock.elapsed() < 60000)
        QThread::usleep(200);
    RelayResult result{messages.size() / (clock.nsecsElapsed() / 1e9), 0};
    consumer->stop();
    result.skipped = consumer->stats().skipped;
    return result;
}

// The highest of `paces` at which the consumer loses nothing, or 0.
double highestLosslessPace(const KafkaEndpoint &endpoint, const char *topic, const std::vector<QByteArray> &messages,
                           const std::vector<double> &paces, const std::function<void(std::vector<KafkaRecord> &&)> &handler,
                           double *achieved)
{
    double best = 0;
    for (double pace : paces) {
        const auto result = relay(endpoint, topic, messages, pace, handler);
        std::fprintf(stderr, "  %s at %.0f msg/s: achieved %.0f msg/s, skipped %llu\n", topic, pace, result.rate, result.skipped);
        if (result.skipped != 0)
            break;
        best = pace;
        *achieved = result.rate;
    }
    return best;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    constexpr int kMessages = 300000;
    const auto messages = positionMessages(kMessages);
    double averageBytes = 0;
    for (const auto &m : messages)
        averageBytes += m.size();
    averageBytes /= kMessages;

    std::fprintf(stderr, "bench_kafka_relay: %d messages of %.0f bytes\n", kMessages, averageBytes);

    QElapsedTimer startup;
    startup.start();
    auto endpoint = startBroker();
    record(QStringLiteral("embedded broker start-up"), startup.nsecsElapsed() / 1e6, QStringLiteral("ms"));

    // 1. Produce only: the producer's ceiling.
    {
        auto producer = KafkaProducer::create(endpoint->clientConfig()).value();
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < kMessages; ++i)
            producer->produce(topics::kCarMetrics, "k", messages[i]);
        producer->flush(60000);
        record(QStringLiteral("produce only (acknowledged)"), kMessages / (clock.nsecsElapsed() / 1e9), QStringLiteral("msg/s"));
    }

    // 2. Unpaced relay: the producer outruns the consumer and the broker's ~5 MB window.
    const auto flood = relay(*endpoint, topics::kCommentary, messages, 0, [](std::vector<KafkaRecord> &&) {});
    record(QStringLiteral("unpaced relay: share of messages lost"), double(flood.skipped) / kMessages, QString());

    // 3. Paced relays: the highest rate with nothing lost, raw and through the app's
    //    leaderboard feed (decode + validate + keep latest).
    const std::vector<double> paces{50000, 100000, 200000, 400000, 600000, 800000, 1000000, 1200000};
    double rawAchieved = 0, feedAchieved = 0;
    const double rawPace = highestLosslessPace(
        *endpoint, topics::kCarMetricsAnomalies, messages, paces, [](std::vector<KafkaRecord> &&) {}, &rawAchieved);
    LeaderboardFeed feed(QStringLiteral("race-bench"));
    const double feedPace = highestLosslessPace(
        *endpoint, topics::kDriverPositions, messages, paces, [&](std::vector<KafkaRecord> &&batch) { feed.ingest(batch); }, &feedAchieved);
    record(QStringLiteral("raw relay: highest lossless pace (baseline)"), rawPace, QStringLiteral("msg/s"));
    record(QStringLiteral("raw relay: achieved at that pace"), rawAchieved, QStringLiteral("msg/s"));
    record(QStringLiteral("feed relay: highest lossless pace"), feedPace, QStringLiteral("msg/s"));
    record(QStringLiteral("feed relay: achieved at that pace"), feedAchieved, QStringLiteral("msg/s"));
    record(QStringLiteral("feed / raw lossless pace"), rawPace > 0 ? feedPace / rawPace : 0.0, QStringLiteral("x"));

    // 4. Decoding cost: validated decode against a bare JSON parse of the same bytes.
    {
        QElapsedTimer clock;
        clock.start();
        qsizetype keys = 0;
        for (const auto &m : messages)
            keys += QJsonDocument::fromJson(m).object().size();
        const double parseRate = kMessages / (clock.nsecsElapsed() / 1e9);
        clock.restart();
        int ok = 0;
        for (const auto &m : messages)
            ok += codec::decodePositionUpdate(m).hasValue();
        const double decodeRate = kMessages / (clock.nsecsElapsed() / 1e9);
        if (ok != kMessages || keys == 0)
            qFatal("decode failed");
        record(QStringLiteral("bare JSON parse (baseline)"), parseRate, QStringLiteral("msg/s"));
        record(QStringLiteral("validated decode"), decodeRate, QStringLiteral("msg/s"));
        record(QStringLiteral("validated decode / bare parse"), decodeRate / parseRate, QStringLiteral("x"));
    }

    std::printf("\n=== bench_kafka_relay: figures (%d messages, %.0f bytes each, %d cores) ===\n", kMessages, averageBytes,
                QThread::idealThreadCount());
    for (const auto &figure : figures)
        std::printf("%-40s %14.2f %s\n", qPrintable(figure.name), figure.value, qPrintable(figure.unit));
    // The app's consumer must keep up with far more than a race produces.
    const bool keptUp = feedPace >= 50000;
    std::printf("consumer keeps up at >= 50,000 msg/s: %s\n", keptUp ? "yes" : "NO");
    return keptUp ? 0 : 1;
}
