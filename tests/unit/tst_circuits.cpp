// The circuits shipped as data: they load, close, draw a clean map and run at
// plausible speeds.

#include "sim/Circuit.h"
#include "sim/SpeedProfile.h"
#include "sim/TrackGeometry.h"

#include <QLineF>
#include <QtTest>

using namespace pitwall;

namespace {

double turn(QPointF o, QPointF a, QPointF b)
{
    return (a.x() - o.x()) * (b.y() - o.y()) - (a.y() - o.y()) * (b.x() - o.x());
}

// Proper crossings only (each segment's ends strictly on both sides of the other), so
// the collinear pieces of a straight never count.
int selfCrossings(const QVector<QPointF> &points)
{
    int crossings = 0;
    const int n = int(points.size());
    for (int i = 0; i < n; ++i) {
        const QPointF a = points[i], b = points[(i + 1) % n];
        for (int j = i + 2; j < n; ++j) {
            if (i == 0 && j == n - 1)
                continue;
            const QPointF c = points[j], d = points[(j + 1) % n];
            if (turn(a, b, c) * turn(a, b, d) < 0 && turn(c, d, a) * turn(c, d, b) < 0)
                ++crossings;
        }
    }
    return crossings;
}

} // namespace

class TestCircuits : public QObject {
    Q_OBJECT

private slots:
    void atLeastSixRealCircuits()
    {
        const auto ids = Circuit::builtInIds();
        QVERIFY(ids.size() >= 6);
        for (const char *id : {"monza", "silverstone", "spa", "monaco", "suzuka", "interlagos"})
            QVERIFY2(ids.contains(QString::fromLatin1(id)), id);
    }

    void realLengthsAndDistances_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<double>("lengthM");
        QTest::addColumn<int>("laps");
        // FIA-homologated lengths and Grand Prix distances.
        QTest::newRow("monza") << "monza" << 5793.0 << 53;
        QTest::newRow("silverstone") << "silverstone" << 5891.0 << 52;
        QTest::newRow("spa") << "spa" << 7004.0 << 44;
        QTest::newRow("monaco") << "monaco" << 3337.0 << 78;
        QTest::newRow("suzuka") << "suzuka" << 5807.0 << 53;
        QTest::newRow("interlagos") << "interlagos" << 4309.0 << 71;
        QTest::newRow("red-bull-ring") << "red-bull-ring" << 4318.0 << 71;
    }

    void realLengthsAndDistances()
    {
        QFETCH(QString, id);
        QFETCH(double, lengthM);
        QFETCH(int, laps);
        const auto circuit = Circuit::builtIn(id);
        QVERIFY2(circuit.hasValue(), circuit.hasValue() ? "" : qPrintable(circuit.error().message));
        QCOMPARE(circuit->lengthM, lengthM);
        QCOMPARE(circuit->laps, laps);
        QVERIFY(!circuit->drsZones.isEmpty());
        QVERIFY(circuit->corners.size() >= 8);

        const TrackGeometry geometry(*circuit);
        const auto &points = geometry.centreline();
        double drawn = 0;
        for (int i = 0; i < points.size(); ++i)
            drawn += QLineF(points[i], points[(i + 1) % points.size()]).length();
        // The closed centreline is the lap, give or take the closing correction.
        QVERIFY2(std::abs(drawn / lengthM - 1) < 0.05, qPrintable(QString::number(drawn)));
        // A clean map: only Suzuka's figure of eight crosses itself, once.
        QCOMPARE(selfCrossings(points), id == QLatin1String("suzuka") ? 1 : 0);

        const SpeedProfile profile(*circuit);
        QVERIFY2(profile.topSpeedMs() * 3.6 > 290 && profile.topSpeedMs() * 3.6 < 370,
                 qPrintable(QString::number(profile.topSpeedMs() * 3.6)));
        double slowest = 1e9;
        for (double s = 0; s < lengthM; s += 5)
            slowest = std::min(slowest, profile.at(s).speedMs * 3.6);
        QVERIFY(slowest >= 45 && slowest <= 130);
    }

    void badCircuitDataIsRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        const QByteArray head = "{\"id\":\"x\",\"name\":\"X\",\"length_m\":5000,\"laps\":50,\"sectors_end_m\":[1000,3000],"
                                "\"pit_lane\":{\"entry_m\":4800,\"exit_m\":200,\"loss_s\":20},";
        QTest::newRow("not json") << QByteArray("[") << "not a JSON object";
        QTest::newRow("length") << QByteArray("{\"id\":\"x\",\"name\":\"X\",\"length_m\":5}") << "length_m";
        QTest::newRow("few corners") << QByteArray(head + "\"corners\":[]}") << "at least 4 corners";
        QTest::newRow("open lap") << QByteArray(head + "\"corners\":[{\"at\":100,\"angle\":-90,\"speed\":100},{\"at\":200,\"angle\":-90,\"speed\":100},{\"at\":300,\"angle\":-90,\"speed\":100},{\"at\":400,\"angle\":-10,\"speed\":100}]}")
                                  << "must close";
        QTest::newRow("unordered") << QByteArray(head + "\"corners\":[{\"at\":300,\"angle\":-90,\"speed\":100},{\"at\":200,\"angle\":-90,\"speed\":100}]}")
                                   << "out of order";
        QTest::newRow("silly speed") << QByteArray(head + "\"corners\":[{\"at\":300,\"angle\":-90,\"speed\":900}]}") << "impossible";
    }

    void badCircuitDataIsRefused()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const auto circuit = Circuit::fromJson(json);
        QVERIFY(!circuit.hasValue());
        QVERIFY2(circuit.error().message.contains(expected), qPrintable(circuit.error().message));
    }
};

QTEST_GUILESS_MAIN(TestCircuits)
#include "tst_circuits.moc"
