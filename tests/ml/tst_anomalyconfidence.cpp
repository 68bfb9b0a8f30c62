// The anomaly list's confidence column (issue 20): the row's own confidence from the
// telemetry stage, shown with the precision that tells rows apart.

#include "core/JsonCodec.h"
#include "view/AnomalyListModel.h"
#include "core/Topics.h"
#include "ml/AnomalyScore.h"
#include "ml/ArimaConfig.h"
#include "pipeline/AnomalyStages.h"

#include <QtTest>
#include <cmath>

using namespace pitwall;

class TestAnomalyConfidence : public QObject {
    Q_OBJECT

private slots:
    void rowConfidenceGrowsWithTheDistance()
    {
        const double z = ml::zForConfidence(99.999);
        ml::DetectionRow row;
        row.forecast = 100;
        row.lowerBound = 100 - z * 2; // a band of 2 degrees' deviation
        row.upperBound = 100 + z * 2;
        row.actual = 110; // 5 deviations
        const double five = TelemetryAnomalyProcessor::rowConfidence(row, z);
        QVERIFY(qAbs(five - 99.99994267) < 1e-6);
        row.actual = 109; // 4.5 deviations
        const double fourAndAHalf = TelemetryAnomalyProcessor::rowConfidence(row, z);
        QVERIFY(fourAndAHalf < five);
        QVERIFY(AnomalyListModel::confidenceText(five) != AnomalyListModel::confidenceText(fourAndAHalf));
    }

    // The demo's engine-temperature rows (issue 20) carry their band and the same confidence.
    void engineAnomalyCarriesItsConfidence()
    {
        ml::ArimaConfig config;
        config.horizon = 1;
        config.confidencePercentage = 90.0;
        config.minTrainingSize = 16;
        EngineAnomalyProcessor stage(config);
        std::vector<StageOutput> out;
        for (int i = 0; i < 200 && out.empty(); ++i) {
            const double temperature = i < 150 ? 110.0 + 0.3 * std::sin(i * 0.7) : 160.0; // steady, then a jump
            const CarMetrics metrics{QStringLiteral("Alpine"), 1733000000000 + i * 1000, temperature};
            KafkaRecord record;
            record.topic = QString::fromLatin1(topics::kCarMetrics);
            record.key = QByteArrayLiteral("race-1");
            record.value = codec::encode(metrics);
            QVERIFY(!stage.process(record, out));
        }
        QVERIFY(!out.empty());
        const auto anomaly = codec::decodeEngineAnomaly(out.front().value);
        QVERIFY(anomaly.hasValue());
        QVERIFY(anomaly->forecast && anomaly->lowerBound && anomaly->upperBound && anomaly->confidence);
        QVERIFY(*anomaly->lowerBound < *anomaly->upperBound);
        QVERIFY(*anomaly->confidence > 90.0);
        QVERIFY(*anomaly->confidence <= 100.0);
        ml::DetectionRow row;
        row.actual = anomaly->engineTemperatureC;
        row.forecast = anomaly->forecast;
        row.lowerBound = anomaly->lowerBound;
        row.upperBound = anomaly->upperBound;
        QVERIFY(qAbs(*anomaly->confidence - ml::anomalyConfidence(row, ml::zForConfidence(90.0))) < 1e-3);
    }

    void confidenceText()
    {
        QCOMPARE(AnomalyListModel::confidenceText(85.2), QStringLiteral("85 %"));
        QCOMPARE(AnomalyListModel::confidenceText(99.97), QStringLiteral("99.970 %"));
        QCOMPARE(AnomalyListModel::confidenceText(99.99994267), QStringLiteral("99.999943 %"));
        QCOMPARE(AnomalyListModel::confidenceText(99.9996), QStringLiteral("99.99960 %"));
        QCOMPARE(AnomalyListModel::confidenceText(100.0), QStringLiteral("> 99.999999 %"));
    }
};

QTEST_GUILESS_MAIN(TestAnomalyConfidence)
#include "tst_anomalyconfidence.moc"
