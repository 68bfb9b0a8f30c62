#include "sim/PlaceholderRace.h"

#include <QSet>
#include <QtTest>

using namespace pitwall;

class TestPlaceholderRace : public QObject {
    Q_OBJECT

private slots:
    void everyTickIsAPermutationOfTheGrid()
    {
        PlaceholderRace race(Grid::builtIn(), QStringLiteral("r1"), 7);
        int changes = 0;
        QVector<PositionUpdate> previous;
        for (int tick = 0; tick < 200; ++tick) {
            const auto updates = race.tick(1000 + tick * 1000);
            QCOMPARE(updates.size(), Grid::builtIn().drivers().size());
            QSet<QString> drivers;
            for (int i = 0; i < updates.size(); ++i) {
                QCOMPARE(updates[i].position, i + 1);
                QCOMPARE(updates[i].raceId, QStringLiteral("r1"));
                QCOMPARE(updates[i].timestampMs, 1000 + tick * 1000);
                QVERIFY(*updates[i].speedKph >= 90.0 && *updates[i].speedKph <= 340.0);
                QCOMPARE(*updates[i].teamName, Grid::builtIn().teamOf(*Grid::builtIn().findDriver(updates[i].driverName)).name);
                drivers.insert(updates[i].driverName);
            }
            QCOMPARE(drivers.size(), updates.size());
            if (!previous.isEmpty() && previous.first().driverName != updates.first().driverName)
                ++changes;
            for (int i = 0; i < updates.size() && !previous.isEmpty(); ++i)
                changes += previous[i].driverName != updates[i].driverName;
            previous = updates;
        }
        QVERIFY2(changes > 50, "the order should change now and then");
    }

    void sameSeedSameRace()
    {
        PlaceholderRace a(Grid::builtIn(), QStringLiteral("r"), 42);
        PlaceholderRace b(Grid::builtIn(), QStringLiteral("r"), 42);
        PlaceholderRace c(Grid::builtIn(), QStringLiteral("r"), 43);
        bool differs = false;
        for (int tick = 0; tick < 20; ++tick) {
            const auto ua = a.tick(tick), ub = b.tick(tick), uc = c.tick(tick);
            QCOMPARE(ua, ub);
            differs = differs || ua != uc;
        }
        QVERIFY(differs);
    }
};

QTEST_GUILESS_MAIN(TestPlaceholderRace)
#include "tst_placeholderrace.moc"
