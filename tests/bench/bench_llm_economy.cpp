// Benchmark: the LLM economy of the commentary agent. A headless 20-lap race (20 cars)
// runs through the whole pipeline with the commentary agent calling a fake
// OpenAI-compatible endpoint on loopback that answers in 1 s. Counted against the demo's
// policy on the same race (one LLM call per f1-driver-positions message, with the demo's
// prompt): calls and tokens. Coverage: the share of lead changes, top-3 overtakes, top-5
// pit stops and telemetry anomalies that some commentary line tells (by the moment ids it
// carries). Latency: from the Kafka timestamp of the message that made a moment to the
// Kafka timestamp of the commentary line that tells it. Figures are printed last.
//
//   build/tests/bench/bench_llm_economy [--laps 20] [--speed 10] [--answer-ms 1000]
// Targets: calls <= 1/40 of the demo's, coverage >= 95 %, p95 latency <= 3 s.

#include "../support/FakeCommentator.h"
#include "../support/FakeHttpServer.h"
#include "ai/AiSettings.h"
#include "core/Grid.h"
#include "core/JsonCodec.h"
#include "core/Topics.h"
#include "aiservices/AiServices.h"
#include "pipeline/RaceSession.h"
#include "stream/KafkaConsumer.h"
#include "stream/KafkaEndpoint.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QThread>
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

using namespace pitwall;
using pitwall::test::FakeHttpServer;
using pitwall::test::FakeRequest;
using pitwall::test::FakeResponse;

namespace {

struct Collected {
    QMutex mutex;
    std::vector<KafkaRecord> records;
};

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p / 100.0 * double(values.size())))];
}

struct Truth {
    QString kind; // lead_change, overtake, pit_stop, anomaly
    QString driver;
    qint64 raceMs = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption laps(QStringLiteral("laps"), QStringLiteral("Race laps."), QStringLiteral("n"), QStringLiteral("20"));
    const QCommandLineOption speed(QStringLiteral("speed"), QStringLiteral("Race speed."), QStringLiteral("x"), QStringLiteral("10"));
    const QCommandLineOption answerMs(QStringLiteral("answer-ms"), QStringLiteral("The fake endpoint's answer time."),
                                      QStringLiteral("ms"), QStringLiteral("1000"));
    parser.addOptions({laps, speed, answerMs});
    parser.addHelpOption();
    parser.process(app);

    // The fake endpoint: answers after answer-ms; tokens counted like the governor estimates (4 characters a token).
    const int delayMs = parser.value(answerMs).toInt();
    FakeHttpServer server([delayMs](const FakeRequest &request) {
        const auto messages = QJsonDocument::fromJson(request.body).object().value(QStringLiteral("messages")).toArray();
        QString prompt;
        for (const auto &message : messages)
            prompt += message.toObject().value(QStringLiteral("content")).toString();
        const QString answer = test::fakeCommentaryAnswer(messages.last().toObject().value(QStringLiteral("content")).toString(), false);
        const QJsonObject body{
            {"id", "c"},
            {"object", "chat.completion"},
            {"model", "fake-model"},
            {"choices", QJsonArray{QJsonObject{{"index", 0},
                                               {"finish_reason", "stop"},
                                               {"message", QJsonObject{{"role", "assistant"}, {"content", answer}}}}}},
            {"usage", QJsonObject{{"prompt_tokens", int(prompt.size() / 4)}, {"completion_tokens", int(answer.size() / 4)}}}};
        auto response = FakeResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
        response.delayMs = delayMs;
        return response;
    });

    ai::AiSettings settings;
    settings.llm = ai::LlmChoice::OpenAi;
    settings.openai.baseUrl = server.baseUrl() + QStringLiteral("/v1");
    settings.openai.apiKey = QStringLiteral("bench-key");
    settings.openai.model = QStringLiteral("fake-model");
    auto services = AiServices::start(settings);
    if (!services) {
        std::fprintf(stderr, "%s\n", qPrintable(services.error().message));
        return 1;
    }
    auto endpoint = KafkaEndpoint::prepare(std::nullopt);
    if (!endpoint) {
        std::fprintf(stderr, "%s\n", qPrintable(endpoint.error().message));
        return 1;
    }

    // Everything the moments come from, and the commentary, with Kafka timestamps.
    Collected collected;
    auto consumer = KafkaConsumer::create(endpoint.value()->clientConfig(),
                                          {QString::fromLatin1(topics::kDriverPositions), QString::fromLatin1(topics::kRaceEvents),
                                           QString::fromLatin1(topics::kTelemetryAnomalies),
                                           QString::fromLatin1(topics::kCommentaryInput), QString::fromLatin1(topics::kCommentary)},
                                          KafkaConsumer::StartAt::End, KafkaEndpoint::kDefaultTimeoutMs, 20);
    consumer.value()->start([&](std::vector<KafkaRecord> &&batch) {
        QMutexLocker lock(&collected.mutex);
        for (auto &record : batch)
            collected.records.push_back(std::move(record));
    });
    consumer.value()->waitUntilFetching(KafkaEndpoint::kDefaultTimeoutMs);

    SessionOptions options;
    options.race.circuitId = QStringLiteral("monza");
    options.race.laps = parser.value(laps).toInt();
    options.race.seed = 2024;
    options.race.telemetryHz = 10;
    options.race.faultsPerCarHour = 2;
    options.speed = parser.value(speed).toDouble();
    options.ai = services.value();
    RaceSession session(endpoint.value(), Grid::builtIn(), options);
    QObject::connect(&session, &RaceSession::stopped, &app, [] { QCoreApplication::quit(); });
    QObject::connect(&session, &RaceSession::failed, &app, [](const QString &reason) {
        std::fprintf(stderr, "race failed: %s\n", qPrintable(reason));
        QCoreApplication::exit(1);
    });
    std::fprintf(stderr, "bench_llm_economy: %d laps at %sx, endpoint answers in %d ms...\n", options.race.laps,
                 qPrintable(parser.value(speed)), delayMs);
    session.start();
    if (app.exec() != 0)
        return 1;
    QThread::msleep(1000);
    consumer.value()->stop();

    // The demo's policy on this race: one call per position message, its prompt.
    qint64 demoCalls = 0, demoTokensIn = 0;
    std::map<std::pair<QString, qint64>, qint64> sourceKafkaMs; // (driver, race ms) -> when its message was produced
    std::vector<Truth> truth;
    std::map<QString, int> positionOf;
    QString leader;
    std::map<QString, qint64> lastAnomaly;
    std::vector<Commentary> lines;
    std::vector<qint64> lineKafkaMs;
    auto remember = [&](const QString &driver, qint64 raceMs, qint64 kafkaMs) {
        auto &slot = sourceKafkaMs[{driver, raceMs}];
        slot = slot == 0 ? kafkaMs : std::min(slot, kafkaMs);
    };
    for (const auto &record : collected.records) {
        if (record.topic == QLatin1String(topics::kDriverPositions)) {
            const auto update = codec::decodePositionUpdate(record.value);
            if (!update)
                continue;
            ++demoCalls;
            demoTokensIn += (QStringLiteral("Driver: %1, Position: %2. Generate exciting F1 commentary. Keep it under 80 characters.")
                                 .arg(update->driverName)
                                 .arg(update->position)
                                 .size()) /
                            4;
            positionOf[update->driverName] = update->position;
            if (update->position == 1 && update->driverName != leader) {
                if (!leader.isEmpty())
                    truth.push_back({QStringLiteral("lead_change"), update->driverName, update->timestampMs});
                leader = update->driverName;
            }
        } else if (record.topic == QLatin1String(topics::kCommentaryInput)) {
            const auto input = codec::decodeCommentaryInput(record.value);
            if (input)
                remember(input->driverName, input->timestampMs, record.timestampMs);
        } else if (record.topic == QLatin1String(topics::kRaceEvents)) {
            const auto event = codec::decodeRaceEvent(record.value);
            if (!event)
                continue;
            remember(event->driverName, event->timestampMs, record.timestampMs);
            if (event->kind == QLatin1String("overtake") && event->details.value(QStringLiteral("position")).toInt() <= 3)
                truth.push_back({QStringLiteral("overtake"), event->driverName, event->timestampMs});
            if (event->kind == QLatin1String("pit_stop") && positionOf[event->driverName] >= 1 && positionOf[event->driverName] <= 5)
                truth.push_back({QStringLiteral("pit_stop"), event->driverName, event->timestampMs});
        } else if (record.topic == QLatin1String(topics::kTelemetryAnomalies)) {
            const auto anomaly = codec::decodeTelemetryAnomaly(record.value);
            if (!anomaly)
                continue;
            remember(anomaly->driverName, anomaly->timestampMs, record.timestampMs);
            const QString episode = anomaly->driverName + QLatin1Char('|') + anomaly->metric;
            const auto last = lastAnomaly.find(episode);
            if (last == lastAnomaly.end() || anomaly->timestampMs - last->second >= 60'000)
                truth.push_back({QStringLiteral("anomaly"), anomaly->driverName, anomaly->timestampMs});
            lastAnomaly[episode] = anomaly->timestampMs;
        } else if (record.topic == QLatin1String(topics::kCommentary)) {
            const auto line = codec::decodeCommentary(record.value);
            if (line) {
                lines.push_back(line.value());
                lineKafkaMs.push_back(record.timestampMs);
            }
        }
    }

    // Which moments the lines told: "<kind>:<driver>:<race ms>".
    std::vector<Truth> told;
    std::vector<double> latencyAll, latencyModel;
    int byModel = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
        qint64 earliest = 0;
        for (const auto &id : lines[i].eventIds) {
            const QString kind = id.section(QLatin1Char(':'), 0, 0);
            const QString driver = id.section(QLatin1Char(':'), 1, -2);
            const qint64 raceMs = id.section(QLatin1Char(':'), -1).toLongLong();
            told.push_back({kind, driver, raceMs});
            auto source = sourceKafkaMs.find({driver, raceMs});
            if (source == sourceKafkaMs.end()) // race-wide events name no driver (the start names the pole-sitter)
                source = sourceKafkaMs.find({QString(), raceMs});
            if (source != sourceKafkaMs.end())
                earliest = earliest == 0 ? source->second : std::min(earliest, source->second);
        }
        const bool model = !lines[i].source.startsWith(QLatin1String("offline"));
        byModel += model;
        if (earliest > 0) {
            latencyAll.push_back(double(lineKafkaMs[i] - earliest));
            if (model)
                latencyModel.push_back(double(lineKafkaMs[i] - earliest));
        }
    }
    std::map<QString, std::pair<int, int>> coverage; // kind -> (covered, all)
    for (const auto &event : truth) {
        bool covered = false;
        for (const auto &t : told) {
            const bool sameKind = t.kind == event.kind ||
                                  (event.kind == QLatin1String("lead_change") && t.kind == QLatin1String("overtake")) ||
                                  (event.kind == QLatin1String("overtake") && t.kind == QLatin1String("lead_change"));
            if (sameKind && t.driver == event.driver && std::abs(t.raceMs - event.raceMs) <= 10'000) {
                covered = true;
                break;
            }
        }
        auto &[hit, all] = coverage[event.kind];
        hit += covered;
        ++all;
    }
    int hits = 0, total = 0;
    for (const auto &[kind, counts] : coverage) {
        hits += counts.first;
        total += counts.second;
    }

    const auto usage = services.value()->llmUsage();
    const double callRatio = demoCalls > 0 ? double(usage.calls) / double(demoCalls) : 0;
    const double tokenRatio = demoTokensIn > 0 ? double(usage.tokensIn) / double(demoTokensIn) : 0;
    std::printf("\n== LLM economy: %d-lap race at %sx, fake endpoint answering in %d ms ==\n", options.race.laps,
                qPrintable(parser.value(speed)), delayMs);
    std::printf("demo policy (one call per position message): %lld calls, ~%lld prompt tokens (+ its answers)\n",
                (long long)demoCalls, (long long)demoTokensIn);
    std::printf("commentary agent:                             %llu calls, %lld prompt tokens, %lld answer tokens\n",
                (unsigned long long)usage.calls, (long long)usage.tokensIn, (long long)usage.tokensOut);
    std::printf("calls: 1/%.0f of the demo's (ratio %.4f; target <= 1/40 = 0.025): %s\n", callRatio > 0 ? 1.0 / callRatio : 0.0,
                callRatio, callRatio <= 0.025 ? "met" : "NOT met");
    std::printf("prompt tokens: %.3f of the demo's\n", tokenRatio);
    std::printf("lines: %zu (%d by the model, %zu offline; fallbacks %llu, held back by the governor %llu, grounding rejections %llu)\n",
                lines.size(), byModel, lines.size() - size_t(byModel), (unsigned long long)usage.fallbacks,
                (unsigned long long)(usage.refusedByBudget + usage.refusedByCircuit), (unsigned long long)usage.groundingRejections);
    for (const auto &[kind, counts] : coverage)
        std::printf("coverage %-12s %d of %d\n", qPrintable(kind), counts.first, counts.second);
    const double share = total > 0 ? 100.0 * hits / total : 0;
    std::printf("coverage overall: %.1f %% (%d of %d; target >= 95 %%): %s\n", share, hits, total, share >= 95.0 ? "met" : "NOT met");
    std::printf("event-to-commentary latency, all lines:  p50 %.0f ms, p95 %.0f ms (n=%zu)\n", percentile(latencyAll, 50),
                percentile(latencyAll, 95), latencyAll.size());
    std::printf("event-to-commentary latency, model lines: p50 %.0f ms, p95 %.0f ms (n=%zu; target p95 <= 3000 ms): %s\n",
                percentile(latencyModel, 50), percentile(latencyModel, 95), latencyModel.size(),
                !latencyModel.empty() && percentile(latencyModel, 95) <= 3000 ? "met" : "NOT met");
    return 0;
}
