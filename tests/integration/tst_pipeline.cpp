// The pipeline engine on the embedded broker: one definition for local and cloud,
// anomalies written with the demo's fields, poison to the dead-letter topic, a failing
// stage restarted, stages switched off and on.

#include "core/JsonCodec.h"
#include "core/Topics.h"
#include "pipeline/PipelineEngine.h"
#include "stream/KafkaConsumer.h"
#include "stream/KafkaEndpoint.h"
#include "stream/KafkaProducer.h"

#include <QMutex>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>
#include <random>
#include <stdexcept>

using namespace pitwall;

namespace {

struct Collector {
    QMutex mutex;
    std::vector<KafkaRecord> records;
    std::unique_ptr<KafkaConsumer> consumer;

    Collector(const KafkaEndpoint &endpoint, const char *topic)
    {
        consumer = KafkaConsumer::create(endpoint.clientConfig(), {QString::fromLatin1(topic)}, KafkaConsumer::StartAt::End, 5000).value();
        consumer->start([this](std::vector<KafkaRecord> &&batch) {
            QMutexLocker lock(&mutex);
            for (auto &record : batch)
                records.push_back(std::move(record));
        });
    }
    size_t size()
    {
        QMutexLocker lock(&mutex);
        return records.size();
    }
};

// A processor that fails on demand, to see the engine survive it.
class FragileProcessor : public StageProcessor {
public:
    std::optional<QString> process(const KafkaRecord &record, std::vector<StageOutput> &out) override
    {
        if (record.value == "boom")
            throw std::runtime_error("boom");
        out.push_back({topics::kCommentary, record.key, record.value});
        return std::nullopt;
    }
};

} // namespace

class TestPipeline : public QObject {
    Q_OBJECT

private slots:
    void definitionDescribesEachStageOnce()
    {
        const auto stages = pipelineDefinition();
        QVERIFY(stages.size() >= 2);
        QStringList known;
        for (const char *topic : topics::kAll)
            known << QString::fromLatin1(topic);
        QSet<QString> names;
        for (const auto &stage : stages) {
            QVERIFY(!names.contains(stage.name));
            names.insert(stage.name);
            QVERIFY(stage.makeProcessor() != nullptr);
            // The vector-store writer runs in the app in both modes (Confluent Cloud's MongoDB tables are read-only).
            if (stage.flinkSql.isEmpty()) {
                QCOMPARE(stage.name, QStringLiteral("commentary-index"));
                QVERIFY(stage.outputTopics.isEmpty());
                continue;
            }
            for (const auto &topic : stage.inputTopics + stage.outputTopics) {
                QVERIFY2(known.contains(topic), qPrintable(topic));
                QVERIFY2(stage.flinkSql.contains(QLatin1Char('`') + topic + QLatin1Char('`')),
                         qPrintable(stage.name + " SQL lacks " + topic));
            }
            QVERIFY(stage.flinkSql.startsWith(QLatin1String("INSERT INTO `") + stage.outputTopics.value(0)));
            if (stage.name.endsWith(QLatin1String("anomalies")))
                QVERIFY(stage.flinkSql.contains(QLatin1String("ML_DETECT_ANOMALIES")));
        }
        QVERIFY(names.contains(QStringLiteral("enrichment")));
        // The demo's parameters, in the demo's syntax.
        const auto engine = std::find_if(stages.begin(), stages.end(), [](const auto &s) { return s.name == "engine-anomalies"; });
        QVERIFY(engine != stages.end());
        QVERIFY(engine->flinkSql.contains(
            QLatin1String("JSON_OBJECT('confidencePercentage' VALUE 90, 'horizon' VALUE 1, 'minTrainingSize' VALUE 16)")));
        QCOMPARE(flinkJsonObject(R"({"enableStl":false,"p":1})"), QStringLiteral("JSON_OBJECT('enableStl' VALUE FALSE, 'p' VALUE 1)"));
    }

    void engineAnomaliesReachTheirTopicWithTheDemoFields()
    {
        const auto endpoint = KafkaEndpoint::prepare(std::nullopt).value();
        auto producer = KafkaProducer::create(endpoint->clientConfig()).value();
        PipelineEngine engine(endpoint->clientConfig(), *producer);
        QVERIFY(engine.start(5000).hasValue());
        Collector anomalies(*endpoint, topics::kCarMetricsAnomalies);
        Collector deadLetters(*endpoint, topics::kDeadLetters);

        // A steady engine temperature with noise, then a 40% spike.
        std::mt19937_64 random(3);
        std::normal_distribution<double> noise(0.0, 0.5);
        for (int t = 0; t < 200; ++t) {
            double temperature = 95 + noise(random);
            if (t == 150)
                temperature *= 1.4;
            const CarMetrics metrics{QStringLiteral("Ferrari"), 1751288400000LL + t * 1000, temperature};
            QVERIFY(producer->produce(topics::kCarMetrics, "race-7", codec::encode(metrics)));
        }
        QVERIFY(producer->produce(topics::kCarMetrics, "race-7", "{\"team_name\":\"Ferrari\"}")); // poison
        QVERIFY(producer->flush(5000));
        QVERIFY(engine.drain(10000));
        QVERIFY(producer->flush(5000));
        QTRY_VERIFY_WITH_TIMEOUT(deadLetters.size() == 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(anomalies.size() >= 1, 10000);

        bool sawSpike = false;
        for (const auto &record : anomalies.records) {
            const auto anomaly = codec::decodeEngineAnomaly(record.value);
            QVERIFY(anomaly.hasValue());
            QCOMPARE(anomaly->key, QStringLiteral("race-7"));
            QCOMPARE(anomaly->teamName, QStringLiteral("Ferrari"));
            QVERIFY(anomaly->isAnomaly);
            sawSpike = sawSpike || anomaly->tsMs == 1751288400000LL + 150 * 1000;
        }
        QVERIFY(sawSpike);
        QVERIFY2(anomalies.size() < 40, qPrintable(QString::number(anomalies.size()))); // not everything

        const auto &dead = deadLetters.records.front();
        QCOMPARE(dead.value, QByteArray("{\"team_name\":\"Ferrari\"}")); // the original bytes
        QMap<QByteArray, QByteArray> headers;
        for (const auto &[name, value] : dead.headers)
            headers[name] = value;
        QCOMPARE(headers.value("pitwall.dlq.stage"), QByteArray("engine-anomalies"));
        QCOMPARE(headers.value("pitwall.dlq.topic"), QByteArray(topics::kCarMetrics));
        QVERIFY2(headers.value("pitwall.dlq.reason").contains("missing-field"), headers.value("pitwall.dlq.reason").constData());

        const auto metrics = engine.snapshots().at(QStringLiteral("engine-anomalies"));
        QCOMPARE(metrics.in, quint64(201));
        QCOMPARE(metrics.deadLettered, quint64(1));
        QCOMPARE(metrics.out, quint64(anomalies.size()));
        QVERIFY(metrics.latencyP99Us > 0);
        QVERIFY(engine.metricsJson().contains(QStringLiteral("telemetry-anomalies")));
    }

    void enrichmentGivesTheDemoTypesAndContext()
    {
        const auto endpoint = KafkaEndpoint::prepare(std::nullopt).value();
        auto producer = KafkaProducer::create(endpoint->clientConfig()).value();
        PipelineEngine engine(endpoint->clientConfig(), *producer);
        QVERIFY(engine.start(5000).hasValue());
        Collector inputs(*endpoint, topics::kCommentaryInput);
        const qint64 t0 = 1751288400000LL;
        const std::vector<PositionUpdate> updates{
            {QStringLiteral("Lando Norris"), 4, t0, QStringLiteral("r1"), QStringLiteral("McLaren"), 250.0},
            {QStringLiteral("Lando Norris"), 2, t0 + 1000, QStringLiteral("r1"), QStringLiteral("McLaren"), 251.0},
            {QStringLiteral("Lando Norris"), 1, t0 + 2000, QStringLiteral("r1"), QStringLiteral("McLaren"), 252.0},
            {QStringLiteral("Lando Norris"), 2, t0 + 40000, QStringLiteral("r1"), QStringLiteral("McLaren"), 252.0}};
        for (const auto &update : updates)
            QVERIFY(producer->produce(topics::kDriverPositions, "r1", codec::encode(update)));
        QVERIFY(producer->flush(5000));
        QTRY_VERIFY_WITH_TIMEOUT(inputs.size() == 4, 10000);
        std::vector<CommentaryInput> decoded;
        for (const auto &record : inputs.records)
            decoded.push_back(codec::decodeCommentaryInput(record.value).value());
        QCOMPARE(decoded[0].type, CommentaryType::Info);
        QCOMPARE(decoded[1].type, CommentaryType::Warning);
        QCOMPARE(decoded[2].type, CommentaryType::Highlight);
        QCOMPARE(decoded[1].positionChange, 2);
        QCOMPARE(decoded[2].placesGainedRecently, 3);
        QCOMPARE(decoded[3].positionChange, -1);
        QCOMPARE(decoded[3].placesGainedRecently, 0); // the earlier places are older than 30 s
        QCOMPARE(decoded[3].raceId, QStringLiteral("r1"));
    }

    void failingStageRestartsAndGoesOn()
    {
        const auto endpoint = KafkaEndpoint::prepare(std::nullopt).value();
        auto producer = KafkaProducer::create(endpoint->clientConfig()).value();
        std::vector<StageDefinition> stages;
        stages.push_back({QStringLiteral("fragile"),
                          QStringLiteral("test"),
                          {QString::fromLatin1(topics::kCommentaryQueries)},
                          {QString::fromLatin1(topics::kCommentary)},
                          [] { return std::make_unique<FragileProcessor>(); },
                          QString()});
        PipelineEngine engine(endpoint->clientConfig(), *producer, std::move(stages));
        QVERIFY(engine.start(5000).hasValue());
        Collector outputs(*endpoint, topics::kCommentary);
        Collector deadLetters(*endpoint, topics::kDeadLetters);
        for (const char *value : {"one", "boom", "two"})
            QVERIFY(producer->produce(topics::kCommentaryQueries, "k", value));
        QVERIFY(producer->flush(5000));
        QTRY_VERIFY_WITH_TIMEOUT(outputs.size() == 2, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(deadLetters.size() == 1, 10000);
        const auto metrics = engine.snapshots().at(QStringLiteral("fragile"));
        QCOMPARE(metrics.failures, quint64(1));
        QCOMPARE(metrics.restarts, quint64(1));

        // Switched off, it reads nothing; switched on again, it picks up new records.
        QVERIFY(engine.setEnabled(QStringLiteral("fragile"), false, 5000).hasValue());
        QVERIFY(!engine.snapshots().at(QStringLiteral("fragile")).enabled);
        QVERIFY(producer->produce(topics::kCommentaryQueries, "k", "while off"));
        QVERIFY(producer->flush(5000));
        QTest::qWait(500);
        QCOMPARE(outputs.size(), size_t(2));
        QVERIFY(engine.setEnabled(QStringLiteral("fragile"), true, 5000).hasValue());
        QVERIFY(producer->produce(topics::kCommentaryQueries, "k", "three"));
        QVERIFY(producer->flush(5000));
        QTRY_VERIFY_WITH_TIMEOUT(outputs.size() == 3, 10000);
        QVERIFY(!engine.setEnabled(QStringLiteral("nope"), true, 1000).hasValue());
    }

    // Junk that every stage reading a topic refuses is dead-lettered once, not once per
    // stage (issue 22, item 5): each stage still counts its own refusal.
    void junkRefusedByEveryStageIsDeadLetteredOnce()
    {
        const auto endpoint = KafkaEndpoint::prepare(std::nullopt).value();
        auto producer = KafkaProducer::create(endpoint->clientConfig()).value();
        std::vector<StageDefinition> stages;
        for (const char *name : {"first", "second", "third"})
            stages.push_back({QString::fromLatin1(name),
                              QStringLiteral("test"),
                              {QString::fromLatin1(topics::kCommentaryQueries)},
                              {QString::fromLatin1(topics::kCommentary)},
                              [] { return std::make_unique<FragileProcessor>(); },
                              QString()});
        PipelineEngine engine(endpoint->clientConfig(), *producer, std::move(stages));
        QVERIFY(engine.start(5000).hasValue());
        Collector deadLetters(*endpoint, topics::kDeadLetters);
        Collector outputs(*endpoint, topics::kCommentary);
        for (const char *value : {"boom", "fine", "boom", "boom"})
            QVERIFY(producer->produce(topics::kCommentaryQueries, "k", value));
        QVERIFY(producer->flush(5000));
        QTRY_VERIFY_WITH_TIMEOUT(outputs.size() == 3, 10000); // "fine", once per stage
        QTRY_VERIFY_WITH_TIMEOUT(deadLetters.size() == 3, 10000);
        QTest::qWait(500);
        QCOMPARE(deadLetters.size(), size_t(3)); // three junk records, each copied once
        for (const auto &[name, snapshot] : engine.snapshots())
            QCOMPARE(snapshot.deadLettered, quint64(3));
    }

    // A switch toggled faster than it applies (issue 22, item 10): the toggles are applied
    // one at a time, never a start beside a stop, and the stage ends as the last click said.
    void aBurstOfTogglesEndsAsTheLastOneSaid()
    {
        const auto endpoint = KafkaEndpoint::prepare(std::nullopt).value();
        auto producer = KafkaProducer::create(endpoint->clientConfig()).value();
        std::vector<StageDefinition> stages;
        stages.push_back({QStringLiteral("fragile"),
                          QStringLiteral("test"),
                          {QString::fromLatin1(topics::kCommentaryQueries)},
                          {QString::fromLatin1(topics::kCommentary)},
                          [] { return std::make_unique<FragileProcessor>(); },
                          QString()});
        PipelineEngine engine(endpoint->clientConfig(), *producer, std::move(stages));
        QVERIFY(engine.start(5000).hasValue());
        Collector outputs(*endpoint, topics::kCommentary);
        const QString stage = QStringLiteral("fragile");
        auto burst = [&](int toggles) {
            QList<QFuture<bool>> applied;
            for (int i = 0; i < toggles; ++i) {
                QVERIFY(engine.want(stage, i % 2 == 1)); // the last (odd) one switches it on
                applied << QtConcurrent::run([&engine, &stage] { return engine.applyWanted(stage, 5000).hasValue(); });
            }
            for (auto &future : applied)
                QVERIFY(future.result());
        };
        burst(40); // ends on
        QVERIFY(engine.snapshots().at(stage).enabled);
        QVERIFY(producer->produce(topics::kCommentaryQueries, "k", "after the burst"));
        QVERIFY(producer->flush(5000));
        QTRY_VERIFY_WITH_TIMEOUT(outputs.size() == 1, 10000);
        burst(41); // ends off
        QVERIFY(!engine.snapshots().at(stage).enabled);
        QVERIFY(producer->produce(topics::kCommentaryQueries, "k", "while off"));
        QVERIFY(producer->flush(5000));
        QTest::qWait(500);
        QCOMPARE(outputs.size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestPipeline)
#include "tst_pipeline.moc"
