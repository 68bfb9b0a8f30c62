#include "core/Grid.h"

#include <QSet>
#include <QtTest>

using namespace pitwall;

class TestGrid : public QObject {
    Q_OBJECT

private slots:
    void builtInGridIsAFullGrid()
    {
        const auto &grid = Grid::builtIn();
        QCOMPARE(grid.teams().size(), 10);
        QCOMPARE(grid.drivers().size(), 20);
        QSet<QString> names;
        QSet<int> numbers;
        for (const auto &driver : grid.drivers()) {
            names.insert(driver.name);
            numbers.insert(driver.number);
            QCOMPARE(driver.code.size(), 3);
        }
        QCOMPARE(names.size(), 20);
        QCOMPARE(numbers.size(), 20);
        // Team names as the demo writes them on its topics.
        for (const char *team : {"Mercedes", "Red Bull Racing", "Ferrari", "McLaren", "Aston Martin", "Alpine"})
            QVERIFY2(grid.findTeam(QString::fromLatin1(team)), team);
        QCOMPARE(grid.teamOf(*grid.findDriver(QStringLiteral("Max Verstappen"))).name, QStringLiteral("Red Bull Racing"));
        QCOMPARE(grid.findTeam(QStringLiteral("McLaren"))->colour, QStringLiteral("#FF8000"));
        QVERIFY(!grid.findDriver(QStringLiteral("Ayrton Senna")));
    }

    void badGridFiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("{") << "not JSON";
        QTest::newRow("no teams") << QByteArray("{\"teams\":[]}") << "no teams";
        QTest::newRow("bad colour") << QByteArray("{\"teams\":[{\"name\":\"A\",\"colour\":\"red\",\"drivers\":[]}]}") << "colour";
        QTest::newRow("no drivers") << QByteArray("{\"teams\":[{\"name\":\"A\",\"colour\":\"#000000\",\"drivers\":[]}]}") << "no drivers";
        QTest::newRow("bad code") << QByteArray("{\"teams\":[{\"name\":\"A\",\"colour\":\"#000000\",\"drivers\":[{\"name\":\"X\",\"code\":\"XXXX\",\"number\":3}]}]}")
                                  << "3-letter";
        QTest::newRow("duplicate number") << QByteArray("{\"teams\":[{\"name\":\"A\",\"colour\":\"#000000\",\"drivers\":[{\"name\":\"X\",\"code\":\"XXX\",\"number\":3},{\"name\":\"Y\",\"code\":\"YYY\",\"number\":3}]}]}")
                                          << "twice";
    }

    void badGridFiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const auto grid = Grid::fromJson(json);
        QVERIFY(!grid.hasValue());
        QVERIFY2(grid.error().message.contains(expected), qPrintable(grid.error().message));
    }

    void missingFileIsAClearError()
    {
        const auto grid = Grid::fromFile(QStringLiteral("/nonexistent/grid.json"));
        QVERIFY(!grid.hasValue());
        QVERIFY(grid.error().message.contains(QLatin1String("/nonexistent/grid.json")));
    }
};

QTEST_GUILESS_MAIN(TestGrid)
#include "tst_grid.moc"
