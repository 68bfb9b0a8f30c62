#pragma once
// The leaderboard's table view: its model, cell delegate, row height and column widths
// (wide enough for translated headers); a double-clicked row chooses that driver.

#include <QObject>

class QTableView;

namespace pitwall {

class LeaderboardModel;

class LeaderboardTable : public QObject {
    Q_OBJECT
public:
    LeaderboardTable(QTableView &view, LeaderboardModel &model);

signals:
    void driverChosen(const QString &driver);
};

} // namespace pitwall
