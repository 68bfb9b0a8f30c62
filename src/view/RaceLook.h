#pragma once
// What the views show of a race from its library record: its drivers and teams (a real
// race's own, else the built-in grid), its track outline and what its source lacks.

#include "core/Grid.h"

#include <QPointF>
#include <QString>
#include <QVector>

namespace pitwall {

struct RaceRecord;

struct RaceLook {
    Grid grid = Grid::builtIn();
    QVector<QPointF> outline; // a real race's track outline, metres; empty: the built-in circuit
    bool real = false;        // a real race (live timing, OpenF1...), not the simulator
    bool lacksCarData = false;
    QString gridProblem; // why a real race's own grid could not be read (the built-in one is used)

    // race null: the simulator's race (the built-in grid and circuit).
    static RaceLook of(const RaceRecord *race);
};

} // namespace pitwall
