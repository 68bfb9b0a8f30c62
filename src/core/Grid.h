#pragma once
// The teams and drivers of a season, loaded from a JSON data file (resources/grid).

#include "Expected.h"

#include <QByteArrayView>
#include <QString>
#include <QVector>

namespace pitwall {

struct Team {
    QString name;    // as on the demo's topics, e.g. "Red Bull Racing"
    QString colour;  // "#RRGGBB"
    double pace = 0; // simulator: lap-time deficit to the fastest team (fraction)
};

struct Driver {
    QString name; // full name, the demo's driver_name
    QString code; // three-letter timing code
    int number = 0;
    int teamIndex = 0;
    double skill = 0;            // simulator: own lap-time offset (fraction, negative is faster)
    double consistency = 0.0025; // simulator: standard deviation of lap times (fraction)
};

class Grid {
public:
    static Expected<Grid> fromJson(QByteArrayView json);
    static Expected<Grid> fromFile(const QString &path);
    // The grid shipped in the executable's resources.
    static const Grid &builtIn();

    int season() const { return m_season; }
    const QVector<Team> &teams() const { return m_teams; }
    const QVector<Driver> &drivers() const { return m_drivers; }
    const Team &teamOf(const Driver &driver) const { return m_teams.at(driver.teamIndex); }
    // nullptr when nobody of that name is on the grid.
    const Driver *findDriver(const QString &name) const;
    const Team *findTeam(const QString &name) const;

private:
    int m_season = 0;
    QVector<Team> m_teams;
    QVector<Driver> m_drivers;
};

} // namespace pitwall
