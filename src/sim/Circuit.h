#pragma once
// A real circuit as data (resources/circuits/*.json): length, race laps, the corners
// with their typical apex speeds, DRS zones, sectors and the pit lane. The centreline
// is built from the corners (TrackGeometry); the speed along a lap from the apex
// speeds and the car's limits (SpeedProfile).

#include "core/Expected.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QVector>

namespace pitwall {

struct Corner {
    QString name;
    double apexM = 0;        // distance from the start line to the apex
    double angleDeg = 0;     // heading change: + left, - right
    double apexSpeedKph = 0; // typical race apex speed
    double radiusM = 0;      // 0: derived from the apex speed at the car's cornering limit
};

struct DrsZone {
    double detectionM = 0;
    double startM = 0;
    double endM = 0;
};

struct Circuit {
    QString id;        // "monza"
    QString name;      // "Autodromo Nazionale Monza"
    QString grandPrix; // "Italian Grand Prix"
    double lengthM = 0;
    int laps = 0;
    double dragFactor = 1.0; // the downforce level teams run here (Monza < 1 < Monaco)
    double pitEntryM = 0;    // pit lane from entry (before the line) ...
    double pitExitM = 0;     // ... to exit (after the line)
    double pitLossS = 20;    // typical time lost by a stop, stationary time included
    double sector1EndM = 0;
    double sector2EndM = 0;
    double ambientC = 25;
    QVector<Corner> corners; // ordered by apex distance
    QVector<DrsZone> drsZones;

    static Expected<Circuit> fromJson(QByteArrayView json);
    // Built-in circuits, from the resources; ids in lap-length order of the data files.
    static QStringList builtInIds();
    static Expected<Circuit> builtIn(const QString &id);

    // Wraps any distance into [0, lengthM).
    double wrap(double distanceM) const;
    // Which sector (0, 1, 2) a lap distance falls in.
    int sectorAt(double lapDistanceM) const;
    // Whether lapDistanceM lies in the pit lane section around the line.
    bool inPitLane(double lapDistanceM) const;
};

} // namespace pitwall
