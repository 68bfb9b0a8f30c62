#pragma once
// What the window shows of a race from the F1 game while it runs: the receiver's status
// (and the address to type into the game), the game's own grid once it is known, the
// session's laps, and the circuit drawn from the followed car's path once it has closed
// a lap.

#include "core/Grid.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>

namespace pitwall {

class RaceSession;
class RaceStatusBar;
class RaceViewStore;
class TrackMapWidget;

class GameSessionView : public QObject {
    Q_OBJECT
public:
    GameSessionView(const RaceViewStore &store, TrackMapWidget &map, RaceStatusBar &gauges, QObject *parent);

    // A new game session: nothing known yet; this machine's addresses read once.
    void reset();
    // The latest of the session (each statistics tick); `followed` is the driver whose path draws the map.
    void update(const RaceSession &session, const QString &followed);

signals:
    void gridKnown(const pitwall::Grid &grid, const QString &player);
    void lapsKnown(int laps); // 0: not a race of set laps

private:
    void drawOutline(const QString &followed, const QString &track);

    const RaceViewStore &m_store;
    TrackMapWidget &m_map;
    RaceStatusBar &m_gauges;
    QStringList m_addresses; // this machine's IPv4 addresses
    QJsonObject m_grid;      // the game's grid as last applied
    int m_laps = -1;
    bool m_outlineSet = false;
    qint64 m_outlineTriedMs = -1; // race ms of the last search for a closed lap (not every tick)
};

} // namespace pitwall
