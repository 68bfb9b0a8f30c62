#include "view/LeaderboardModel.h"

#include <QColor>
#include <QtTest>

using namespace pitwall;

namespace {

PositionUpdate at(const char *driver, const char *team, int position, qint64 ts)
{
    return PositionUpdate{QString::fromUtf8(driver), position, ts, QStringLiteral("r"), QString::fromUtf8(team), 250.0};
}

} // namespace

class TestLeaderboardModel : public QObject {
    Q_OBJECT

private slots:
    void showsStandingWithTeamColour()
    {
        LeaderboardModel model(Grid::builtIn());
        model.setStanding({at("Lando Norris", "McLaren", 1, 1), at("Max Verstappen", "Red Bull Racing", 2, 1)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(LeaderboardModel::ColumnCount));
        QCOMPARE(model.data(model.index(0, LeaderboardModel::DriverName), Qt::DisplayRole).toString(), QStringLiteral("Lando Norris"));
        QCOMPARE(model.data(model.index(1, LeaderboardModel::Number), Qt::DisplayRole).toInt(), 1);
        QCOMPARE(model.data(model.index(0, LeaderboardModel::DriverName), Qt::DecorationRole).value<QColor>(), QColor("#FF8000"));
        QCOMPARE(model.data(model.index(0, LeaderboardModel::Speed), Qt::DisplayRole).toString(), QStringLiteral("250.0"));
    }

    void changeIsKeptUntilTheDriversNextUpdate()
    {
        LeaderboardModel model(Grid::builtIn());
        model.setStanding({at("Lando Norris", "McLaren", 1, 1), at("Max Verstappen", "Red Bull Racing", 2, 1)});
        QCOMPARE(model.data(model.index(0, LeaderboardModel::Change), Qt::DisplayRole).toString(), QStringLiteral("\u2013"));
        model.setStanding({at("Max Verstappen", "Red Bull Racing", 1, 2), at("Lando Norris", "McLaren", 2, 2)});
        QCOMPARE(model.data(model.index(0, LeaderboardModel::Change), Qt::DisplayRole).toString(), QStringLiteral("\u25B2 1"));
        QCOMPARE(model.data(model.index(1, LeaderboardModel::Change), Qt::DisplayRole).toString(), QStringLiteral("\u25BC 1"));
        // A refresh with the same updates (no new tick) keeps the arrows.
        model.setStanding({at("Max Verstappen", "Red Bull Racing", 1, 2), at("Lando Norris", "McLaren", 2, 2)});
        QCOMPARE(model.data(model.index(0, LeaderboardModel::Change), Qt::DisplayRole).toString(), QStringLiteral("\u25B2 1"));
        // The next tick with no change clears them.
        model.setStanding({at("Max Verstappen", "Red Bull Racing", 1, 3), at("Lando Norris", "McLaren", 2, 3)});
        QCOMPARE(model.data(model.index(0, LeaderboardModel::Change), Qt::DisplayRole).toString(), QStringLiteral("\u2013"));
        // The race clock held at an earlier moment: that standing is shown as it was.
        model.setStanding({at("Lando Norris", "McLaren", 1, 1), at("Max Verstappen", "Red Bull Racing", 2, 1)});
        QCOMPARE(model.data(model.index(0, LeaderboardModel::DriverName), Qt::DisplayRole).toString(), QStringLiteral("Lando Norris"));
        QCOMPARE(model.data(model.index(0, LeaderboardModel::Position), Qt::DisplayRole).toInt(), 1);
        QCOMPARE(model.data(model.index(0, LeaderboardModel::Change), Qt::DisplayRole).toString(), QStringLiteral("\u2013"));
    }

    void followedDriverIsHighlighted()
    {
        LeaderboardModel model(Grid::builtIn());
        model.setStanding({at("Max Verstappen", "Red Bull Racing", 1, 1), at("Lando Norris", "McLaren", 2, 1)});
        QVERIFY(!model.data(model.index(1, LeaderboardModel::DriverName), Qt::BackgroundRole).isValid());
        model.setFollowedDriver(QStringLiteral("Lando Norris"));
        QVERIFY(model.data(model.index(1, LeaderboardModel::DriverName), Qt::BackgroundRole).isValid());
        QVERIFY(!model.data(model.index(0, LeaderboardModel::DriverName), Qt::BackgroundRole).isValid());
        model.setLastLap(QStringLiteral("Lando Norris"), 81'045);
        QCOMPARE(model.data(model.index(1, LeaderboardModel::LastLap), Qt::DisplayRole).toString(), QStringLiteral("1:21.045"));
    }

    void unknownDriverStillShown()
    {
        LeaderboardModel model(Grid::builtIn());
        model.setStanding({PositionUpdate{QStringLiteral("Guest Driver"), 1, 1, std::nullopt, std::nullopt, std::nullopt}});
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(!model.data(model.index(0, LeaderboardModel::Number), Qt::DisplayRole).isValid());
        QCOMPARE(model.data(model.index(0, LeaderboardModel::DriverName), Qt::DecorationRole).value<QColor>(), QColor(Qt::gray));
        QCOMPARE(model.data(model.index(0, LeaderboardModel::Speed), Qt::DisplayRole).toString(), QStringLiteral("\u2014"));
    }
};

QTEST_MAIN(TestLeaderboardModel)
#include "tst_leaderboardmodel.moc"
