#pragma once
// The live standing as a table: position, change since the previous update, car
// number, driver (with the team colour), team, gap to the leader, tyre, pit stops, speed.

#include "core/Grid.h"
#include "core/Messages.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QVector>

namespace pitwall {

class LeaderboardModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Position, Change, Number, DriverName, TeamName, Gap, Tyre, PitStops, Speed, ColumnCount };

    explicit LeaderboardModel(const Grid &grid, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Replaces the standing (ordered by position).
    void setStanding(const QVector<PositionUpdate> &standing);
    void clear();

private:
    struct Row {
        PositionUpdate update;
        int change = 0; // places gained (+) or lost (-) since the previous update
    };
    QVariant displayData(const Row &row, int column) const;

    const Grid &m_grid;
    QVector<Row> m_rows;
    QHash<QString, Row> m_lastSeen; // by driver name
};

} // namespace pitwall
