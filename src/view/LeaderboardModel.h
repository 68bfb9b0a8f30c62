#pragma once
// The live standing as a table: position, change since the previous update, car
// number, driver (with the team colour), team, gap to the leader, interval, last lap,
// tyre and its age, pit stops, speed. The followed driver is highlighted; a driver who
// just gained or lost places glows green or red for a moment.

#include "core/Grid.h"
#include "core/Messages.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QVector>

namespace pitwall {

class LeaderboardModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Position, Change, Number, DriverName, TeamName, Gap, Interval, LastLap, Tyre, PitStops, Speed, ColumnCount };
    static constexpr qint64 kChangeGlowMs = 2000;

    explicit LeaderboardModel(const Grid &grid, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Replaces the standing (ordered by position).
    void setStanding(const QVector<PositionUpdate> &standing);
    void clear();
    void setFollowedDriver(const QString &driver);
    QString followedDriver() const { return m_followed; }
    void setLastLap(const QString &driver, qint64 lapTimeMs);

private:
    struct Row {
        PositionUpdate update;
        int change = 0;         // places gained (+) or lost (-) since the previous update
        qint64 changedAtMs = 0; // wall clock (ms since the model's start) of the last change
    };
    QVariant displayData(const Row &row, int column) const;

    const Grid &m_grid;
    QVector<Row> m_rows;
    QHash<QString, Row> m_lastSeen; // by driver name
    QHash<QString, qint64> m_lastLapMs;
    QString m_followed;
    QElapsedTimer m_wallClock;
};

} // namespace pitwall
