// The anomaly list's confidence column (issue 20): the row's own confidence from the
// telemetry stage, shown with the precision that tells rows apart.

#include "view/AnomalyListModel.h"
#include "ml/ArimaConfig.h"
#include "pipeline/AnomalyStages.h"

#include <QtTest>

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
