// The race context (what MCP's list_anomalies and the WebSocket/overlay feed read) holds the
// anomalies of both detector stages: the demo's per-team engine rows beside the per-car
// telemetry rows, each saying where it came from.

#include "context/RaceContext.h"
#include "core/AnomalyRow.h"
#include "core/JsonCodec.h"
#include "core/Topics.h"

#include <QtTest>
#include <cmath>

using namespace pitwall;

namespace {

KafkaRecord record(const char *topic, QByteArray value)
{
    KafkaRecord r;
    r.topic = QString::fromLatin1(topic);
    r.value = std::move(value);
    return r;
}

} // namespace

class TestContextAnomalies : public QObject {
    Q_OBJECT

private slots:
    void engineRowsTakeTheCommonShape()
    {
        const EngineAnomaly row{
            QStringLiteral("race-7"), 1'000, QStringLiteral("Ferrari"), 129.5, true, 104.0, 100.5, 107.5, 99.2};
        const auto common = anomalyRowOf(row);
        QCOMPARE(common.source, AnomalySource::Engine);
        QCOMPARE(common.anomaly.raceId, QStringLiteral("race-7"));
        QVERIFY(common.anomaly.driverName.isEmpty());
        QCOMPARE(common.anomaly.metric, QStringLiteral("engine_temperature"));
        QCOMPARE(common.anomaly.actual, 129.5);
        QCOMPARE(common.anomaly.confidence, 99.2);
        QCOMPARE(QByteArray(anomalyTopic(common.source)), QByteArray(topics::kCarMetricsAnomalies));
        // 129.5 is 22 above a band 7 wide.
        QCOMPARE(bandExcursion(common.anomaly), 22.0 / 7.0);
        const auto bare = anomalyRowOf(
            EngineAnomaly{QStringLiteral("race-7"), 1'000, QStringLiteral("Ferrari"), 129.5, true, {}, {}, {}, {}});
        QVERIFY(std::isnan(bare.anomaly.confidence));
        QVERIFY(std::isnan(bandExcursion(bare.anomaly)));
    }

    void listAnomaliesAndTheFeedCarryEngineRows()
    {
        RaceContext context;
        QVERIFY(RaceContext::topics().contains(QString::fromLatin1(topics::kCarMetricsAnomalies)));
        const TelemetryAnomaly brake{QStringLiteral("race-7"),
                                     QStringLiteral("Lando Norris"),
                                     QStringLiteral("McLaren"),
                                     QStringLiteral("brake_temp_fl"),
                                     2'000,
                                     900,
                                     600,
                                     550,
                                     650,
                                     99.99,
                                     true};
        const EngineAnomaly engine{
            QStringLiteral("race-7"), 3'000, QStringLiteral("Ferrari"), 129.5, true, 104.0, 100.5, 107.5, 99.2};
        EngineAnomaly inside = engine;
        inside.isAnomaly = false; // a row inside its band is not news
        inside.tsMs = 3'500;
        RaceContext::Cursors cursors;
        context.newSince(cursors, 100);
        context.ingest({record(topics::kTelemetryAnomalies, codec::encode(brake)),
                        record(topics::kCarMetricsAnomalies, codec::encode(engine)),
                        record(topics::kCarMetricsAnomalies, codec::encode(inside)),
                        record(topics::kCarMetricsAnomalies, QByteArray("{\"key\": 3}"))});
        QCOMPARE(context.rejected(), quint64(1));

        const auto rows = context.anomaliesSince(0, 10); // newest first
        QCOMPARE(rows.size(), 2);
        const auto engineJson = rows.at(0).toObject();
        QCOMPARE(engineJson.value("source").toString(), QStringLiteral("f1-car-metrics-anomalies"));
        QCOMPARE(engineJson.value("team_name").toString(), QStringLiteral("Ferrari"));
        QVERIFY(engineJson.value("driver_name").isNull());
        QCOMPARE(engineJson.value("metric").toString(), QStringLiteral("engine_temperature"));
        QCOMPARE(engineJson.value("confidence").toDouble(), 99.2);
        QCOMPARE(engineJson.value("lower_bound").toDouble(), 100.5);
        const auto brakeJson = rows.at(1).toObject();
        QCOMPARE(brakeJson.value("source").toString(), QStringLiteral("f1-telemetry-anomalies"));
        QCOMPARE(brakeJson.value("driver_name").toString(), QStringLiteral("Lando Norris"));
        QCOMPARE(context.anomaliesSince(2'500, 10).size(), 1);

        // The WebSocket feed (and the overlay it serves) gets both, oldest first.
        const auto update = context.newSince(cursors, 100);
        const auto fed = update.value("anomalies").toArray();
        QCOMPARE(fed.size(), 2);
        QCOMPARE(fed.at(1).toObject().value("source").toString(), QStringLiteral("f1-car-metrics-anomalies"));

        // A demo row without band or confidence says so with nulls, not made-up numbers.
        context.ingest(
            {record(topics::kCarMetricsAnomalies,
                    codec::encode(
                        EngineAnomaly{QStringLiteral("race-7"), 4'000, QStringLiteral("Williams"), 127.0, true, {}, {}, {}, {}}))});
        const auto bare = context.anomaliesSince(4'000, 10).at(0).toObject();
        QVERIFY(bare.value("confidence").isNull());
        QVERIFY(bare.value("upper_bound").isNull());
        QCOMPARE(bare.value("actual_value").toDouble(), 127.0);
    }
};

QTEST_GUILESS_MAIN(TestContextAnomalies)
#include "tst_contextanomalies.moc"
