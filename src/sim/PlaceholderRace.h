#pragma once
// A deliberately simple race for the walking skeleton: once a second every driver
// reports a position and a speed, and now and then two neighbours swap places.
// The real simulator (tracks, cars, telemetry) replaces it.

#include "core/Grid.h"
#include "core/Messages.h"

#include <QVector>
#include <random>

namespace pitwall {

class PlaceholderRace {
public:
    PlaceholderRace(const Grid &grid, QString raceId, quint64 seed);

    // One tick of racing: returns an update for every driver, ordered by position.
    QVector<PositionUpdate> tick(qint64 timestampMs);
    const QString &raceId() const { return m_raceId; }

private:
    const Grid &m_grid;
    QString m_raceId;
    std::mt19937_64 m_random;
    QVector<int> m_order;      // driver indices, leader first
    QVector<double> m_speeds;  // km/h per driver index
};

} // namespace pitwall
