#include "LeaderboardModel.h"

#include "DisplayNames.h"

#include <QColor>
#include <QFont>

namespace pitwall {

LeaderboardModel::LeaderboardModel(const Grid &grid, QObject *parent)
    : QAbstractTableModel(parent)
    , m_grid(grid)
{
    m_wallClock.start();
}

int LeaderboardModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LeaderboardModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LeaderboardModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Position: return tr("Pos");
    case Change: return tr("+/-");
    case Number: return tr("No.");
    case DriverName: return tr("Driver");
    case TeamName: return tr("Team");
    case Gap: return tr("Gap");
    case Interval: return tr("Interval");
    case LastLap: return tr("Last lap");
    case Tyre: return tr("Tyre");
    case PitStops: return tr("Pits");
    case Speed: return tr("Speed (km/h)");
    }
    return {};
}

QVariant LeaderboardModel::displayData(const Row &row, int column) const
{
    const auto &update = row.update;
    switch (column) {
    case Position: return update.position;
    case Change:
        if (row.change > 0)
            return QStringLiteral("\u25B2 %1").arg(row.change);
        if (row.change < 0)
            return QStringLiteral("\u25BC %1").arg(-row.change);
        return QStringLiteral("\u2013");
    case Number:
        if (const auto *driver = m_grid.findDriver(update.driverName))
            return driver->number;
        return {};
    case DriverName: return update.driverName;
    case TeamName: return update.teamName.value_or(QString());
    case Gap:
        if (update.status == QLatin1String("retired"))
            return tr("OUT");
        if (update.status == QLatin1String("pit"))
            return tr("PIT");
        if (update.position == 1)
            return update.status == QLatin1String("finished") ? tr("Winner") : tr("Leader");
        return update.gapToLeaderS ? QStringLiteral("+%1").arg(*update.gapToLeaderS, 0, 'f', 3) : QString();
    case Interval:
        if (update.position == 1 || update.status == QLatin1String("retired"))
            return {};
        return update.intervalS ? QStringLiteral("+%1").arg(*update.intervalS, 0, 'f', 3) : QString();
    case LastLap: {
        const qint64 lapMs = m_lastLapMs.value(update.driverName);
        return lapMs > 0 ? DisplayNames::lapTime(lapMs) : QString();
    }
    case Tyre:
        if (!update.tyre)
            return {};
        return QStringLiteral("%1 (%2)").arg(update.tyre->left(1)).arg(update.tyreAgeLaps.value_or(0));
    case PitStops: return update.pitStops ? QVariant(*update.pitStops) : QVariant();
    case Speed: return update.speedKph ? QString::number(*update.speedKph, 'f', 1) : QStringLiteral("\u2014");
    }
    return {};
}

QVariant LeaderboardModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const auto &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return displayData(row, index.column());
    case Qt::DecorationRole:
        if (index.column() == DriverName) {
            const auto *team = m_grid.findTeam(row.update.teamName.value_or(QString()));
            return team ? QColor(team->colour) : QColor(Qt::gray);
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Change && row.change != 0)
            return row.change > 0 ? QColor(0x2e, 0xcc, 0x71) : QColor(0xe7, 0x4c, 0x3c);
        if (index.column() == Tyre && row.update.tyre) {
            // The compound colours of the broadcast graphics.
            const auto &tyre = *row.update.tyre;
            return tyre == QLatin1String("SOFT")     ? QColor(0xe1, 0x06, 0x00)
                   : tyre == QLatin1String("MEDIUM") ? QColor(0xd4, 0xa0, 0x00)
                                                     : QColor(0x70, 0x70, 0x70);
        }
        if (row.update.status == QLatin1String("retired"))
            return QColor(Qt::gray);
        return {};
    case Qt::BackgroundRole: {
        const qint64 sinceChange = m_wallClock.elapsed() - row.changedAtMs;
        if (row.change != 0 && row.changedAtMs > 0 && sinceChange < kChangeGlowMs) {
            QColor glow = row.change > 0 ? QColor(0x2e, 0xcc, 0x71) : QColor(0xe7, 0x4c, 0x3c);
            glow.setAlpha(int(110 * (1.0 - double(sinceChange) / kChangeGlowMs)));
            return glow;
        }
        if (row.update.driverName == m_followed)
            return QColor(0xff, 0x80, 0x00, 70);
        return {};
    }
    case Qt::TextAlignmentRole:
        if (index.column() == DriverName || index.column() == TeamName || index.column() == Tyre)
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole:
        if (index.column() == Position || index.column() == DriverName) {
            static const QFont bold = [] { // made once: the view asks for every cell on every paint
                QFont font;
                font.setBold(true);
                return font;
            }();
            return bold;
        }
        return {};
    }
    return {};
}

void LeaderboardModel::setStanding(const QVector<PositionUpdate> &standing)
{
    QVector<Row> rows;
    rows.reserve(standing.size());
    for (const auto &update : standing) {
        // The change is measured between a driver's successive updates, so it stays
        // visible until that driver's next update, however often the view refreshes.
        auto known = m_lastSeen.find(update.driverName);
        if (known == m_lastSeen.end()) {
            known = m_lastSeen.insert(update.driverName, Row{update, 0});
        } else if (update.timestampMs > known->update.timestampMs) {
            const int change = known->update.position - update.position;
            if (change != 0)
                known->changedAtMs = m_wallClock.elapsed();
            known->change = change;
            known->update = update;
        } else if (update.timestampMs < known->update.timestampMs) {
            // The race clock went back to an earlier moment: show it as it was, no glow.
            *known = Row{update, 0};
        }
        rows.push_back(*known);
    }
    if (rows.size() == m_rows.size()) {
        m_rows = std::move(rows);
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void LeaderboardModel::setFollowedDriver(const QString &driver)
{
    m_followed = driver;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1), {Qt::BackgroundRole});
}

void LeaderboardModel::setLastLap(const QString &driver, qint64 lapTimeMs)
{
    m_lastLapMs.insert(driver, lapTimeMs);
}

void LeaderboardModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_lastSeen.clear();
    m_lastLapMs.clear();
    endResetModel();
}

} // namespace pitwall
