#pragma once
// The leaderboard's table view: its model, cell delegate, row height and column widths
// (wide enough for translated headers).

class QTableView;

namespace pitwall {

class LeaderboardModel;

void setUpLeaderboardTable(QTableView &view, LeaderboardModel &model);

} // namespace pitwall
