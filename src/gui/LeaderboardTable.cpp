#include "LeaderboardTable.h"

#include "CachedTextDelegate.h"
#include "view/LeaderboardModel.h"

#include <QHeaderView>
#include <QTableView>

namespace pitwall {

LeaderboardTable::LeaderboardTable(QTableView &view, LeaderboardModel &model)
    : QObject(&view)
{
    view.setModel(&model);
    view.setItemDelegate(new CachedTextDelegate(&view));
    view.setIconSize(QSize(14, 14));
    auto *header = view.horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true); // the speed column takes what is left: no scroll bar
    view.verticalHeader()->setDefaultSectionSize(26);
    const std::pair<int, int> widths[] = {{LeaderboardModel::Position, 44},  {LeaderboardModel::Change, 44},
                                          {LeaderboardModel::Number, 40},    {LeaderboardModel::DriverName, 160},
                                          {LeaderboardModel::TeamName, 120}, {LeaderboardModel::Gap, 76},
                                          {LeaderboardModel::Interval, 76},  {LeaderboardModel::LastLap, 80},
                                          {LeaderboardModel::Tyre, 60},      {LeaderboardModel::PitStops, 40}};
    for (const auto &[column, width] : widths)
        header->resizeSection(column, width);
    // Translated headers can be longer than the English ones the widths were chosen for.
    for (int column = 0; column < LeaderboardModel::ColumnCount; ++column) {
        const QString title = model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        header->resizeSection(column, std::max(header->sectionSize(column), header->fontMetrics().horizontalAdvance(title) + 18));
    }
    view.setToolTip(tr("Double-click a driver to follow them"));
    connect(&view, &QAbstractItemView::doubleClicked, this, [this, &model](const QModelIndex &index) {
        emit driverChosen(model.data(model.index(index.row(), LeaderboardModel::DriverName), Qt::DisplayRole).toString());
    });
}

} // namespace pitwall
